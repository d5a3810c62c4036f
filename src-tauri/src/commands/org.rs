//! 基础数据 — fiscal years and the unit tree.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::org::{self, OrgUnit, UnitInput};
use tauri::State;

#[tauri::command(async)]
pub fn org_years(state: State<'_, AppState>) -> Result<Vec<i32>, IpcError> {
    Ok(state.db()?.read(org::list_years)?)
}

#[tauri::command(async)]
pub fn org_year_add(state: State<'_, AppState>, year: i32) -> Result<Vec<i32>, IpcError> {
    let actor = state.actor()?;
    state
        .db()?
        .write(&actor, |ctx| org::ensure_year(ctx, year))?;
    Ok(state.db()?.read(org::list_years)?)
}

#[tauri::command(async)]
pub fn org_units(state: State<'_, AppState>) -> Result<Vec<OrgUnit>, IpcError> {
    Ok(state.db()?.read(org::list_units)?)
}

#[tauri::command(async)]
pub fn org_unit_create(state: State<'_, AppState>, input: UnitInput) -> Result<OrgUnit, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| org::create_unit(ctx, &input))?)
}

#[tauri::command(async)]
pub fn org_unit_update(
    state: State<'_, AppState>,
    id: String,
    input: UnitInput,
) -> Result<OrgUnit, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| org::update_unit(ctx, &id, &input))?)
}

#[tauri::command(async)]
pub fn org_unit_move(
    state: State<'_, AppState>,
    id: String,
    parent_id: Option<String>,
) -> Result<OrgUnit, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| org::move_unit(ctx, &id, parent_id.as_deref()))?)
}

#[tauri::command(async)]
pub fn org_unit_delete(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| org::delete_unit(ctx, &id))?)
}
