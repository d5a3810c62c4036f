//! 成本预算绩效分析 — fields, the analysis of a field and year, adopting a 成本定额标准, and the
//! 成本测算表 / standards workbooks.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::cost::{self, AdoptInput, CostAnalysis, CostField, CostStandard};
use jixiao_core::exchange::ImportReport;
use tauri::State;

#[tauri::command(async)]
pub fn cost_fields(state: State<'_, AppState>) -> Result<Vec<CostField>, IpcError> {
    Ok(state.db()?.read(cost::fields)?)
}

#[tauri::command(async)]
pub fn cost_add_field(state: State<'_, AppState>, name: String) -> Result<CostField, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| cost::add_field(ctx, &name))?)
}

#[tauri::command(async)]
pub fn cost_analyse(
    state: State<'_, AppState>,
    year: i32,
    field: String,
) -> Result<CostAnalysis, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .read(|c| cost::analyse(c, &actor, year, &field))?)
}

#[tauri::command(async)]
pub fn cost_standards(
    state: State<'_, AppState>,
    year: i32,
    field: String,
) -> Result<Vec<CostStandard>, IpcError> {
    Ok(state.db()?.read(|c| cost::standards(c, year, &field))?)
}

#[tauri::command(async)]
pub fn cost_adopt(state: State<'_, AppState>, input: AdoptInput) -> Result<CostStandard, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| cost::adopt_standard(ctx, &input))?)
}

#[tauri::command(async)]
pub fn cost_import(
    state: State<'_, AppState>,
    path: String,
    year: i32,
    field: String,
) -> Result<ImportReport, IpcError> {
    let path = state.picked(&path)?;
    let actor = state.actor()?;
    Ok(cost::xlsx::import(
        state.db()?,
        &actor,
        &path,
        year,
        &field,
    )?)
}

#[tauri::command(async)]
pub fn cost_export(
    state: State<'_, AppState>,
    path: String,
    year: i32,
    field: String,
) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    Ok(state
        .db()?
        .read(|c| cost::xlsx::export(c, &path, year, &field))?)
}

#[tauri::command(async)]
pub fn cost_export_standards(
    state: State<'_, AppState>,
    path: String,
    year: i32,
) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    Ok(state
        .db()?
        .read(|c| cost::xlsx::export_standards(c, &path, year))?)
}
