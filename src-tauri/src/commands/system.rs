//! 系统: status, first start, audit log, integrity check, manual backup, backups and restore.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::audit::{self, AuditEntry};
use jixiao_core::db::backup::{self, BackupFile, BackupSettings, RestoreReport};
use jixiao_core::db::CheckReport;
use jixiao_core::system::{self, SystemStatus};
use tauri::State;

#[tauri::command(async)]
pub fn system_status(state: State<'_, AppState>) -> Result<SystemStatus, IpcError> {
    Ok(system::status(&state.db)?)
}

#[tauri::command(async)]
pub fn system_first_start(
    state: State<'_, AppState>,
    name: String,
    dept: String,
    load_demo: bool,
) -> Result<SystemStatus, IpcError> {
    Ok(system::first_start(&state.db, &name, &dept, load_demo)?)
}

#[tauri::command(async)]
pub fn system_audit_list(
    state: State<'_, AppState>,
    limit: u32,
) -> Result<Vec<AuditEntry>, IpcError> {
    Ok(state.db.read(|c| audit::list_recent(c, limit))?)
}

#[tauri::command(async)]
pub fn system_check(state: State<'_, AppState>) -> Result<CheckReport, IpcError> {
    Ok(state.db.check()?)
}

#[tauri::command(async)]
pub fn system_backup(state: State<'_, AppState>, dest: String) -> Result<String, IpcError> {
    let dest = state.picked(&dest)?;
    backup::manual_backup(&state.db, &dest)?;
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
        .db
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
    Ok(backup::restore(&state.db, &actor, &path)?)
}

#[tauri::command(async)]
pub fn system_backup_settings_get(state: State<'_, AppState>) -> Result<BackupSettings, IpcError> {
    Ok(state.db.read(backup::get_settings)?)
}

#[tauri::command(async)]
pub fn system_backup_settings_save(
    state: State<'_, AppState>,
    settings: BackupSettings,
) -> Result<BackupSettings, IpcError> {
    let actor = state.actor()?;
    Ok(backup::save_settings(&state.db, &actor, &settings)?)
}
