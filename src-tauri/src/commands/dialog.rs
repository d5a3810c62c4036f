//! File dialogs, opened in Rust. The webview never names a path on its own: it asks here, the
//! clerk picks in the system dialog, and the path the dialog returned is remembered in
//! `AppState` (a registry for this run of the app). Every command that reads or writes a file
//! takes only such a path (`AppState::picked`); anything else is refused. Writes into the data
//! folder are refused again in core (`jixiao_core::db::guard`).

use crate::ipc_error::IpcError;
use crate::state::AppState;
use serde::Deserialize;
use std::path::PathBuf;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

#[derive(Debug, Deserialize)]
pub struct DialogFilter {
    pub name: String,
    pub extensions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenOptions {
    pub title: String,
    #[serde(default)]
    pub directory: bool,
    #[serde(default)]
    pub filters: Vec<DialogFilter>,
    /// A folder to start in (e.g. the backups folder).
    pub default_path: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SaveOptions {
    pub title: String,
    /// Suggested file name.
    pub default_name: String,
    #[serde(default)]
    pub filters: Vec<DialogFilter>,
}

fn builder(
    app: &AppHandle,
    title: &str,
    filters: &[DialogFilter],
) -> tauri_plugin_dialog::FileDialogBuilder<tauri::Wry> {
    let mut b = app.dialog().file().set_title(title);
    for f in filters {
        let exts: Vec<&str> = f.extensions.iter().map(String::as_str).collect();
        b = b.add_filter(&f.name, &exts);
    }
    b
}

/// Appends the first filter's extension when the clerk typed a bare name.
fn with_extension(path: PathBuf, filters: &[DialogFilter]) -> PathBuf {
    let Some(ext) = filters.first().and_then(|f| f.extensions.first()) else {
        return path;
    };
    let has = path
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext));
    if has {
        path
    } else {
        let mut s = path.into_os_string();
        s.push(format!(".{ext}"));
        PathBuf::from(s)
    }
}

/// A file (or, with `directory`, a folder) to read; `None` when the clerk cancels.
#[tauri::command(async)]
pub fn dialog_open(
    app: AppHandle,
    state: State<'_, AppState>,
    options: OpenOptions,
) -> Result<Option<String>, IpcError> {
    let mut b = builder(&app, &options.title, &options.filters);
    if let Some(dir) = options.default_path.as_deref().filter(|d| !d.is_empty()) {
        b = b.set_directory(dir);
    }
    let picked = if options.directory {
        b.blocking_pick_folder()
    } else {
        b.blocking_pick_file()
    };
    Ok(picked
        .and_then(|p| p.into_path().ok())
        .map(|p| state.grant(p)))
}

/// The E2E suite's stand-in for the native save dialog (WebDriver cannot reach a GTK dialog):
/// with `JIXIAO_E2E_SAVE_DIR` naming an existing folder in the app's environment, a save dialog
/// answers `<folder>/<suggested file name>` at once. Unset (every real start) it does nothing.
fn e2e_save_path(options: &SaveOptions) -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("JIXIAO_E2E_SAVE_DIR")?);
    let name = std::path::Path::new(&options.default_name).file_name()?;
    dir.is_dir().then(|| dir.join(name))
}

/// Where to write a file; `None` when the clerk cancels. The returned path carries the first
/// filter's extension.
#[tauri::command(async)]
pub fn dialog_save(
    app: AppHandle,
    state: State<'_, AppState>,
    options: SaveOptions,
) -> Result<Option<String>, IpcError> {
    if let Some(p) = e2e_save_path(&options) {
        return Ok(Some(state.grant(with_extension(p, &options.filters))));
    }
    let picked = builder(&app, &options.title, &options.filters)
        .set_file_name(&options.default_name)
        .blocking_save_file();
    Ok(picked
        .and_then(|p| p.into_path().ok())
        .map(|p| state.grant(with_extension(p, &options.filters))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_name_gets_the_filter_extension_and_a_named_one_keeps_it() {
        let f = vec![DialogFilter {
            name: "Excel".into(),
            extensions: vec!["xlsx".into()],
        }];
        assert_eq!(
            with_extension(PathBuf::from("/h/导出"), &f),
            PathBuf::from("/h/导出.xlsx")
        );
        assert_eq!(
            with_extension(PathBuf::from("/h/a.XLSX"), &f),
            PathBuf::from("/h/a.XLSX")
        );
        assert_eq!(
            with_extension(PathBuf::from("/h/a"), &[]),
            PathBuf::from("/h/a")
        );
    }
}
