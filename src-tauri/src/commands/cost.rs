//! 成本预算绩效分析 — fields, the analysis of a field and year, adopting a 成本定额标准, and the
//! 成本测算表 / standards workbooks.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::cost::{self, AdoptInput, CostAnalysis, CostField, CostStandard};
use jixiao_core::exchange::ImportReport;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

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

/// Prints the year's 成本定额标准表 (a GB/T 9704 table through gongwen) and opens it in the PDF
/// viewer; returns the file's path.
#[tauri::command(async)]
pub fn cost_print_standards(
    app: AppHandle,
    state: State<'_, AppState>,
    year: i32,
) -> Result<String, IpcError> {
    let fonts = state.fonts()?;
    let db = state.db()?;
    let today = db.clock().today();
    let bytes = db.read(|c| cost::print::standards_pdf(c, year, &fonts, today))?;
    let path = std::env::temp_dir().join(format!("{year}年度成本定额标准表.pdf"));
    std::fs::write(&path, &bytes)
        .map_err(|e| IpcError::invalid(&format!("无法写入 {}：{e}", path.display())))?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| {
            IpcError::invalid(&format!(
                "无法打开 PDF 阅读器：{e}。PDF 已保存在 {}",
                path.display()
            ))
        })?;
    Ok(path.display().to_string())
}
