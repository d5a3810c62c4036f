//! `AppState`: the open database. The acting operator is read from the database on each write
//! (it is chosen at first start), so there is no second copy to keep in sync.

use crate::ipc_error::IpcError;
use jixiao_core::db::Db;
use jixiao_core::operator::{self, Actor};
use jixiao_core::results::{compose, documents};
use jixiao_gongwen::{FontConfig, FontSet};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub struct AppState {
    pub db: Db,
    /// The parsed 公文 fonts (~0.2–0.4 s to load), kept until the font settings change.
    fonts: Mutex<Option<(FontConfig, Arc<FontSet>)>>,
    /// Paths the Rust file dialogs returned since the app started (`commands::dialog`): the only
    /// paths a command reads or writes.
    picked: Mutex<HashSet<PathBuf>>,
}

impl AppState {
    pub fn open(path: &Path) -> jixiao_core::Result<AppState> {
        let db = Db::open(path)?;
        // A database set up by an earlier version gets the shipped 指标库 once. Not being able
        // to add it is no reason to keep the user out of their data: say so and go on.
        if let Err(e) = jixiao_core::library::ensure_starter(&db) {
            eprintln!("未能载入内置指标库：{e}");
        }
        Ok(AppState {
            db,
            fonts: Mutex::new(None),
            picked: Mutex::new(HashSet::new()),
        })
    }

    /// The fonts of the current 文书设置, parsed once and reused for every letter.
    pub fn fonts(&self) -> Result<Arc<FontSet>, IpcError> {
        let config = self.db.read(compose::get_settings)?.fonts;
        let mut cache = self
            .fonts
            .lock()
            .map_err(|_| IpcError::invalid("字体缓存不可用，请重新启动程序"))?;
        if let Some((c, set)) = cache.as_ref() {
            if *c == config {
                return Ok(set.clone());
            }
        }
        let set = Arc::new(FontSet::discover(&config).map_err(documents::layout_error)?);
        *cache = Some((config, set.clone()));
        Ok(set)
    }

    /// The operator of this PC; writes are refused before first start.
    pub fn actor(&self) -> Result<Actor, IpcError> {
        self.db
            .read(operator::current)?
            .ok_or_else(|| IpcError::invalid("请先完成首次使用设置（填写操作员姓名和科室）"))
    }

    /// Remembers a path a Rust dialog returned; gives it back as the webview's string.
    pub fn grant(&self, path: PathBuf) -> String {
        let text = path.display().to_string();
        self.picked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path);
        text
    }

    /// `path` if a Rust dialog returned it since the app started; any other path is refused —
    /// the webview cannot name a file of its own (a script injected by a hostile name could).
    pub fn picked(&self, path: &str) -> Result<PathBuf, IpcError> {
        let p = PathBuf::from(path);
        if self
            .picked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&p)
        {
            Ok(p)
        } else {
            Err(IpcError::invalid(
                "请通过「选择文件」对话框选择文件或文件夹（程序只读写在对话框中选定的文件）",
            ))
        }
    }
}
