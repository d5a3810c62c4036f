//! 统计分析 — 年度总览 figures, the annual report's texts, and writing the report (.docx / .pdf)
//! to the path the clerk picked in the save dialog.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::reports::{self, AnnualReport, ReportTexts, ReportTextsInput, YearOverview};
use tauri::State;

#[tauri::command(async)]
pub fn reports_year_overview(
    state: State<'_, AppState>,
    year: i32,
) -> Result<YearOverview, IpcError> {
    let db = state.db()?;
    let today = db.clock().today();
    Ok(db.read(|c| reports::year_overview(c, year, today))?)
}

#[tauri::command(async)]
pub fn reports_texts(state: State<'_, AppState>, year: i32) -> Result<ReportTexts, IpcError> {
    Ok(state.db()?.read(|c| reports::get_texts(c, year))?)
}

#[tauri::command(async)]
pub fn reports_save_texts(
    state: State<'_, AppState>,
    year: i32,
    input: ReportTextsInput,
) -> Result<ReportTexts, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| reports::save_texts(ctx, year, &input))?)
}

/// Writes the report of `year` to `path` (.docx or .pdf by its extension).
#[tauri::command(async)]
pub fn reports_write_annual(
    state: State<'_, AppState>,
    year: i32,
    path: String,
) -> Result<AnnualReport, IpcError> {
    let path = state.picked(&path)?;
    let db = state.db()?;
    let today = db.clock().today();
    Ok(db.read(|c| reports::write_annual_report(c, year, today, &path))?)
}

/// Writes the 人大报送 attachments of `year` (projects ≥ `min_wan` 万元) to `path` (.xlsx / .pdf).
#[tauri::command(async)]
pub fn reports_write_npc(
    state: State<'_, AppState>,
    year: i32,
    min_wan: String,
    path: String,
) -> Result<reports::NpcTables, IpcError> {
    let min = jixiao_core::Fen::parse_wan(&min_wan)
        .map_err(|e| jixiao_core::Error::invalid("金额下限", e))?;
    let path = state.picked(&path)?;
    let db = state.db()?;
    let today = db.clock().today();
    Ok(db.read(|c| reports::write_npc_report(c, year, min.0, today, &path))?)
}

/// Writes 年度总览 of `year` to `path` (.xlsx, a sheet per stage).
#[tauri::command(async)]
pub fn reports_export_overview(
    state: State<'_, AppState>,
    year: i32,
    path: String,
) -> Result<YearOverview, IpcError> {
    let path = state.picked(&path)?;
    let db = state.db()?;
    let today = db.clock().today();
    Ok(db.read(|c| reports::export_overview(c, year, today, &path))?)
}
