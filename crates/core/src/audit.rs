//! Reading the audit trail (操作日志). Rows are written by `WriteCtx::audit` inside each action.

use crate::Result;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    pub at: String,
    pub operator_name: String,
    pub operator_dept: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub summary: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

/// Newest first.
pub fn list_recent(c: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = c.prepare(
        "SELECT at, operator_name, operator_dept, action, entity, entity_id, summary,
                before_json, after_json
         FROM audit_log ORDER BY at DESC, id DESC LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([limit], |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                operator_name: r.get(1)?,
                operator_dept: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                summary: r.get(6)?,
                before_json: r.get(7)?,
                after_json: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
