//! 系统: status, first start, 操作日志 (page, entry, filters, chain, export), integrity check,
//! manual backup, backups and restore.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::audit::{
    self, AuditEntry, AuditFilterOptions, AuditPage, AuditQuery, ChainReport,
};
use jixiao_core::db::backup::{self, BackupFile, BackupSettings, RestoreReport};
use jixiao_core::db::CheckReport;
use jixiao_core::system::{self, SystemStatus};
use tauri::State;

#[tauri::command(async)]
pub fn system_status(state: State<'_, AppState>) -> Result<SystemStatus, IpcError> {
    Ok(system::status(state.db_unsigned())?)
}

/// 操作日志: one page, newest first, filtered in core.
#[tauri::command(async)]
pub fn system_audit_page(
    state: State<'_, AppState>,
    query: AuditQuery,
) -> Result<AuditPage, IpcError> {
    Ok(auditor(&state)?.read(|c| audit::page(c, &query))?)
}

/// One entry with its before/after images (the expanded row).
#[tauri::command(async)]
pub fn system_audit_get(state: State<'_, AppState>, id: String) -> Result<AuditEntry, IpcError> {
    Ok(auditor(&state)?.read(|c| audit::get(c, &id))?)
}

/// The operators, actions and objects present in the log, with their Chinese names.
#[tauri::command(async)]
pub fn system_audit_options(state: State<'_, AppState>) -> Result<AuditFilterOptions, IpcError> {
    Ok(auditor(&state)?.read(audit::filter_options)?)
}

/// The hash chain: 完整, or the first row that does not match.
#[tauri::command(async)]
pub fn system_audit_verify(state: State<'_, AppState>) -> Result<ChainReport, IpcError> {
    Ok(auditor(&state)?.read(audit::verify_chain)?)
}

/// Every entry matching `query` to an .xlsx chosen in the save dialog; returns how many.
#[tauri::command(async)]
pub fn system_audit_export(
    state: State<'_, AppState>,
    query: AuditQuery,
    path: String,
) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    Ok(auditor(&state)?.read(|c| audit::export::export(c, &query, &path))?)
}

/// The 操作日志 is the 安全审计员's to read (三员分立): core decides, here it is asked first.
fn auditor<'a>(state: &'a State<'_, AppState>) -> Result<&'a jixiao_core::db::Db, IpcError> {
    let actor = state.actor()?;
    let db = state.db()?;
    db.authorize(&actor, jixiao_core::access::Perm::AuditRead)?;
    Ok(db)
}

#[tauri::command(async)]
pub fn system_check(state: State<'_, AppState>) -> Result<CheckReport, IpcError> {
    Ok(state.db()?.check()?)
}

#[tauri::command(async)]
pub fn system_backup(state: State<'_, AppState>, dest: String) -> Result<String, IpcError> {
    let dest = state.picked(&dest)?;
    let actor = state.actor()?;
    state
        .db()?
        .authorize(&actor, jixiao_core::access::Perm::SystemMaintain)?;
    backup::manual_backup(state.db()?, &dest)?;
    Ok(dest.display().to_string())
}

/// The backups folder: where it is and its files, newest first.
#[derive(serde::Serialize)]
pub struct BackupList {
    pub dir: String,
    pub files: Vec<BackupFile>,
}

#[tauri::command(async)]
pub fn system_backups(state: State<'_, AppState>) -> Result<BackupList, IpcError> {
    let path = state
        .db()?
        .path()
        .ok_or_else(|| IpcError::invalid("内存数据库没有备份文件夹"))?;
    Ok(BackupList {
        dir: backup::auto_backup_dir(path).display().to_string(),
        files: backup::list_backups(path)?,
    })
}

/// Replaces the current data with a checked backup; the current data is backed up first.
#[tauri::command(async)]
pub fn system_restore(state: State<'_, AppState>, path: String) -> Result<RestoreReport, IpcError> {
    let path = state.picked(&path)?;
    let actor = state.actor()?;
    Ok(backup::restore(state.db()?, &actor, &path)?)
}

#[tauri::command(async)]
pub fn system_backup_settings_get(state: State<'_, AppState>) -> Result<BackupSettings, IpcError> {
    Ok(state.db()?.read(backup::get_settings)?)
}

#[tauri::command(async)]
pub fn system_backup_settings_save(
    state: State<'_, AppState>,
    settings: BackupSettings,
) -> Result<BackupSettings, IpcError> {
    let actor = state.actor()?;
    Ok(backup::save_settings(state.db()?, &actor, &settings)?)
}
