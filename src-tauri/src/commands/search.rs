//! 全局搜索 (Ctrl+K in the header): 项目, 单位, 目标, 文书 by 文号, 整改事项 — within what the
//! signed-in account may read.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::search::{self, SearchGroup};
use tauri::State;

#[tauri::command(async)]
pub fn search_all(state: State<'_, AppState>, text: String) -> Result<Vec<SearchGroup>, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.read(|c| search::search(c, &actor, &text))?)
}
