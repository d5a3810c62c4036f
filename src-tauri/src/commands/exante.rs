//! 事前绩效评估 — the year's list, score sheets, designation, figures and the Excel list.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::exante::{
    self, ExAnteAssessment, ExAnteInput, ExAntePage, ExAnteQuery, ExAnteSheet, ExAnteStats,
};
use tauri::State;

#[tauri::command(async)]
pub fn exante_required(
    state: State<'_, AppState>,
    query: ExAnteQuery,
) -> Result<ExAntePage, IpcError> {
    Ok(state.db()?.read(|c| exante::required_list(c, &query))?)
}

#[tauri::command(async)]
pub fn exante_get(state: State<'_, AppState>, project_id: String) -> Result<ExAnteSheet, IpcError> {
    Ok(state.db()?.read(|c| exante::get(c, &project_id))?)
}

#[tauri::command(async)]
pub fn exante_save(
    state: State<'_, AppState>,
    project_id: String,
    input: ExAnteInput,
) -> Result<ExAnteAssessment, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        exante::save_assessment(ctx, &project_id, &input)
    })?)
}

#[tauri::command(async)]
pub fn exante_delete(state: State<'_, AppState>, project_id: String) -> Result<(), IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| exante::delete_assessment(ctx, &project_id))?)
}

#[tauri::command(async)]
pub fn exante_designate(
    state: State<'_, AppState>,
    project_id: String,
    reason: String,
) -> Result<(), IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| exante::designate(ctx, &project_id, &reason))?)
}

#[tauri::command(async)]
pub fn exante_undesignate(state: State<'_, AppState>, project_id: String) -> Result<(), IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| exante::undesignate(ctx, &project_id))?)
}

#[tauri::command(async)]
pub fn exante_stats(state: State<'_, AppState>, year: i32) -> Result<ExAnteStats, IpcError> {
    Ok(state.db()?.read(|c| exante::stats(c, year))?)
}

/// Returns the number of assessments written.
#[tauri::command(async)]
pub fn exante_export(state: State<'_, AppState>, path: String, year: i32) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    Ok(state.db()?.read(|c| exante::export(c, &path, year))?)
}
