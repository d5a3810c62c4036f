//! 预算项目 — paged list, form CRUD.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::projects::{self, Project, ProjectInput, ProjectPage, ProjectQuery};
use tauri::State;

#[tauri::command(async)]
pub fn projects_list(
    state: State<'_, AppState>,
    query: ProjectQuery,
) -> Result<ProjectPage, IpcError> {
    Ok(state.db()?.read(|c| projects::list_projects(c, &query))?)
}

#[tauri::command(async)]
pub fn projects_get(state: State<'_, AppState>, id: String) -> Result<Project, IpcError> {
    Ok(state.db()?.read(|c| projects::get_project(c, &id))?)
}

#[tauri::command(async)]
pub fn projects_create(
    state: State<'_, AppState>,
    input: ProjectInput,
) -> Result<Project, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| projects::create_project(ctx, &input))?)
}

#[tauri::command(async)]
pub fn projects_update(
    state: State<'_, AppState>,
    id: String,
    input: ProjectInput,
) -> Result<Project, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| projects::update_project(ctx, &id, &input))?)
}

#[tauri::command(async)]
pub fn projects_delete(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| projects::delete_project(ctx, &id))?)
}
