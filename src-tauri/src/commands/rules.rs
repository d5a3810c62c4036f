//! 规则设置 — current version, history, save as a new version.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::rules::{self, RuleSet, RuleSetVersion};
use tauri::State;

#[tauri::command(async)]
pub fn rules_current(state: State<'_, AppState>) -> Result<RuleSetVersion, IpcError> {
    Ok(state.db()?.read(rules::current)?)
}

#[tauri::command(async)]
pub fn rules_versions(state: State<'_, AppState>) -> Result<Vec<RuleSetVersion>, IpcError> {
    Ok(state.db()?.read(rules::list_versions)?)
}

#[tauri::command(async)]
pub fn rules_save(
    state: State<'_, AppState>,
    rules: RuleSet,
    note: String,
) -> Result<RuleSetVersion, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| rules::save(ctx, &rules, &note))?)
}
