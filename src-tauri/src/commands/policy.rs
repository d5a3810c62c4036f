//! 政策 — the register (paged list, form CRUD, .xlsx import/export) and its 政策事前评估.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::exante::{ExAnteAssessment, ExAnteInput};
use jixiao_core::exchange::ImportReport;
use jixiao_core::listing::Page;
use jixiao_core::policy::{self, Policy, PolicyExAnteSheet, PolicyInput, PolicyQuery};
use tauri::State;

#[tauri::command(async)]
pub fn policy_list(
    state: State<'_, AppState>,
    query: PolicyQuery,
) -> Result<Page<Policy>, IpcError> {
    Ok(state.db()?.read(|c| policy::list_policies(c, &query))?)
}

#[tauri::command(async)]
pub fn policy_get(state: State<'_, AppState>, id: String) -> Result<Policy, IpcError> {
    Ok(state.db()?.read(|c| policy::get_policy(c, &id))?)
}

#[tauri::command(async)]
pub fn policy_create(state: State<'_, AppState>, input: PolicyInput) -> Result<Policy, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| policy::create_policy(ctx, &input))?)
}

#[tauri::command(async)]
pub fn policy_update(
    state: State<'_, AppState>,
    id: String,
    input: PolicyInput,
) -> Result<Policy, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| policy::update_policy(ctx, &id, &input))?)
}

#[tauri::command(async)]
pub fn policy_delete(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| policy::delete_policy(ctx, &id))?)
}

/// Rejects with code "Rejected" and every problem when any row is bad (nothing imported).
#[tauri::command(async)]
pub fn policy_import(state: State<'_, AppState>, path: String) -> Result<ImportReport, IpcError> {
    let path = state.picked(&path)?;
    let actor = state.actor()?;
    Ok(policy::import_policies(state.db()?, &actor, &path)?)
}

/// Returns the number of policies written.
#[tauri::command(async)]
pub fn policy_export(
    state: State<'_, AppState>,
    path: String,
    year: Option<i32>,
) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    Ok(state
        .db()?
        .read(|c| policy::export_policies(c, &path, year))?)
}

#[tauri::command(async)]
pub fn policy_exante_get(
    state: State<'_, AppState>,
    policy_id: String,
) -> Result<PolicyExAnteSheet, IpcError> {
    Ok(state.db()?.read(|c| policy::policy_sheet(c, &policy_id))?)
}

#[tauri::command(async)]
pub fn policy_exante_save(
    state: State<'_, AppState>,
    policy_id: String,
    input: ExAnteInput,
) -> Result<ExAnteAssessment, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        policy::save_policy_assessment(ctx, &policy_id, &input)
    })?)
}

#[tauri::command(async)]
pub fn policy_exante_delete(state: State<'_, AppState>, policy_id: String) -> Result<(), IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        policy::delete_policy_assessment(ctx, &policy_id)
    })?)
}
