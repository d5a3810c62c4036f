//! `AppState`: the open database and the signed-in session. Every command goes through
//! [`AppState::db`] (signed in, not idle-locked) and writes name [`AppState::actor`]; what the
//! account may do is decided by core on each write, the session only says who it is.

use crate::ipc_error::IpcError;
use jixiao_core::access::{login, Actor};
use jixiao_core::db::Db;
use jixiao_core::results::documents;
use jixiao_gongwen::{FontConfig, FontSet};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Who is signed in on this window, and when they last did something.
struct Session {
    account_id: String,
    last_active: Instant,
    locked: bool,
}

pub struct AppState {
    /// The database; commands reach it through [`AppState::db`] once someone is signed in.
    db: Db,
    session: Mutex<Option<Session>>,
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
            session: Mutex::new(None),
            fonts: Mutex::new(None),
            picked: Mutex::new(HashSet::new()),
        })
    }

    /// The fonts of the current 文书设置, parsed once and reused for every letter.
    pub fn fonts(&self) -> Result<Arc<FontSet>, IpcError> {
        let config = self.db.read(documents::font_config)?;
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

    /// Drops the parsed fonts (a font was imported: the same settings now find another face).
    pub fn forget_fonts(&self) {
        if let Ok(mut cache) = self.fonts.lock() {
            *cache = None;
        }
    }

    /// The database before sign-in: only the login, first-start and status commands use it.
    pub fn db_unsigned(&self) -> &Db {
        &self.db
    }

    /// The database for a signed-in, unlocked session (every other command).
    pub fn db(&self) -> Result<&Db, IpcError> {
        self.actor()?;
        Ok(&self.db)
    }

    fn session(&self) -> std::sync::MutexGuard<'_, Option<Session>> {
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts the session of `actor` (after core checked the password).
    pub fn sign_in(&self, actor: &Actor) {
        *self.session() = actor.id.clone().map(|account_id| Session {
            account_id,
            last_active: Instant::now(),
            locked: false,
        });
    }

    pub fn sign_out(&self) -> Option<Actor> {
        let who = self.session().take()?;
        self.db.read(|c| login::actor_for(c, &who.account_id)).ok()
    }

    /// Locks the screen (the window asks after the idle minutes, or the user locks it).
    pub fn lock(&self) {
        if let Some(s) = self.session().as_mut() {
            s.locked = true;
        }
    }

    /// The signed-in account (read again: roles or 停用 take effect at once). Refused before
    /// sign-in, while locked, and after the idle minutes of the 安全设置 — the window then shows
    /// the lock screen.
    pub fn actor(&self) -> Result<Actor, IpcError> {
        let idle = self.db.read(login::settings)?.idle_minutes;
        let mut guard = self.session();
        let Some(s) = guard.as_mut() else {
            return Err(jixiao_core::Error::Unauthenticated("请先登录".into()).into());
        };
        if s.last_active.elapsed() > Duration::from_secs(u64::from(idle) * 60) {
            s.locked = true;
        }
        if s.locked {
            return Err(IpcError::locked());
        }
        s.last_active = Instant::now();
        let id = s.account_id.clone();
        drop(guard);
        let actor = self.db.read(|c| login::actor_for(c, &id));
        if actor.is_err() {
            *self.session() = None;
        }
        Ok(actor?)
    }

    /// The locked session's account, for the unlock screen.
    pub fn locked_account(&self) -> Option<String> {
        self.session().as_ref().map(|s| s.account_id.clone())
    }

    pub fn unlock(&self) {
        if let Some(s) = self.session().as_mut() {
            s.locked = false;
            s.last_active = Instant::now();
        }
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
