//! `AppState`: the open database. The acting operator is read from the database on each write
//! (it is chosen at first start), so there is no second copy to keep in sync.

use crate::ipc_error::IpcError;
use jixiao_core::db::Db;
use jixiao_core::operator::{self, Actor};
use std::path::Path;

pub struct AppState {
    pub db: Db,
}

impl AppState {
    pub fn open(path: &Path) -> jixiao_core::Result<AppState> {
        let db = Db::open(path)?;
        // A database set up by an earlier version gets the shipped 指标库 once. Not being able
        // to add it is no reason to keep the user out of their data: say so and go on.
        if let Err(e) = jixiao_core::library::ensure_starter(&db) {
            eprintln!("未能载入内置指标库：{e}");
        }
        Ok(AppState { db })
    }

    /// The operator of this PC; writes are refused before first start.
    pub fn actor(&self) -> Result<Actor, IpcError> {
        self.db
            .read(operator::current)?
            .ok_or_else(|| IpcError::invalid("请先完成首次使用设置（填写操作员姓名和科室）"))
    }
}
