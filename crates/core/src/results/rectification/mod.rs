//! 整改台账: one item per problem — a 重点评价 finding, a 红灯 监控情况表, a 抽查复核 gap over
//! the line, or one typed in by hand. This file owns creating and editing an item and their
//! checks; [`generate`] makes items from their sources, [`flow`]
//! moves them 下达 → 整改中 → 已反馈 → 已核实 (or 退回 → 整改中) → 销号, [`evidence`] keeps the
//! 佐证材料, [`export`] writes the ledger workbook; [`ledger`] reads items and the paged list,
//! [`sources`] lists what can be generated from.
//!
//! Invariants: one live item per source (unique index on source_kind + source_id; a manual item
//! is its own source). Overdue is never stored: deadline < today while not 已核实 / 销号, with
//! "today" from the Db clock, which is why the reads take `today`.

use crate::access::Perm;
mod evidence;
mod export;
mod flow;
mod generate;
mod ledger;
mod sources;

pub(crate) use evidence::sync_dir;
pub use evidence::{
    add_evidence, evidence_dir, evidence_file, export_evidence, is_sha256_hex, list_evidence,
    Evidence, MAX_EVIDENCE_BYTES,
};
pub use export::{export_rectifications, RECT_HEADERS};
pub use flow::{close, reject, report, start, verify};
pub use generate::{
    rectifications_from, rectifications_from_key_eval, rectifications_from_monitoring,
    rectifications_from_spot_check, RectSourceType,
};
pub(crate) use ledger::SETTLED;
pub use ledger::{
    get_rectification, list_rectifications, overdue_days, rectification_counts,
    rectification_summary, RectPage, RectQuery, RectRow, RectStatusCount, RectSummary,
};
pub use sources::{rect_sources, RectSourceOption, RectSources};

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
        bad => Err(Error::Unsaved(bad)),
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
    ctx.require(Perm::RectManage)?;
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
    ctx.require(Perm::RectManage)?;
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
