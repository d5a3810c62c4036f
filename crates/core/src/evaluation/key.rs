//! (placeholder until the key-evaluation module lands)
use crate::Result;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KeyStats {
    pub count: i64,
}

pub fn key_stats(_c: &Connection, _year: i32) -> Result<KeyStats> {
    Ok(KeyStats { count: 0 })
}

pub fn key_list_rows(_c: &Connection, _year: i32) -> Result<Vec<super::stats::EvaluationListRow>> {
    Ok(Vec::new())
}
