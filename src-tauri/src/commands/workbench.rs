//! 工作台 — the signed-in account's waiting work, what became overdue since its previous login,
//! and the bureau's year progress.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::workbench::{self, Workbench};
use tauri::State;

#[tauri::command(async)]
pub fn workbench_todo(state: State<'_, AppState>, year: i32) -> Result<Workbench, IpcError> {
    let actor = state.actor()?;
    let db = state.db()?;
    let today = db.clock().today();
    Ok(db.read(|c| workbench::todo(c, &actor, year, today))?)
}
