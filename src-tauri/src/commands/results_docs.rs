//! 结果应用 documents — 文书设置 and fonts, drafting from a source, editing, issuing with a 文号,
//! the PDF (preview bytes, save as, open in the system viewer to print), the year's batch with
//! progress events, the 文号 register, and the stage's figures.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::results::compose::{self, DocSettings};
use jixiao_core::results::documents::{
    self, DocQuery, DocumentRow, DocumentView, DraftInput, FontInfo, FontReport,
};
use jixiao_core::results::register::{self, NumberRow};
use jixiao_core::results::stats::{self, ResultsStats};
use jixiao_core::results::DocType;
use jixiao_gongwen::Document;
use serde::Serialize;
use std::path::Path;
use tauri::ipc::Response;
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_opener::OpenerExt;

#[tauri::command(async)]
pub fn results_doc_settings(state: State<'_, AppState>) -> Result<DocSettings, IpcError> {
    Ok(state.db()?.read(compose::get_settings)?)
}

#[tauri::command(async)]
pub fn results_doc_settings_save(
    state: State<'_, AppState>,
    settings: DocSettings,
) -> Result<DocSettings, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| compose::save_settings(ctx, &settings))?)
}

/// Which font file serves each role (loads the fonts if needed).
#[tauri::command(async)]
pub fn results_doc_fonts(state: State<'_, AppState>) -> Result<Vec<FontInfo>, IpcError> {
    let fonts = state.fonts()?;
    Ok(documents::font_info(&fonts))
}

/// The 字体 screen: the face of each role, official or substitute, and the warnings.
#[tauri::command(async)]
pub fn results_doc_font_report(state: State<'_, AppState>) -> Result<FontReport, IpcError> {
    let fonts = state.fonts()?;
    Ok(state
        .db()?
        .read(|c| Ok(documents::font_report(c, &fonts)))?)
}

/// Copies a font file the clerk picked in the Rust dialog into the data folder's font folder
/// (core checks the 文书 permission and that it is a Chinese TrueType/OpenType font), then
/// reports the fonts as they are now.
#[tauri::command(async)]
pub fn results_doc_import_font(
    state: State<'_, AppState>,
    path: String,
) -> Result<FontReport, IpcError> {
    let path = state.picked(&path)?;
    let actor = state.actor()?;
    state
        .db()?
        .write(&actor, |ctx| documents::import_font_action(ctx, &path))?;
    state.forget_fonts();
    results_doc_font_report(state)
}

#[tauri::command(async)]
pub fn results_doc_list(
    state: State<'_, AppState>,
    query: DocQuery,
) -> Result<Vec<DocumentRow>, IpcError> {
    Ok(state.db()?.read(|c| documents::list_documents(c, &query))?)
}

#[tauri::command(async)]
pub fn results_doc_get(state: State<'_, AppState>, id: String) -> Result<DocumentView, IpcError> {
    Ok(state.db()?.read(|c| documents::get_document(c, &id))?)
}

#[tauri::command(async)]
pub fn results_doc_draft(
    state: State<'_, AppState>,
    input: DraftInput,
) -> Result<DocumentView, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| documents::create_draft(ctx, &input))?)
}

#[tauri::command(async)]
pub fn results_doc_update(
    state: State<'_, AppState>,
    id: String,
    model: Document,
) -> Result<DocumentView, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| documents::update_draft(ctx, &id, &model))?)
}

#[tauri::command(async)]
pub fn results_doc_regenerate(
    state: State<'_, AppState>,
    id: String,
) -> Result<DocumentView, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| documents::regenerate_draft(ctx, &id))?)
}

#[tauri::command(async)]
pub fn results_doc_issue(state: State<'_, AppState>, id: String) -> Result<DocumentView, IpcError> {
    let actor = state.actor()?;
    let fonts = state.fonts()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| documents::issue_document(ctx, &id, &fonts))?)
}

/// The PDF bytes (stored once issued, else a preview of the draft) as an ArrayBuffer.
#[tauri::command(async)]
pub fn results_doc_pdf(state: State<'_, AppState>, id: String) -> Result<Response, IpcError> {
    let fonts = state.fonts()?;
    let bytes = state
        .db()?
        .read(|c| documents::document_pdf(c, &id, &fonts))?;
    Ok(Response::new(bytes))
}

/// Through core's guard: never onto the database or into the data folder.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), IpcError> {
    Ok(jixiao_core::db::guard::write_file(path, bytes)?)
}

#[tauri::command(async)]
pub fn results_doc_save_pdf(
    state: State<'_, AppState>,
    id: String,
    path: String,
) -> Result<(), IpcError> {
    let path = state.picked(&path)?;
    let fonts = state.fonts()?;
    let bytes = state
        .db()?
        .read(|c| documents::document_pdf(c, &id, &fonts))?;
    write_file(&path, &bytes)
}

/// Writes the PDF to a temporary file and opens it in the system's PDF viewer, where the clerk
/// prints it.
#[tauri::command(async)]
pub fn results_doc_print(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Result<(), IpcError> {
    let fonts = state.fonts()?;
    let view = state.db()?.read(|c| documents::get_document(c, &id))?;
    let bytes = state
        .db()?
        .read(|c| documents::document_pdf(c, &id, &fonts))?;
    let name = view.row.number.unwrap_or_else(|| "草稿".into());
    let path =
        std::env::temp_dir().join(format!("{name}-{}.pdf", &id[id.len().saturating_sub(6)..]));
    write_file(&path, &bytes)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| {
            IpcError::invalid(&format!(
                "无法打开 PDF 阅读器：{e}。PDF 已保存在 {}",
                path.display()
            ))
        })
}

#[derive(Clone, Serialize)]
struct BatchProgress {
    done: usize,
    total: usize,
}

/// Every issued document of a year and 文种 into one PDF at `path`; emits
/// `results-batch-progress` {done, total} while laying out. Returns the number of documents.
#[tauri::command(async)]
pub fn results_doc_batch(
    app: AppHandle,
    state: State<'_, AppState>,
    year: i32,
    doc_type: DocType,
    path: String,
) -> Result<usize, IpcError> {
    let path = state.picked(&path)?;
    let fonts = state.fonts()?;
    let mut progress = |done: usize, total: usize| {
        // Progress is best effort: a closed window must not fail the batch.
        let _ = app.emit("results-batch-progress", BatchProgress { done, total });
    };
    let (n, bytes) = state
        .db()?
        .read(|c| documents::batch_pdf(c, year, doc_type, &fonts, &mut progress))?;
    write_file(&path, &bytes)?;
    Ok(n)
}

#[tauri::command(async)]
pub fn results_register_list(
    state: State<'_, AppState>,
    year: i32,
    search: Option<String>,
) -> Result<Vec<NumberRow>, IpcError> {
    Ok(state
        .db()?
        .read(|c| register::list_numbers(c, year, search.as_deref()))?)
}

#[tauri::command(async)]
pub fn results_register_void(
    state: State<'_, AppState>,
    id: String,
    reason: String,
) -> Result<NumberRow, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| register::void_number(ctx, &id, &reason))?)
}

#[tauri::command(async)]
pub fn results_register_export(
    state: State<'_, AppState>,
    path: String,
    year: i32,
) -> Result<u32, IpcError> {
    let path = state.picked(&path)?;
    Ok(state
        .db()?
        .read(|c| register::export_numbers(c, &path, year))?)
}

#[tauri::command(async)]
pub fn results_stats(state: State<'_, AppState>, year: i32) -> Result<ResultsStats, IpcError> {
    let today = state.db()?.clock().today();
    Ok(state.db()?.read(|c| stats::results_stats(c, year, today))?)
}
