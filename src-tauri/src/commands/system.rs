//! 系统: status, first start, audit log, integrity check, manual backup.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::audit::{self, AuditEntry};
use jixiao_core::db::CheckReport;
use jixiao_core::system::{self, SystemStatus};
use std::path::PathBuf;
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
    let dest = PathBuf::from(dest);
    state.db.backup_to(&dest)?;
    Ok(dest.display().to_string())
}
