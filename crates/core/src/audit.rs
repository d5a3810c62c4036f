//! 操作日志 — the audit trail. Rows are written by `WriteCtx::audit` inside each action (or by
//! `Db::audit_refusal` for a refused action), chained by SM3 hashes ([`chain`]), and never
//! changed or deleted. This module reads them: a server-paged, filtered list (by account, action,
//! object, date range, text), one entry in full, the Chinese names of actions and objects
//! ([`labels`] — the one mapping for the screen, the CLI and the .xlsx), and the export
//! ([`export`]).

pub mod chain;
pub mod export;
pub mod labels;

pub use chain::{verify_chain, ChainBreak, ChainReport};
pub use labels::{action_label, entity_label};

use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One audit row in full, with the before/after images (JSON text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    /// Place in the chain, 1, 2, 3 …
    #[ts(type = "number")]
    pub seq: i64,
    pub id: String,
    pub at: String,
    /// The account (today: the operator profile) id; None for command-line/system actions.
    pub operator_id: Option<String>,
    pub operator_name: String,
    pub operator_dept: String,
    pub action: String,
    /// 动作 in Chinese (新增, 修改, 退回 …).
    pub action_label: String,
    pub entity: String,
    /// 对象 in Chinese (绩效目标, 整改事项 …).
    pub entity_label: String,
    pub entity_id: Option<String>,
    pub summary: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

/// One line of the paged list: the entry without its before/after images.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditRow {
    #[ts(type = "number")]
    pub seq: i64,
    pub id: String,
    pub at: String,
    pub operator_id: Option<String>,
    pub operator_name: String,
    pub operator_dept: String,
    pub action: String,
    pub action_label: String,
    pub entity: String,
    pub entity_label: String,
    pub entity_id: Option<String>,
    pub summary: String,
    /// Whether before/after images exist ([`get`] reads them).
    pub has_detail: bool,
    /// Its SM3 校验值 in the chain (empty if it has none — a row the check reports).
    pub hash: String,
}

/// Filters of the 操作日志 screen, `audit list` and `audit export`. Empty strings mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditQuery {
    /// 操作人: an operator name or an account/operator id, exactly.
    pub operator: Option<String>,
    /// `action` code (create, update, …) or its Chinese name.
    pub action: Option<String>,
    /// `entity` code (perf_target, …) or its Chinese name.
    pub entity: Option<String>,
    /// First day, `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    /// Part of the 摘要 or of the object id.
    pub search: Option<String>,
    /// 1-based; 0 means all rows (CLI, export).
    pub page: u32,
    pub page_size: u32,
}

/// One page of the log.
pub type AuditPage = crate::listing::Page<AuditRow>;

/// A code with its Chinese name, for the filter lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditLabel {
    pub code: String,
    pub label: String,
}

/// What the filter lists offer: the operators, actions and objects that occur in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditFilterOptions {
    pub operators: Vec<String>,
    pub actions: Vec<AuditLabel>,
    pub entities: Vec<AuditLabel>,
}

const ROW_COLS: &str = "seq, id, at, operator_id, operator_name, operator_dept, action, entity,
    entity_id, summary, COALESCE(hash, '')";

fn row_of(r: &rusqlite::Row, has_detail: bool) -> rusqlite::Result<AuditRow> {
    let action: String = r.get(6)?;
    let entity: String = r.get(7)?;
    Ok(AuditRow {
        seq: r.get::<_, Option<i64>>(0)?.unwrap_or(0),
        id: r.get(1)?,
        at: r.get(2)?,
        operator_id: r.get(3)?,
        operator_name: r.get(4)?,
        operator_dept: r.get(5)?,
        action_label: action_label(&action).to_string(),
        action,
        entity_label: entity_label(&entity).to_string(),
        entity,
        entity_id: r.get(8)?,
        summary: r.get(9)?,
        has_detail,
        hash: r.get(10)?,
    })
}

fn entry_of(r: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
    let before_json: Option<String> = r.get(11)?;
    let after_json: Option<String> = r.get(12)?;
    let row = row_of(r, false)?;
    Ok(AuditEntry {
        seq: row.seq,
        id: row.id,
        at: row.at,
        operator_id: row.operator_id,
        operator_name: row.operator_name,
        operator_dept: row.operator_dept,
        action: row.action,
        action_label: row.action_label,
        entity: row.entity,
        entity_label: row.entity_label,
        entity_id: row.entity_id,
        summary: row.summary,
        before_json,
        after_json,
    })
}

/// The newest `limit` entries in full, newest first.
pub fn list_recent(c: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = c.prepare(&format!(
        "SELECT {ROW_COLS}, before_json, after_json FROM audit_log
         ORDER BY seq DESC LIMIT ?1"
    ))?;
    let rows = stmt
        .query_map([limit], entry_of)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One entry in full (the expanded row of the screen).
pub fn get(c: &Connection, id: &str) -> Result<AuditEntry> {
    c.query_row(
        &format!("SELECT {ROW_COLS}, before_json, after_json FROM audit_log WHERE id = ?1"),
        [id],
        entry_of,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("操作日志中没有这条记录：{id}")))
}

fn day(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            field,
            format!("『{text}』不是日期，请写成 年-月-日，如 2026-03-05"),
        )
    })
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The WHERE clause and its parameters for `q`.
fn filter(q: &AuditQuery) -> Result<(String, Vec<SqlValue>)> {
    let mut wh: Vec<String> = Vec::new();
    let mut args: Vec<SqlValue> = Vec::new();
    let mut arg = |v: String| {
        args.push(SqlValue::Text(v));
        args.len()
    };
    if let Some(op) = given(&q.operator) {
        let n = arg(op.to_string());
        wh.push(format!("(operator_name = ?{n} OR operator_id = ?{n})"));
    }
    if let Some(a) = given(&q.action) {
        let n = arg(labels::action_code(a).to_string());
        wh.push(format!("action = ?{n}"));
    }
    if let Some(e) = given(&q.entity) {
        let n = arg(labels::entity_code(e).to_string());
        wh.push(format!("entity = ?{n}"));
    }
    let from = given(&q.from).map(|t| day("开始日期", t)).transpose()?;
    let to = given(&q.to).map(|t| day("结束日期", t)).transpose()?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(Error::invalid(
                "日期范围",
                format!("开始日期 {f} 晚于结束日期 {t}"),
            ));
        }
    }
    // `at` is RFC 3339 local time, so a day is a string prefix and ranges compare as text.
    if let Some(f) = from {
        let n = arg(f.format("%Y-%m-%d").to_string());
        wh.push(format!("at >= ?{n}"));
    }
    if let Some(t) = to.and_then(|t| t.succ_opt()) {
        let n = arg(t.format("%Y-%m-%d").to_string());
        wh.push(format!("at < ?{n}"));
    }
    if let Some(s) = given(&q.search) {
        // The text as typed: % and _ match themselves.
        let n = arg(crate::listing::like_pattern(s));
        wh.push(format!(
            "(summary LIKE ?{n} ESCAPE '\\' OR entity_id LIKE ?{n} ESCAPE '\\')"
        ));
    }
    let clause = if wh.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", wh.join(" AND "))
    };
    Ok((clause, args))
}

/// One page of the log, newest first, and how many rows match. `page` 0 = every matching row.
pub fn page(c: &Connection, q: &AuditQuery) -> Result<AuditPage> {
    let (clause, args) = filter(q)?;
    let total: u32 = c.query_row(
        &format!("SELECT COUNT(*) FROM audit_log {clause}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let limit = crate::listing::limit_clause(q.page, q.page_size);
    let mut stmt = c.prepare(&format!(
        "SELECT {ROW_COLS}, before_json IS NOT NULL OR after_json IS NOT NULL
         FROM audit_log {clause} ORDER BY seq DESC{limit}"
    ))?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            let detail: bool = r.get(11)?;
            row_of(r, detail)
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(crate::listing::Page { total, rows })
}

/// The operators, actions and objects present in the log (for the filter lists).
pub fn filter_options(c: &Connection) -> Result<AuditFilterOptions> {
    let distinct = |sql: &str| -> Result<Vec<String>> {
        Ok(c.prepare(sql)?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    };
    let labelled = |codes: Vec<String>, f: fn(&str) -> &str| -> Vec<AuditLabel> {
        let mut v: Vec<AuditLabel> = codes
            .into_iter()
            .map(|code| AuditLabel {
                label: f(&code).to_string(),
                code,
            })
            .collect();
        v.sort_by(|a, b| a.label.cmp(&b.label));
        v
    };
    Ok(AuditFilterOptions {
        operators: distinct("SELECT DISTINCT operator_name FROM audit_log ORDER BY 1")?,
        actions: labelled(
            distinct("SELECT DISTINCT action FROM audit_log")?,
            action_label,
        ),
        entities: labelled(
            distinct("SELECT DISTINCT entity FROM audit_log")?,
            entity_label,
        ),
    })
}
