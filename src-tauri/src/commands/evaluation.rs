//! 绩效评价 — 单位自评 (forms, coverage, the 自评表 workbook), 财政抽查复核 (draw, re-scoring) and
//! the year's figures. 重点评价 and 第三方机构 are in `evaluation_key`.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::evaluation::self_eval::{self, SelfEvalForm, SelfEvalInput, StartReport};
use jixiao_core::evaluation::self_list::{self, CoverageRow, SelfEvalPage, SelfEvalQuery};
use jixiao_core::evaluation::self_xlsx;
use jixiao_core::evaluation::spot::{self, DrawInput, DrawSummary, SpotDetail, SpotReviewInput};
use jixiao_core::evaluation::stats::{self, EvaluationListRow, EvaluationStats};
use jixiao_core::exchange::ImportReport;
use tauri::State;

#[tauri::command(async)]
pub fn evaluation_self_start(
    state: State<'_, AppState>,
    year: i32,
) -> Result<StartReport, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| self_eval::start_self_eval(ctx, year))?)
}

#[tauri::command(async)]
pub fn evaluation_self_list(
    state: State<'_, AppState>,
    query: SelfEvalQuery,
) -> Result<SelfEvalPage, IpcError> {
    Ok(state
        .db()?
        .read(|c| self_list::list_self_evals(c, &query))?)
}

#[tauri::command(async)]
pub fn evaluation_self_coverage(
    state: State<'_, AppState>,
    year: i32,
) -> Result<Vec<CoverageRow>, IpcError> {
    Ok(state.db()?.read(|c| self_list::self_coverage(c, year))?)
}

#[tauri::command(async)]
pub fn evaluation_self_get(
    state: State<'_, AppState>,
    id: String,
) -> Result<SelfEvalForm, IpcError> {
    Ok(state.db()?.read(|c| self_eval::get_self_eval(c, &id))?)
}

#[tauri::command(async)]
pub fn evaluation_self_save(
    state: State<'_, AppState>,
    id: String,
    input: SelfEvalInput,
) -> Result<SelfEvalForm, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| self_eval::save_self_eval(ctx, &id, &input))?)
}

#[tauri::command(async)]
pub fn evaluation_self_submit(
    state: State<'_, AppState>,
    id: String,
) -> Result<SelfEvalForm, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| self_eval::submit_self_eval(ctx, &id))?)
}

#[tauri::command(async)]
pub fn evaluation_self_return(
    state: State<'_, AppState>,
    id: String,
    reason: String,
) -> Result<SelfEvalForm, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| self_eval::return_self_eval(ctx, &id, &reason))?)
}

#[tauri::command(async)]
pub fn evaluation_self_import(
    state: State<'_, AppState>,
    path: String,
    year: i32,
    submit: Option<bool>,
    unit: Option<String>,
) -> Result<ImportReport, IpcError> {
    let path = state.picked(&path)?;
    let actor = state.actor()?;
    Ok(self_xlsx::import_self_evals_with(
        state.db()?,
        &actor,
        &path,
        year,
        &jixiao_core::exchange::ImportOptions {
            submit: submit.unwrap_or(false),
            unit,
        },
    )?)
}

/// Returns the number of rows written.
#[tauri::command(async)]
pub fn evaluation_self_export(
    state: State<'_, AppState>,
    path: String,
    year: i32,
) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    Ok(state
        .db()?
        .read(|c| self_xlsx::export_self_evals(c, &path, year))?)
}

#[tauri::command(async)]
pub fn evaluation_spot_draw(
    state: State<'_, AppState>,
    input: DrawInput,
) -> Result<DrawSummary, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| spot::draw_spot_check(ctx, &input))?)
}

#[tauri::command(async)]
pub fn evaluation_spot_current(
    state: State<'_, AppState>,
    year: i32,
) -> Result<Option<DrawSummary>, IpcError> {
    Ok(state.db()?.read(|c| spot::current_draw(c, year))?)
}

/// Re-runs the draw from its recorded base and seed: true when the list is the same.
#[tauri::command(async)]
pub fn evaluation_spot_verify(state: State<'_, AppState>, id: String) -> Result<bool, IpcError> {
    Ok(state.db()?.read(|c| spot::verify_draw(c, &id))?)
}

#[tauri::command(async)]
pub fn evaluation_spot_get(state: State<'_, AppState>, id: String) -> Result<SpotDetail, IpcError> {
    Ok(state.db()?.read(|c| spot::get_spot_check(c, &id))?)
}

#[tauri::command(async)]
pub fn evaluation_spot_review(
    state: State<'_, AppState>,
    id: String,
    input: SpotReviewInput,
) -> Result<SpotDetail, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| spot::review_spot_check(ctx, &id, &input))?)
}

#[tauri::command(async)]
pub fn evaluation_stats(
    state: State<'_, AppState>,
    year: i32,
) -> Result<EvaluationStats, IpcError> {
    Ok(state.db()?.read(|c| stats::evaluation_stats(c, year))?)
}

#[tauri::command(async)]
pub fn evaluation_list(
    state: State<'_, AppState>,
    year: i32,
) -> Result<Vec<EvaluationListRow>, IpcError> {
    Ok(state.db()?.read(|c| stats::list_evaluations(c, year))?)
}
