//! 运行监控 — rounds, the task list, the 监控情况表 and its review, corrective actions, figures.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::exchange::ImportReport;
use jixiao_core::monitoring::{
    self, Action, ActionInput, Round, RoundInput, RoundStats, Sheet, SheetInput, TaskPage,
    TaskQuery, TaskRow,
};
use tauri::State;

#[tauri::command(async)]
pub fn monitoring_rounds(state: State<'_, AppState>, year: i32) -> Result<Vec<Round>, IpcError> {
    Ok(state.db()?.read(|c| monitoring::list_rounds(c, year))?)
}

#[tauri::command(async)]
pub fn monitoring_round(state: State<'_, AppState>, id: String) -> Result<Round, IpcError> {
    Ok(state.db()?.read(|c| monitoring::get_round(c, &id))?)
}

#[tauri::command(async)]
pub fn monitoring_open(state: State<'_, AppState>, input: RoundInput) -> Result<Round, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| monitoring::open_round(ctx, &input))?)
}

#[tauri::command(async)]
pub fn monitoring_close(state: State<'_, AppState>, id: String) -> Result<Round, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| monitoring::close_round(ctx, &id))?)
}

#[tauri::command(async)]
pub fn monitoring_tasks(
    state: State<'_, AppState>,
    query: TaskQuery,
) -> Result<TaskPage, IpcError> {
    Ok(state.db()?.read(|c| monitoring::list_tasks(c, &query))?)
}

/// Every sheet of a round with its derived figures (the dashboard's charts).
#[tauri::command(async)]
pub fn monitoring_task_rows(
    state: State<'_, AppState>,
    round_id: String,
) -> Result<Vec<TaskRow>, IpcError> {
    Ok(state.db()?.read(|c| monitoring::task_rows(c, &round_id))?)
}

#[tauri::command(async)]
pub fn monitoring_sheet(state: State<'_, AppState>, task_id: String) -> Result<Sheet, IpcError> {
    Ok(state.db()?.read(|c| monitoring::get_sheet(c, &task_id))?)
}

#[tauri::command(async)]
pub fn monitoring_save(
    state: State<'_, AppState>,
    task_id: String,
    input: SheetInput,
) -> Result<Sheet, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| monitoring::save_sheet(ctx, &task_id, &input))?)
}

#[tauri::command(async)]
pub fn monitoring_submit(state: State<'_, AppState>, task_id: String) -> Result<Sheet, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| monitoring::submit_sheet(ctx, &task_id))?)
}

#[tauri::command(async)]
pub fn monitoring_approve(state: State<'_, AppState>, task_id: String) -> Result<Sheet, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| monitoring::approve_sheet(ctx, &task_id))?)
}

#[tauri::command(async)]
pub fn monitoring_return(
    state: State<'_, AppState>,
    task_id: String,
    reason: String,
) -> Result<Sheet, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        monitoring::return_sheet(ctx, &task_id, &reason)
    })?)
}

#[tauri::command(async)]
pub fn monitoring_add_action(
    state: State<'_, AppState>,
    task_id: String,
    input: ActionInput,
) -> Result<Action, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| monitoring::add_action(ctx, &task_id, &input))?)
}

#[tauri::command(async)]
pub fn monitoring_stats(
    state: State<'_, AppState>,
    round_id: String,
) -> Result<RoundStats, IpcError> {
    Ok(state
        .db()?
        .read(|c| monitoring::round_stats(c, &round_id))?)
}

#[tauri::command(async)]
pub fn monitoring_import(
    state: State<'_, AppState>,
    path: String,
    round_id: String,
    submit: Option<bool>,
    unit: Option<String>,
) -> Result<ImportReport, IpcError> {
    let path = state.picked(&path)?;
    let actor = state.actor()?;
    Ok(monitoring::import_round_with(
        state.db()?,
        &actor,
        &path,
        &round_id,
        &jixiao_core::exchange::ImportOptions {
            submit: submit.unwrap_or(false),
            unit,
        },
    )?)
}

#[tauri::command(async)]
pub fn monitoring_export(
    state: State<'_, AppState>,
    path: String,
    round_id: String,
) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    Ok(state
        .db()?
        .read(|c| monitoring::export_round(c, &path, &round_id))?)
}
