//! 全周期跟踪问效 — multi-year projects and policies, the 全周期 view and the bureau's decision.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::cycle::{self, CycleDecisionInput, CycleKind, CycleQuery, CycleRow, CycleView};
use jixiao_core::listing::Page;
use tauri::State;

#[tauri::command(async)]
pub fn cycle_list(
    state: State<'_, AppState>,
    query: CycleQuery,
) -> Result<Page<CycleRow>, IpcError> {
    Ok(state.db()?.read(|c| cycle::list_cycles(c, &query))?)
}

#[tauri::command(async)]
pub fn cycle_get(
    state: State<'_, AppState>,
    kind: CycleKind,
    object_id: String,
    year: i32,
) -> Result<CycleView, IpcError> {
    Ok(state
        .db()?
        .read(|c| cycle::get_cycle(c, kind, &object_id, year))?)
}

#[tauri::command(async)]
pub fn cycle_decide(
    state: State<'_, AppState>,
    input: CycleDecisionInput,
) -> Result<CycleRow, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| cycle::decide(ctx, &input))?)
}
