//! 绩效评价 — 财政重点评价 (plan, score sheet, findings, report, workflow, list, figures, 评分表
//! export) and the 第三方机构 registry (relations, engagements, quality reviews).

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::evaluation::agency::{
    self, AgencyInput, AgencyRelation, AgencyRow, EngagementInput, EngagementReview,
    EngagementView, ReviewInput,
};
use jixiao_core::evaluation::key::{
    self, FindingInput, KeyEval, KeyEvalInput, KeyEvalPage, KeyEvalQuery, KeyItemInput,
    KeyPlanInput, KeyStats,
};
use jixiao_core::evaluation::EngagementStatus;
use tauri::State;

#[tauri::command(async)]
pub fn evaluation_key_list(
    state: State<'_, AppState>,
    query: KeyEvalQuery,
) -> Result<KeyEvalPage, IpcError> {
    Ok(state.db()?.read(|c| key::list_key_evals(c, &query))?)
}

#[tauri::command(async)]
pub fn evaluation_key_get(state: State<'_, AppState>, id: String) -> Result<KeyEval, IpcError> {
    Ok(state.db()?.read(|c| key::get_key_eval(c, &id))?)
}

#[tauri::command(async)]
pub fn evaluation_key_create(
    state: State<'_, AppState>,
    input: KeyEvalInput,
) -> Result<KeyEval, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| key::create_key_eval(ctx, &input))?)
}

#[tauri::command(async)]
pub fn evaluation_key_update_plan(
    state: State<'_, AppState>,
    id: String,
    input: KeyPlanInput,
) -> Result<KeyEval, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| key::update_key_plan(ctx, &id, &input))?)
}

#[tauri::command(async)]
pub fn evaluation_key_save_sheet(
    state: State<'_, AppState>,
    id: String,
    items: Vec<KeyItemInput>,
) -> Result<KeyEval, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| key::save_key_sheet(ctx, &id, &items))?)
}

#[tauri::command(async)]
pub fn evaluation_key_save_findings(
    state: State<'_, AppState>,
    id: String,
    findings: Vec<FindingInput>,
) -> Result<KeyEval, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| key::save_key_findings(ctx, &id, &findings))?)
}

#[tauri::command(async)]
pub fn evaluation_key_save_texts(
    state: State<'_, AppState>,
    id: String,
    summary: String,
    unit_feedback: String,
) -> Result<KeyEval, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        key::save_key_texts(ctx, &id, &summary, &unit_feedback)
    })?)
}

#[tauri::command(async)]
pub fn evaluation_key_advance(state: State<'_, AppState>, id: String) -> Result<KeyEval, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| key::advance_key_eval(ctx, &id))?)
}

#[tauri::command(async)]
pub fn evaluation_key_return(
    state: State<'_, AppState>,
    id: String,
    reason: String,
) -> Result<KeyEval, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| key::return_key_eval(ctx, &id, &reason))?)
}

#[tauri::command(async)]
pub fn evaluation_key_stats(state: State<'_, AppState>, year: i32) -> Result<KeyStats, IpcError> {
    Ok(state.db()?.read(|c| key::key_stats(c, year))?)
}

/// Returns the number of item rows written.
#[tauri::command(async)]
pub fn evaluation_key_export_sheet(
    state: State<'_, AppState>,
    id: String,
    path: String,
) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    Ok(state.db()?.read(|c| key::export_key_sheet(c, &id, &path))?)
}

#[tauri::command(async)]
pub fn evaluation_agency_list(state: State<'_, AppState>) -> Result<Vec<AgencyRow>, IpcError> {
    Ok(state.db()?.read(agency::list_agencies)?)
}

#[tauri::command(async)]
pub fn evaluation_agency_save(
    state: State<'_, AppState>,
    input: AgencyInput,
) -> Result<AgencyRow, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| agency::save_agency(ctx, &input))?)
}

#[tauri::command(async)]
pub fn evaluation_agency_add_relation(
    state: State<'_, AppState>,
    agency_id: String,
    unit_id: String,
    note: String,
) -> Result<AgencyRelation, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        agency::add_agency_relation(ctx, &agency_id, &unit_id, &note)
    })?)
}

#[tauri::command(async)]
pub fn evaluation_agency_remove_relation(
    state: State<'_, AppState>,
    relation_id: String,
) -> Result<(), IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        agency::remove_agency_relation(ctx, &relation_id)
    })?)
}

/// Engagements, latest first; of one agency when `agency_id` is given.
#[tauri::command(async)]
pub fn evaluation_agency_engagements(
    state: State<'_, AppState>,
    agency_id: Option<String>,
) -> Result<Vec<EngagementView>, IpcError> {
    Ok(state
        .db()?
        .read(|c| agency::list_engagements(c, agency_id.as_deref()))?)
}

#[tauri::command(async)]
pub fn evaluation_agency_engage(
    state: State<'_, AppState>,
    input: EngagementInput,
) -> Result<EngagementView, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| agency::engage_agency(ctx, &input))?)
}

#[tauri::command(async)]
pub fn evaluation_agency_remove_engagement(
    state: State<'_, AppState>,
    engagement_id: String,
) -> Result<(), IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| agency::remove_engagement(ctx, &engagement_id))?)
}

#[tauri::command(async)]
pub fn evaluation_agency_set_engagement_status(
    state: State<'_, AppState>,
    engagement_id: String,
    status: EngagementStatus,
) -> Result<EngagementView, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        agency::set_engagement_status(ctx, &engagement_id, status)
    })?)
}

#[tauri::command(async)]
pub fn evaluation_agency_review(
    state: State<'_, AppState>,
    input: ReviewInput,
) -> Result<EngagementReview, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| agency::review_engagement(ctx, &input))?)
}
