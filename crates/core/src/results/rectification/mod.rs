//! 整改台账: one item per problem — a 重点评价 finding, a 红灯 监控情况表, a 抽查复核 gap over
//! the line, or one typed in by hand. This file owns the item itself (create, edit, read, the
//! paged ledger and the year's counts); [`generate`] makes items from their sources, [`flow`]
//! moves them 下达 → 整改中 → 已反馈 → 已核实 (or 退回 → 整改中) → 销号, [`evidence`] keeps the
//! 佐证材料 and [`export`] writes the ledger workbook.
//!
//! Invariants: one live item per source (unique index on source_kind + source_id; a manual item
//! is its own source). Overdue is never stored: deadline < today while not 已核实 / 销号, with
//! "today" from the Db clock, which is why the reads take `today`.

mod evidence;
mod export;
mod flow;
mod generate;

pub use evidence::{add_evidence, export_evidence, list_evidence, Evidence, MAX_EVIDENCE_BYTES};
pub use export::{export_rectifications, RECT_HEADERS};
pub use flow::{close, reject, report, start, verify};
pub use generate::{
    rect_sources, rectifications_from, rectifications_from_key_eval,
    rectifications_from_monitoring, rectifications_from_spot_check, RectSourceOption,
    RectSourceType, RectSources,
};

use super::RectStatus;
use crate::db::{new_id, WriteCtx};
use crate::{Error, FieldProblem, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// `source_kind` of an item typed in by hand (its source_id is its own new id).
pub const SOURCE_MANUAL: &str = "manual";
/// A `key_eval_finding` row.
pub const SOURCE_FINDING: &str = "key_eval_finding";
/// A 红灯 `monitor_task` (监控情况表).
pub const SOURCE_MONITOR: &str = "monitor_task";
/// A `spot_check` row whose review differs from the self score by more than the line.
pub const SOURCE_SPOT: &str = "spot_check";

/// A new item (整改事项).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RectInput {
    /// "manual" for a hand-typed item.
    pub source_kind: String,
    pub source_id: Option<String>,
    /// 责任单位.
    pub unit_id: String,
    /// 存在问题.
    pub problem: String,
    /// 依据.
    pub basis: String,
    /// 整改措施.
    pub measure: String,
    /// 责任人.
    pub responsible_person: String,
    /// 完成时限, YYYY-MM-DD.
    pub deadline: String,
    pub fiscal_year: i32,
}

/// What the bureau may change on an item before it is verified.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RectEdit {
    pub problem: String,
    pub basis: String,
    pub measure: String,
    pub responsible_person: String,
    pub deadline: String,
}

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RectPage {
    pub total: u32,
    pub rows: Vec<RectRow>,
}

/// States in which an item is settled: never overdue.
const SETTLED: &str = "('已核实','销号')";

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
    let search = q
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| format!("%{s}%"));
    let today_text = today.format("%Y-%m-%d").to_string();
    let filter = format!(
        "x.fiscal_year = ?1 AND x.deleted_at IS NULL
        AND (?2 IS NULL OR x.unit_id IN (WITH RECURSIVE sub(id) AS (SELECT ?2 UNION ALL
              SELECT c.id FROM org_unit c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))
        AND (?3 IS NULL OR x.status = ?3)
        AND (?4 = 0 OR (x.deadline < ?5 AND x.status NOT IN {SETTLED}))
        AND (?6 IS NULL OR x.problem LIKE ?6 OR x.measure LIKE ?6
             OR x.responsible_person LIKE ?6 OR u.name LIKE ?6)"
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
    let (limit, offset) = if q.page == 0 {
        (-1i64, 0i64)
    } else {
        let size = i64::from(q.page_size.clamp(1, 500));
        (size, (i64::from(q.page) - 1) * size)
    };
    let mut st = c.prepare(&format!(
        "{} WHERE {filter} ORDER BY x.status IN {SETTLED}, x.deadline, u.code, x.created_at, x.id
         LIMIT ?7 OFFSET ?8",
        select_rows()
    ))?;
    let rows = st
        .query_map(
            params![
                q.year,
                q.unit_id,
                q.status,
                q.overdue_only,
                today_text,
                search,
                limit,
                offset
            ],
            |r| map_row(r, today),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(RectPage { total, rows })
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

/// `YYYY-MM-DD` or a refusal naming 完成时限.
pub(crate) fn parse_deadline(text: &str) -> Result<String> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| {
            Error::invalid(
                "完成时限",
                format!("『{t}』不是有效日期，请按 2026-06-30 的格式填写"),
            )
        })
}

fn field_problems(input: &RectEdit) -> Vec<FieldProblem> {
    let mut bad = Vec::new();
    let mut push = |column: &str, message: &str| {
        bad.push(FieldProblem {
            row: 0,
            column: column.into(),
            message: message.into(),
        })
    };
    if input.problem.trim().is_empty() {
        push("存在问题", "不能为空，请写明发现的问题");
    } else if input.problem.chars().count() > 2000 {
        push("存在问题", "不能超过2000个字");
    }
    for (column, text) in [
        ("依据", &input.basis),
        ("整改措施", &input.measure),
        ("责任人", &input.responsible_person),
    ] {
        if text.chars().count() > 2000 {
            push(column, "不能超过2000个字");
        }
    }
    if let Err(Error::Invalid { message, .. }) = parse_deadline(&input.deadline) {
        push("完成时限", &message);
    }
    bad
}

fn check_edit(input: &RectEdit) -> Result<()> {
    refuse(field_problems(input))
}

/// Nothing → Ok; one problem → `Invalid` naming its field; more → `Rejected` with all of them.
fn refuse(bad: Vec<FieldProblem>) -> Result<()> {
    match bad {
        bad if bad.is_empty() => Ok(()),
        mut bad if bad.len() == 1 => {
            let p = bad.remove(0);
            Err(Error::invalid(p.column, p.message))
        }
        bad => Err(Error::Rejected(bad)),
    }
}

/// Inserts a checked item (generators and the manual form); returns its id.
pub(crate) fn insert_item(ctx: &WriteCtx, input: &RectInput, source_id: &str) -> Result<String> {
    let id = new_id();
    ctx.execute(
        "INSERT INTO rectification (id, fiscal_year, source_kind, source_id, unit_id, problem,
            basis, measure, responsible_person, deadline, status, created_by, created_at,
            updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, '下达', ?11, ?12, ?12)",
        params![
            id,
            input.fiscal_year,
            input.source_kind,
            source_id,
            input.unit_id,
            input.problem.trim(),
            input.basis.trim(),
            input.measure.trim(),
            input.responsible_person.trim(),
            parse_deadline(&input.deadline)?,
            ctx.actor.name,
            ctx.now()
        ],
    )?;
    Ok(id)
}

/// True when `source_kind` + `source_id` already has a live item.
pub(crate) fn has_item(c: &Connection, kind: &str, source_id: &str) -> Result<bool> {
    Ok(c.query_row(
        "SELECT EXISTS(SELECT 1 FROM rectification WHERE source_kind = ?1 AND source_id = ?2
           AND deleted_at IS NULL)",
        params![kind, source_id],
        |r| r.get(0),
    )?)
}

/// Audits a change of item `id` from `before` (None for a new item) to its current row.
pub(crate) fn audit_item(
    ctx: &WriteCtx,
    action: &str,
    id: &str,
    before: Option<&RectRow>,
    summary: &str,
) -> Result<RectRow> {
    let after = get_rectification(ctx, id, ctx.clock.today())?;
    ctx.audit(
        action,
        "rectification",
        Some(id),
        summary,
        before.map(serde_json::to_value).transpose()?.as_ref(),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// Short form of a problem for audit summaries.
pub(crate) fn short(text: &str) -> String {
    let mut s: String = text.chars().take(30).collect();
    if text.chars().count() > 30 {
        s.push('…');
    }
    s
}

/// A new item, 下达. A manual item (`source_kind` "manual") gets its own id as source.
pub fn create_rectification(ctx: &WriteCtx, input: &RectInput) -> Result<RectRow> {
    let edit = RectEdit {
        problem: input.problem.clone(),
        basis: input.basis.clone(),
        measure: input.measure.clone(),
        responsible_person: input.responsible_person.clone(),
        deadline: input.deadline.clone(),
    };
    let mut bad = field_problems(&edit);
    let unit: Option<String> = ctx
        .query_row(
            "SELECT name FROM org_unit WHERE id = ?1 AND deleted_at IS NULL",
            [&input.unit_id],
            |r| r.get(0),
        )
        .optional()?;
    if unit.is_none() {
        bad.push(FieldProblem {
            row: 0,
            column: "责任单位".into(),
            message: "请选择责任单位".into(),
        });
    }
    if !(2000..=2100).contains(&input.fiscal_year) {
        bad.push(FieldProblem {
            row: 0,
            column: "年度".into(),
            message: format!("{} 不是有效年度", input.fiscal_year),
        });
    }
    refuse(bad)?;
    let kind = input.source_kind.trim();
    let kind = if kind.is_empty() { SOURCE_MANUAL } else { kind };
    let source_id = match (kind, input.source_id.as_deref().map(str::trim)) {
        (SOURCE_MANUAL, _) => new_id(),
        (_, Some(s)) if !s.is_empty() => s.to_string(),
        _ => return Err(Error::invalid("来源", "请指明整改事项的来源")),
    };
    if has_item(ctx, kind, &source_id)? {
        return Err(Error::Conflict(
            "该问题已在整改台账中，不能重复生成整改事项".into(),
        ));
    }
    let input = RectInput {
        source_kind: kind.to_string(),
        ..input.clone()
    };
    let id = insert_item(ctx, &input, &source_id)?;
    audit_item(
        ctx,
        "create",
        &id,
        None,
        &format!(
            "下达整改事项：{}（{}）",
            short(&input.problem),
            unit.unwrap_or_default()
        ),
    )
}

/// Changes problem, basis, measure, 责任人 and 完成时限 while the item is not yet verified.
pub fn update_rectification(ctx: &WriteCtx, id: &str, input: &RectEdit) -> Result<RectRow> {
    let before = get_rectification(ctx, id, ctx.clock.today())?;
    if matches!(
        before.status,
        RectStatus::Verified | RectStatus::Closed | RectStatus::Reported
    ) {
        return Err(Error::Conflict(format!(
            "整改事项当前为『{}』，单位反馈后不能再修改内容",
            before.status.label()
        )));
    }
    check_edit(input)?;
    ctx.execute(
        "UPDATE rectification SET problem = ?2, basis = ?3, measure = ?4,
            responsible_person = ?5, deadline = ?6, updated_at = ?7 WHERE id = ?1",
        params![
            id,
            input.problem.trim(),
            input.basis.trim(),
            input.measure.trim(),
            input.responsible_person.trim(),
            parse_deadline(&input.deadline)?,
            ctx.now()
        ],
    )?;
    audit_item(
        ctx,
        "update",
        id,
        Some(&before),
        &format!("修改整改事项：{}", short(&input.problem)),
    )
}
