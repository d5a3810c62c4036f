//! 绩效目标 — the list of the year, the editor, the "二上二下" review, the overview, and the
//! 绩效目标申报表 workbook.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::exchange::ImportReport;
use jixiao_core::targets::{
    self, ApproveInput, BatchApproveReport, CommentInput, Target, TargetChange, TargetDraft,
    TargetOverview, TargetPage, TargetQuery, TargetVersion,
};
use tauri::State;

#[tauri::command(async)]
pub fn targets_list(
    state: State<'_, AppState>,
    query: TargetQuery,
) -> Result<TargetPage, IpcError> {
    Ok(state.db()?.read(|c| targets::list_targets(c, &query))?)
}

#[tauri::command(async)]
pub fn targets_get(state: State<'_, AppState>, id: String) -> Result<Target, IpcError> {
    Ok(state.db()?.read(|c| targets::get_target(c, &id))?)
}

#[tauri::command(async)]
pub fn targets_create_for_project(
    state: State<'_, AppState>,
    project_id: String,
) -> Result<Target, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        targets::create_project_target(ctx, &project_id)
    })?)
}

#[tauri::command(async)]
pub fn targets_create_for_unit(
    state: State<'_, AppState>,
    year: i32,
    unit_id: String,
) -> Result<Target, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        targets::create_unit_target(ctx, year, &unit_id)
    })?)
}

#[tauri::command(async)]
pub fn targets_save(
    state: State<'_, AppState>,
    id: String,
    draft: TargetDraft,
) -> Result<Target, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| targets::save_draft(ctx, &id, &draft))?)
}

#[tauri::command(async)]
pub fn targets_submit(state: State<'_, AppState>, id: String) -> Result<Target, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| targets::submit_target(ctx, &id))?)
}

#[tauri::command(async)]
pub fn targets_return(
    state: State<'_, AppState>,
    id: String,
    comments: Vec<CommentInput>,
) -> Result<Target, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| targets::return_target(ctx, &id, &comments))?)
}

#[tauri::command(async)]
pub fn targets_approve(
    state: State<'_, AppState>,
    id: String,
    input: ApproveInput,
) -> Result<Target, IpcError> {
    let actor = state.actor()?;
    Ok(targets::approve(state.db()?, &actor, &id, &input)?)
}

#[tauri::command(async)]
pub fn targets_approve_all(
    state: State<'_, AppState>,
    year: i32,
    input: ApproveInput,
) -> Result<BatchApproveReport, IpcError> {
    let actor = state.actor()?;
    Ok(targets::approve_year(state.db()?, &actor, year, &input)?)
}

#[tauri::command(async)]
pub fn targets_resolve_comment(
    state: State<'_, AppState>,
    comment_id: String,
    resolved: bool,
) -> Result<Target, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        targets::resolve_comment(ctx, &comment_id, resolved)
    })?)
}

#[tauri::command(async)]
pub fn targets_adjust(
    state: State<'_, AppState>,
    id: String,
    reason: String,
) -> Result<Target, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| targets::start_adjustment(ctx, &id, &reason))?)
}

#[tauri::command(async)]
pub fn targets_set_public(
    state: State<'_, AppState>,
    id: String,
    public: bool,
    reason: String,
) -> Result<Target, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| targets::set_public(ctx, &id, public, &reason))?)
}

#[tauri::command(async)]
pub fn targets_delete(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| targets::delete_target(ctx, &id))?)
}

#[tauri::command(async)]
pub fn targets_versions(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<TargetVersion>, IpcError> {
    Ok(state.db()?.read(|c| targets::target_versions(c, &id))?)
}

#[tauri::command(async)]
pub fn targets_changes(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<TargetChange>, IpcError> {
    Ok(state.db()?.read(|c| targets::target_changes(c, &id))?)
}

#[tauri::command(async)]
pub fn targets_overview(state: State<'_, AppState>, year: i32) -> Result<TargetOverview, IpcError> {
    Ok(state.db()?.read(|c| targets::target_overview(c, year))?)
}

#[tauri::command(async)]
pub fn targets_import(
    state: State<'_, AppState>,
    path: String,
    year: i32,
    submit: Option<bool>,
    unit: Option<String>,
) -> Result<ImportReport, IpcError> {
    let path = state.picked(&path)?;
    let actor = state.actor()?;
    Ok(targets::import_targets_with(
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

#[tauri::command(async)]
pub fn targets_export(
    state: State<'_, AppState>,
    path: String,
    year: i32,
) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    Ok(state
        .db()?
        .read(|c| targets::export_targets(c, &path, year))?)
}
