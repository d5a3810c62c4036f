//! 数据交换 (USB): this PC's identity, where it can export to, export and import of `.jxpkg`
//! packages with `sync-progress` events {done, total, phase}, the import preview, the history
//! of packages and PCs, and the conflicts to settle.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::sync::conflicts::{self, Choice, Conflict};
use jixiao_core::sync::destinations::{self, Destination};
use jixiao_core::sync::history::{self, PackageRecord, Peer};
use jixiao_core::sync::{self, site, ExportReport, ImportPreview, ImportReport, Site, SiteInput};
use serde::Serialize;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Emitter, State};

pub const PROGRESS_EVENT: &str = "sync-progress";

#[derive(Clone, Serialize)]
struct SyncProgress {
    done: u64,
    total: u64,
    phase: &'static str,
}

/// Progress is best effort: a closed window must not fail the export or import.
fn emit(app: &AppHandle, phase: &'static str, done: u64, total: u64) {
    let _ = app.emit(PROGRESS_EVENT, SyncProgress { done, total, phase });
}

#[tauri::command(async)]
pub fn sync_site(state: State<'_, AppState>) -> Result<Site, IpcError> {
    Ok(state.db()?.read(site::get)?)
}

#[tauri::command(async)]
pub fn sync_site_set(state: State<'_, AppState>, input: SiteInput) -> Result<Site, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| site::set(ctx, &input))?)
}

/// 发放入网文件 for `unit` (code or id) to a path the save dialog returned.
#[tauri::command(async)]
pub fn sync_enrol(
    state: State<'_, AppState>,
    unit: String,
    path: String,
) -> Result<sync::enrol::EnrolReport, IpcError> {
    let path = state.picked(&path)?;
    let actor = state.actor()?;
    Ok(sync::enrol::enrol(state.db()?, &actor, &unit, &path)?)
}

/// 入网登记: the PCs this bureau enrolled, newest first.
#[tauri::command(async)]
pub fn sync_enrolments(state: State<'_, AppState>) -> Result<Vec<sync::keys::Enrolment>, IpcError> {
    Ok(state.db()?.read(sync::keys::enrolments)?)
}

/// 注销入网 of a lost or replaced PC.
#[tauri::command(async)]
pub fn sync_revoke(
    state: State<'_, AppState>,
    site: String,
    reason: String,
) -> Result<sync::keys::Enrolment, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| sync::keys::revoke(ctx, &site, &reason))?)
}

/// Packages known to be missing (a gap in a PC's numbers).
#[tauri::command(async)]
pub fn sync_gaps(state: State<'_, AppState>) -> Result<Vec<history::Gap>, IpcError> {
    Ok(state.db()?.read(history::gaps)?)
}

#[tauri::command(async)]
pub fn sync_destinations(state: State<'_, AppState>) -> Result<Vec<Destination>, IpcError> {
    Ok(state.db()?.read(destinations::list)?)
}

/// `folder`: an existing folder (the file gets a default name), or a path ending in `.jxpkg`.
fn export_target(folder: &str) -> Result<PathBuf, IpcError> {
    let folder = folder.trim();
    if folder.is_empty() {
        return Err(IpcError::invalid(
            "请选择导出到的文件夹（如U盘），或填写文件夹路径",
        ));
    }
    let path = PathBuf::from(folder);
    let is_file = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(sync::package::EXTENSION));
    let dir = if is_file {
        path.parent().unwrap_or(Path::new("."))
    } else {
        path.as_path()
    };
    if !dir.is_dir() {
        return Err(IpcError::invalid(&format!(
            "找不到文件夹『{}』：请检查U盘是否已插好，再重新选择文件夹",
            dir.display()
        )));
    }
    Ok(path)
}

/// Writes a package for `to` ("*", a site id or a unit code) into `folder`; emits `sync-progress`.
#[tauri::command(async)]
pub fn sync_export(
    app: AppHandle,
    state: State<'_, AppState>,
    to: String,
    full: bool,
    folder: String,
) -> Result<ExportReport, IpcError> {
    let actor = state.actor()?;
    let out = export_target(&folder)?;
    let mut progress = |done: u64, total: u64| emit(&app, "整理变更", done, total);
    let report = sync::export(state.db()?, &actor, &to, full, &out, &mut progress)?;
    emit(&app, "完成", report.change_count, report.change_count);
    Ok(report)
}

/// A package to read: one the Rust dialog returned, or a typed path (a USB stick's folder is
/// often typed) that names a `.jxpkg` file — no other file can be read through this door.
fn package_file(state: &AppState, file: &str) -> Result<PathBuf, IpcError> {
    if let Ok(p) = state.picked(file) {
        return Ok(p);
    }
    let p = PathBuf::from(file.trim());
    if p.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(sync::package::EXTENSION))
    {
        Ok(p)
    } else {
        Err(IpcError::invalid(
            "请选择数据包文件（.jxpkg），可点击「选择文件」在对话框中选择",
        ))
    }
}

/// What importing `file` would change; nothing is written.
#[tauri::command(async)]
pub fn sync_preview(state: State<'_, AppState>, file: String) -> Result<ImportPreview, IpcError> {
    let file = package_file(&state, &file)?;
    Ok(sync::preview(state.db()?, &file)?)
}

/// Imports `file` in one transaction; emits `sync-progress`.
#[tauri::command(async)]
pub fn sync_import(
    app: AppHandle,
    state: State<'_, AppState>,
    file: String,
) -> Result<ImportReport, IpcError> {
    let file = package_file(&state, &file)?;
    let actor = state.actor()?;
    emit(&app, "校验数据包", 0, 0);
    let mut progress = |done: u64, total: u64| emit(&app, "导入变更", done, total);
    let report = sync::import(state.db()?, &actor, &file, &mut progress)?;
    emit(&app, "完成", 1, 1);
    Ok(report)
}

#[tauri::command(async)]
pub fn sync_history(
    state: State<'_, AppState>,
    limit: u32,
) -> Result<Vec<PackageRecord>, IpcError> {
    Ok(state.db()?.read(|c| history::list(c, limit))?)
}

#[tauri::command(async)]
pub fn sync_peers(state: State<'_, AppState>) -> Result<Vec<Peer>, IpcError> {
    Ok(state.db()?.read(history::peers)?)
}

#[tauri::command(async)]
pub fn sync_conflicts(
    state: State<'_, AppState>,
    open_only: bool,
) -> Result<Vec<Conflict>, IpcError> {
    Ok(state.db()?.read(|c| conflicts::list(c, open_only))?)
}

/// Settles a conflict: 本机 / 对方, or 编辑 with the whole edited row.
#[tauri::command(async)]
pub fn sync_resolve(
    state: State<'_, AppState>,
    id: String,
    choice: Choice,
    edited: Option<Map<String, Value>>,
) -> Result<Conflict, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        conflicts::resolve(ctx, &id, choice, edited.as_ref())
    })?)
}
