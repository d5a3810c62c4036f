//! Excel import/export of units and projects, and the 导入模板. Paths come from the Rust file
//! dialogs (`commands::dialog`); any other path is refused.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::exchange::{self, ImportReport, Sheet};
use tauri::State;

#[tauri::command(async)]
pub fn exchange_import(
    state: State<'_, AppState>,
    sheet: Sheet,
    path: String,
) -> Result<ImportReport, IpcError> {
    let path = state.picked(&path)?;
    let actor = state.actor()?;
    Ok(match sheet {
        Sheet::Units => exchange::import_units(state.db()?, &actor, &path)?,
        Sheet::Projects => exchange::import_projects(state.db()?, &actor, &path)?,
    })
}

#[tauri::command(async)]
pub fn exchange_export(
    state: State<'_, AppState>,
    sheet: Sheet,
    path: String,
    year: Option<i32>,
) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    Ok(state.db()?.read(|c| match sheet {
        Sheet::Units => exchange::export_units(c, &path),
        Sheet::Projects => exchange::export_projects(c, &path, year),
    })?)
}

#[tauri::command(async)]
pub fn exchange_template(
    state: State<'_, AppState>,
    sheet: Sheet,
    path: String,
) -> Result<(), IpcError> {
    let path = state.picked(&path)?;
    Ok(exchange::write_template(sheet, &path)?)
}

/// The units a form workbook (目标, 监控, 自评) touches, before it is imported (按单位导入).
#[tauri::command(async)]
pub fn exchange_units_touched(
    state: State<'_, AppState>,
    path: String,
    year: i32,
) -> Result<Vec<exchange::unit_choice::TouchedUnit>, IpcError> {
    let path = state.picked(&path)?;
    Ok(exchange::unit_choice::units_touched(
        state.db()?,
        &path,
        year,
    )?)
}
