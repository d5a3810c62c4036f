//! 指标库 — categories, the paged indicator list and its form, 案例, Excel import/export.
//!
//! For the 绩效目标 editor: `library_list(query)` returns one page of indicators
//! (`LibraryPage { total, rows }`; `query.page` is 1-based, 0 = all rows), and
//! `library_case_get(id)` returns a case with its rows in order (`LibraryCaseDetail`), whose
//! `value`/`value_high`/`weight_cp` copy straight into target indicator rows.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::exchange::ImportReport;
use jixiao_core::library::{
    self, IndicatorCategory, LibraryCase, LibraryCaseDetail, LibraryIndicator,
    LibraryIndicatorInput, LibraryPage, LibraryQuery,
};
use tauri::State;

#[tauri::command(async)]
pub fn library_categories(state: State<'_, AppState>) -> Result<Vec<IndicatorCategory>, IpcError> {
    Ok(state.db()?.read(library::list_categories)?)
}

#[tauri::command(async)]
pub fn library_category_create(
    state: State<'_, AppState>,
    name: String,
) -> Result<IndicatorCategory, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| library::create_category(ctx, &name))?)
}

#[tauri::command(async)]
pub fn library_category_rename(
    state: State<'_, AppState>,
    id: String,
    name: String,
) -> Result<IndicatorCategory, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| library::rename_category(ctx, &id, &name))?)
}

#[tauri::command(async)]
pub fn library_category_delete(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| library::delete_category(ctx, &id))?)
}

/// One page of indicators matching `query` (see the module doc).
#[tauri::command(async)]
pub fn library_list(
    state: State<'_, AppState>,
    query: LibraryQuery,
) -> Result<LibraryPage, IpcError> {
    Ok(state.db()?.read(|c| library::list_indicators(c, &query))?)
}

#[tauri::command(async)]
pub fn library_get(state: State<'_, AppState>, id: String) -> Result<LibraryIndicator, IpcError> {
    Ok(state.db()?.read(|c| library::get_indicator(c, &id))?)
}

#[tauri::command(async)]
pub fn library_create(
    state: State<'_, AppState>,
    input: LibraryIndicatorInput,
) -> Result<LibraryIndicator, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| library::create_indicator(ctx, &input))?)
}

#[tauri::command(async)]
pub fn library_update(
    state: State<'_, AppState>,
    id: String,
    input: LibraryIndicatorInput,
) -> Result<LibraryIndicator, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| library::update_indicator(ctx, &id, &input))?)
}

#[tauri::command(async)]
pub fn library_delete(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| library::delete_indicator(ctx, &id))?)
}

/// Cases of one category (`None` = all), without their rows.
#[tauri::command(async)]
pub fn library_cases(
    state: State<'_, AppState>,
    category_id: Option<String>,
) -> Result<Vec<LibraryCase>, IpcError> {
    Ok(state
        .db()?
        .read(|c| library::list_cases(c, category_id.as_deref()))?)
}

/// A case with its indicator rows ordered by `seq` (see the module doc).
#[tauri::command(async)]
pub fn library_case_get(
    state: State<'_, AppState>,
    id: String,
) -> Result<LibraryCaseDetail, IpcError> {
    Ok(state.db()?.read(|c| library::get_case(c, &id))?)
}

#[tauri::command(async)]
pub fn library_case_delete(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| library::delete_case(ctx, &id))?)
}

/// Rejects with code "Rejected" and every problem when any row is bad (nothing imported).
#[tauri::command(async)]
pub fn library_import(state: State<'_, AppState>, path: String) -> Result<ImportReport, IpcError> {
    let path = state.picked(&path)?;
    let actor = state.actor()?;
    Ok(library::import(state.db()?, &actor, &path)?)
}

/// Returns the number of indicators written.
#[tauri::command(async)]
pub fn library_export(state: State<'_, AppState>, path: String) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    Ok(state.db()?.read(|c| library::export(c, &path))?)
}
