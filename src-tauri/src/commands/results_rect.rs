//! 结果应用 — 整改台账 (list, steps, generation from findings / red sheets / spot checks,
//! 佐证材料, workbook), 预算挂钩 and 公开. Overdue is computed against the Db clock's today;
//! evidence files live in the database's folder (`<data folder>/evidence`).

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::results::disclosure::{self, DisclosureRow};
use jixiao_core::results::linkage::{self, LinkageInput, LinkageRow};
use jixiao_core::results::rectification::{
    self as rect, Evidence, RectEdit, RectInput, RectPage, RectQuery, RectRow, RectSourceType,
    RectSources, RectSummary,
};
use std::path::PathBuf;
use tauri::State;

/// The app's data folder: the directory of the database file.
fn data_dir(state: &AppState) -> Result<PathBuf, IpcError> {
    state
        .db()?
        .data_dir()
        .ok_or_else(|| IpcError::invalid("内存数据库没有数据文件夹，无法保存佐证材料"))
}

#[tauri::command(async)]
pub fn results_rect_list(
    state: State<'_, AppState>,
    query: RectQuery,
) -> Result<RectPage, IpcError> {
    let today = state.db()?.clock().today();
    Ok(state
        .db()?
        .read(|c| rect::list_rectifications(c, &query, today))?)
}

#[tauri::command(async)]
pub fn results_rect_summary(
    state: State<'_, AppState>,
    year: i32,
) -> Result<RectSummary, IpcError> {
    let today = state.db()?.clock().today();
    Ok(state
        .db()?
        .read(|c| rect::rectification_summary(c, year, today))?)
}

#[tauri::command(async)]
pub fn results_rect_get(state: State<'_, AppState>, id: String) -> Result<RectRow, IpcError> {
    let today = state.db()?.clock().today();
    Ok(state
        .db()?
        .read(|c| rect::get_rectification(c, &id, today))?)
}

#[tauri::command(async)]
pub fn results_rect_create(
    state: State<'_, AppState>,
    input: RectInput,
) -> Result<RectRow, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| rect::create_rectification(ctx, &input))?)
}

#[tauri::command(async)]
pub fn results_rect_update(
    state: State<'_, AppState>,
    id: String,
    input: RectEdit,
) -> Result<RectRow, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| rect::update_rectification(ctx, &id, &input))?)
}

/// One step of the workflow: 开始整改 / 反馈 / 核实 / 退回 / 销号; `text` is the feedback or note.
#[tauri::command(async)]
pub fn results_rect_step(
    state: State<'_, AppState>,
    id: String,
    step: String,
    text: String,
) -> Result<RectRow, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| match step.as_str() {
        "start" => rect::start(ctx, &id),
        "report" => rect::report(ctx, &id, &text),
        "verify" => rect::verify(ctx, &id, &text),
        "reject" => rect::reject(ctx, &id, &text),
        "close" => rect::close(ctx, &id),
        other => Err(jixiao_core::Error::invalid(
            "操作",
            format!("未知的整改操作：{other}"),
        )),
    })?)
}

#[tauri::command(async)]
pub fn results_rect_sources(
    state: State<'_, AppState>,
    year: i32,
) -> Result<RectSources, IpcError> {
    Ok(state.db()?.read(|c| rect::rect_sources(c, year))?)
}

/// Returns how many items were created (problems already in the ledger are skipped).
#[tauri::command(async)]
pub fn results_rect_generate(
    state: State<'_, AppState>,
    source: RectSourceType,
    id: String,
    deadline: String,
) -> Result<u32, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        rect::rectifications_from(ctx, source, &id, &deadline)
    })?)
}

#[tauri::command(async)]
pub fn results_rect_evidence(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<Evidence>, IpcError> {
    Ok(state.db()?.read(|c| rect::list_evidence(c, &id))?)
}

#[tauri::command(async)]
pub fn results_rect_add_evidence(
    state: State<'_, AppState>,
    id: String,
    path: String,
) -> Result<Evidence, IpcError> {
    let path = state.picked(&path)?;
    let actor = state.actor()?;
    let dir = data_dir(&state)?;
    Ok(state
        .db()?
        .write(&actor, |ctx| rect::add_evidence(ctx, &dir, &id, &path))?)
}

/// 另存为: copies a stored evidence file to `dest`.
#[tauri::command(async)]
pub fn results_rect_save_evidence(
    state: State<'_, AppState>,
    evidence_id: String,
    dest: String,
) -> Result<(), IpcError> {
    let dest = state.picked(&dest)?;
    let dir = data_dir(&state)?;
    Ok(state
        .db()?
        .read(|c| rect::export_evidence(c, &dir, &evidence_id, &dest))?)
}

/// Returns the number of rows written.
#[tauri::command(async)]
pub fn results_rect_export(
    state: State<'_, AppState>,
    path: String,
    year: i32,
) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    let today = state.db()?.clock().today();
    Ok(state
        .db()?
        .read(|c| rect::export_rectifications(c, &path, year, today))?)
}

#[tauri::command(async)]
pub fn results_linkage_list(
    state: State<'_, AppState>,
    year: i32,
) -> Result<Vec<LinkageRow>, IpcError> {
    Ok(state.db()?.read(|c| linkage::list_linkages(c, year))?)
}

/// Returns how many suggestions were created.
#[tauri::command(async)]
pub fn results_linkage_propose(state: State<'_, AppState>, year: i32) -> Result<u32, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| linkage::propose_linkages(ctx, year))?)
}

#[tauri::command(async)]
pub fn results_linkage_save(
    state: State<'_, AppState>,
    input: LinkageInput,
) -> Result<LinkageRow, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| linkage::save_linkage(ctx, &input))?)
}

#[tauri::command(async)]
pub fn results_linkage_export(
    state: State<'_, AppState>,
    path: String,
    year: i32,
) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    Ok(state
        .db()?
        .read(|c| linkage::export_linkages(c, &path, year))?)
}

#[tauri::command(async)]
pub fn results_disclosure_list(
    state: State<'_, AppState>,
    year: i32,
) -> Result<Vec<DisclosureRow>, IpcError> {
    Ok(state.db()?.read(|c| disclosure::list_disclosure(c, year))?)
}

#[tauri::command(async)]
pub fn results_disclosure_set(
    state: State<'_, AppState>,
    source_kind: String,
    source_id: String,
    is_public: bool,
    reason: String,
) -> Result<(), IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        disclosure::set_disclosure(ctx, &source_kind, &source_id, is_public, &reason)
    })?)
}

#[tauri::command(async)]
pub fn results_disclosure_export(
    state: State<'_, AppState>,
    path: String,
    year: i32,
) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    Ok(state
        .db()?
        .read(|c| disclosure::export_disclosure(c, &path, year))?)
}
