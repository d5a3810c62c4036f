//! 绩效管理工作考核 — the year's table (live until 定稿), hand items, 定稿, the score table as
//! .xlsx and the 考核结果通报 PDF (issued with its 文号 the first time).

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::assess::{self, AssessItemScore, AssessKind, AssessTable, HandInput};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

#[tauri::command(async)]
pub fn assess_run(
    state: State<'_, AppState>,
    year: i32,
    kind: AssessKind,
) -> Result<AssessTable, IpcError> {
    let db = state.db()?;
    let today = db.clock().today();
    Ok(db.read(|c| assess::run(c, year, kind, today))?)
}

#[tauri::command(async)]
pub fn assess_set_hand(
    state: State<'_, AppState>,
    input: HandInput,
) -> Result<AssessItemScore, IpcError> {
    let actor = state.actor()?;
    Ok(assess::set_hand(state.db()?, &actor, &input)?)
}

#[tauri::command(async)]
pub fn assess_finalize(
    state: State<'_, AppState>,
    year: i32,
) -> Result<Vec<AssessTable>, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| assess::finalize(ctx, year))?)
}

#[tauri::command(async)]
pub fn assess_export(state: State<'_, AppState>, path: String, year: i32) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    let db = state.db()?;
    let today = db.clock().today();
    Ok(db.read(|c| assess::export::export(c, &path, year, today))?)
}

fn notice(state: &AppState, year: i32) -> Result<(String, Vec<u8>), IpcError> {
    let actor = state.actor()?;
    let fonts = state.fonts()?;
    Ok(state.db()?.write(&actor, |ctx| {
        assess::notice::issue_notice(ctx, year, &fonts)
    })?)
}

/// Saves the 通报 (issuing it first if needed); returns its 文号.
#[tauri::command(async)]
pub fn assess_notice_save(
    state: State<'_, AppState>,
    year: i32,
    path: String,
) -> Result<String, IpcError> {
    // Only a path the Rust save dialog returned, never the data folder (issue 14).
    let path = state.picked(&path)?;
    let (number, bytes) = notice(&state, year)?;
    jixiao_core::db::guard::write_file(&path, &bytes)?;
    Ok(number)
}

/// Opens the 通报 in the system's PDF viewer to print it; returns its 文号.
#[tauri::command(async)]
pub fn assess_notice_print(
    app: AppHandle,
    state: State<'_, AppState>,
    year: i32,
) -> Result<String, IpcError> {
    let (number, bytes) = notice(&state, year)?;
    let path = std::env::temp_dir().join(format!("{year}年度考核结果通报.pdf"));
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
    Ok(number)
}

/// The 考核 rule set in force (version 0 = the built-in defaults).
#[tauri::command(async)]
pub fn assess_rules_current(
    state: State<'_, AppState>,
) -> Result<assess::rules::AssessRulesVersion, IpcError> {
    Ok(state.db()?.read(assess::rules::current)?)
}

/// Saves the 考核 rule set as a new version; core checks it (分值合计 100, 等级分数线 …).
#[tauri::command(async)]
pub fn assess_rules_save(
    state: State<'_, AppState>,
    rules: assess::rules::AssessRules,
    note: String,
) -> Result<assess::rules::AssessRulesVersion, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| assess::rules::save_rules(ctx, &rules, &note))?)
}
