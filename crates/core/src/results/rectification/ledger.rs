//! The ledger: one item as the screens and the workbook show it (with its source label,
//! overdue days and evidence count), the paged list, and the year's counts. Overdue is derived
//! against `today` (the Db clock), never stored.

use crate::listing::{limit_clause, search_pattern, unit_subtree, Page};
use crate::results::RectStatus;
use crate::Error;
use crate::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One ledger row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RectRow {
    pub id: String,
    pub fiscal_year: i32,
    pub source_kind: String,
    pub source_id: String,
    /// 「重点评价：XX项目」, 「运行监控：XX项目」, 「抽查复核：XX项目」, 「手工录入」.
    pub source_label: String,
    pub unit_id: String,
    pub unit_name: String,
    pub problem: String,
    pub basis: String,
    pub measure: String,
    pub responsible_person: String,
    pub deadline: String,
    pub status: RectStatus,
    /// 整改反馈 (the unit's report).
    pub feedback: String,
    /// 核实意见 / 退回理由.
    pub review_note: String,
    pub closed_at: Option<String>,
    pub created_at: String,
    /// deadline < today and not 已核实 / 销号.
    pub overdue: bool,
    /// Days past the deadline while overdue, else 0.
    pub days_overdue: i64,
    pub evidence_count: i64,
}

/// Filters of the ledger (server-side, paged).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RectQuery {
    pub year: i32,
    /// The unit and its sub-units.
    pub unit_id: Option<String>,
    pub status: Option<RectStatus>,
    pub overdue_only: bool,
    /// In 问题, 措施, 责任人 and the unit name.
    pub search: Option<String>,
    /// 1-based; 0 = all.
    pub page: u32,
    pub page_size: u32,
}

/// One page of the ledger.
pub type RectPage = Page<RectRow>;

/// States in which an item is settled: never overdue.
pub(crate) const SETTLED: &str = "('已核实','销号')";

/// The label of an item's source, computed from the live source rows.
const SOURCE_LABEL: &str = "CASE x.source_kind
    WHEN 'key_eval_finding' THEN COALESCE((SELECT '重点评价：' || k.object_name
        FROM key_eval_finding f JOIN key_eval k ON k.id = f.key_eval_id WHERE f.id = x.source_id),
        '重点评价')
    WHEN 'monitor_task' THEN COALESCE((SELECT '运行监控（1–' || r.cutoff_month || '月）：'
        || COALESCE(p.name, tu.name || '（部门整体）') FROM monitor_task t
        JOIN monitor_round r ON r.id = t.round_id JOIN org_unit tu ON tu.id = t.unit_id
        LEFT JOIN project p ON p.id = t.project_id WHERE t.id = x.source_id), '运行监控')
    WHEN 'spot_check' THEN COALESCE((SELECT '抽查复核：' || COALESCE(p.name, su.name || '（部门整体）')
        FROM spot_check c JOIN self_eval s ON s.id = c.self_eval_id
        JOIN org_unit su ON su.id = s.unit_id LEFT JOIN project p ON p.id = s.project_id
        WHERE c.id = x.source_id), '抽查复核')
    ELSE '手工录入' END";

fn select_rows() -> String {
    format!(
        "SELECT x.id, x.fiscal_year, x.source_kind, x.source_id, {SOURCE_LABEL}, x.unit_id,
                u.name, x.problem, x.basis, x.measure, x.responsible_person, x.deadline,
                x.status, x.feedback, x.review_note, x.closed_at, x.created_at,
                (SELECT COUNT(*) FROM rectification_evidence e
                  WHERE e.rectification_id = x.id AND e.deleted_at IS NULL)
         FROM rectification x JOIN org_unit u ON u.id = x.unit_id"
    )
}

fn map_row(r: &rusqlite::Row, today: NaiveDate) -> rusqlite::Result<RectRow> {
    let status: RectStatus = r.get(12)?;
    let deadline: String = r.get(11)?;
    let days_overdue = overdue_days(&deadline, status, today);
    Ok(RectRow {
        id: r.get(0)?,
        fiscal_year: r.get(1)?,
        source_kind: r.get(2)?,
        source_id: r.get(3)?,
        source_label: r.get(4)?,
        unit_id: r.get(5)?,
        unit_name: r.get(6)?,
        problem: r.get(7)?,
        basis: r.get(8)?,
        measure: r.get(9)?,
        responsible_person: r.get(10)?,
        deadline,
        status,
        feedback: r.get(13)?,
        review_note: r.get(14)?,
        closed_at: r.get(15)?,
        created_at: r.get(16)?,
        overdue: days_overdue > 0,
        days_overdue,
        evidence_count: r.get(17)?,
    })
}

/// Days past `deadline` on `today` for an unsettled item; 0 when not overdue.
pub fn overdue_days(deadline: &str, status: RectStatus, today: NaiveDate) -> i64 {
    if matches!(status, RectStatus::Verified | RectStatus::Closed) {
        return 0;
    }
    NaiveDate::parse_from_str(deadline, "%Y-%m-%d")
        .map(|d| (today - d).num_days().max(0))
        .unwrap_or(0)
}

/// One item with its derived fields.
pub fn get_rectification(c: &Connection, id: &str, today: NaiveDate) -> Result<RectRow> {
    c.query_row(
        &format!("{} WHERE x.id = ?1 AND x.deleted_at IS NULL", select_rows()),
        [id],
        |r| map_row(r, today),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("找不到该整改事项，可能已被删除，请刷新后重试".into()))
}

/// The ledger of a year, paged, unsettled items first, then by deadline.
pub fn list_rectifications(c: &Connection, q: &RectQuery, today: NaiveDate) -> Result<RectPage> {
    let search = search_pattern(&q.search);
    let subtree = unit_subtree("?2");
    let today_text = today.format("%Y-%m-%d").to_string();
    let filter = format!(
        "x.fiscal_year = ?1 AND x.deleted_at IS NULL
        AND (?2 IS NULL OR x.unit_id IN {subtree})
        AND (?3 IS NULL OR x.status = ?3)
        AND (?4 = 0 OR (x.deadline < ?5 AND x.status NOT IN {SETTLED}))
        AND (?6 IS NULL OR x.problem LIKE ?6 ESCAPE '\\' OR x.measure LIKE ?6 ESCAPE '\\'
             OR x.responsible_person LIKE ?6 ESCAPE '\\' OR u.name LIKE ?6 ESCAPE '\\')"
    );
    let total: u32 = c.query_row(
        &format!(
            "SELECT COUNT(*) FROM rectification x JOIN org_unit u ON u.id = x.unit_id
             WHERE {filter}"
        ),
        params![
            q.year,
            q.unit_id,
            q.status,
            q.overdue_only,
            today_text,
            search
        ],
        |r| r.get(0),
    )?;
    let mut st = c.prepare(&format!(
        "{} WHERE {filter} ORDER BY x.status IN {SETTLED}, x.deadline, u.code, x.created_at, x.id{}",
        select_rows(),
        limit_clause(q.page, q.page_size)
    ))?;
    let rows = st
        .query_map(
            params![
                q.year,
                q.unit_id,
                q.status,
                q.overdue_only,
                today_text,
                search
            ],
            |r| map_row(r, today),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Page { total, rows })
}

/// (open, overdue, closed) of a year: open = not 销号, overdue as in the ledger, closed = 销号.
pub fn rectification_counts(
    c: &Connection,
    year: i32,
    today: NaiveDate,
) -> Result<(i64, i64, i64)> {
    let today = today.format("%Y-%m-%d").to_string();
    Ok(c.query_row(
        &format!(
            "SELECT COALESCE(SUM(status <> '销号'), 0),
                COALESCE(SUM(deadline < ?2 AND status NOT IN {SETTLED}), 0),
                COALESCE(SUM(status = '销号'), 0)
         FROM rectification WHERE fiscal_year = ?1 AND deleted_at IS NULL"
        ),
        params![year, today],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}

/// The ledger's header figures: items per state, and (open, overdue, closed) as in
/// [`rectification_counts`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RectSummary {
    pub total: i64,
    pub open: i64,
    pub overdue: i64,
    pub closed: i64,
    /// Every state in workflow order with its count (zeros included).
    pub by_status: Vec<RectStatusCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RectStatusCount {
    pub status: RectStatus,
    pub count: i64,
}

pub fn rectification_summary(c: &Connection, year: i32, today: NaiveDate) -> Result<RectSummary> {
    let (open, overdue, closed) = rectification_counts(c, year, today)?;
    let mut st = c.prepare(
        "SELECT status, COUNT(*) FROM rectification WHERE fiscal_year = ?1
           AND deleted_at IS NULL GROUP BY status",
    )?;
    let counted = st
        .query_map([year], |r| {
            Ok((r.get::<_, RectStatus>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let by_status = RectStatus::ALL
        .iter()
        .map(|s| RectStatusCount {
            status: *s,
            count: counted.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n),
        })
        .collect();
    Ok(RectSummary {
        total: open + closed,
        open,
        overdue,
        closed,
        by_status,
    })
}
