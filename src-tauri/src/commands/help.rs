//! 「说明」 drawers and the 使用手册: the texts core composes from the rule set in force.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::help::{self, ScreenHelp};
use tauri::State;

#[tauri::command(async)]
pub fn help_screen(state: State<'_, AppState>, screen: String) -> Result<ScreenHelp, IpcError> {
    Ok(state.db()?.read(|c| help::screen(c, &screen))?)
}

/// Writes the 使用手册 PDF to the path the clerk picked in the save dialog.
#[tauri::command(async)]
pub fn help_write_manual(state: State<'_, AppState>, path: String) -> Result<(), IpcError> {
    let path = state.picked(&path)?;
    let db = state.db()?;
    let today = db.clock().today();
    Ok(db.read(|c| help::write_manual(c, today, &path))?)
}
