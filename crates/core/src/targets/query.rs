//! Reading targets: one target with its rows and comments, the paged list of the year (every
//! project or unit, with or without a target), the version history, and what changed between
//! the submission the bureau returned and the resubmission (二上).

use super::{
    rate_bp, CommentCategory, Target, TargetComment, TargetIndicator, TargetKind, TargetStatus,
};
use crate::indicator::{display_value, Level1, Level2, Nature};
use crate::listing::{limit_clause, Filter, Page};
use crate::money::Fen;
use crate::projects::ProjectGrade;
use crate::{Error, Result};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const SELECT: &str = "SELECT t.id, t.fiscal_year, t.kind, t.project_id, p.code, p.name, p.grade,
        p.adjusted_budget_fen, t.unit_id, u.code, u.name, t.version, t.is_current, t.previous_id,
        t.status, t.overall_goal, t.adjustment_reason, t.reduction_fen, t.is_public,
        t.not_public_reason, t.first_approved_by, t.approved_by, t.approved_at, t.submitted_at,
        t.updated_at
    FROM perf_target t JOIN org_unit u ON u.id = t.unit_id
    LEFT JOIN project p ON p.id = t.project_id
    WHERE t.deleted_at IS NULL";

pub fn get_target(c: &Connection, id: &str) -> Result<Target> {
    let mut t = c
        .query_row(&format!("{SELECT} AND t.id = ?1"), [id], |r| {
            let grade: Option<ProjectGrade> = r.get(6)?;
            Ok(Target {
                id: r.get(0)?,
                fiscal_year: r.get(1)?,
                kind: r.get(2)?,
                project_id: r.get(3)?,
                project_code: r.get(4)?,
                project_name: r.get(5)?,
                project_grade: grade,
                project_budget: r.get::<_, Option<i64>>(7)?.map(Fen),
                unit_id: r.get(8)?,
                unit_code: r.get(9)?,
                unit_name: r.get(10)?,
                version: r.get(11)?,
                is_current: r.get(12)?,
                previous_id: r.get(13)?,
                status: r.get(14)?,
                overall_goal: r.get(15)?,
                adjustment_reason: r.get(16)?,
                reduction: Fen(r.get(17)?),
                is_public: r.get(18)?,
                not_public_reason: r.get(19)?,
                first_approved_by: r.get(20)?,
                approved_by: r.get(21)?,
                approved_at: r.get(22)?,
                submitted_at: r.get(23)?,
                updated_at: r.get(24)?,
                indicators: Vec::new(),
                comments: Vec::new(),
                quantification_bp: None,
                needs_second_reviewer: grade == Some(ProjectGrade::A),
                approval_block: None,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到该绩效目标，可能已被删除，请刷新后重试".into()))?;
    t.indicators = indicators_of(c, id)?;
    t.comments = comments_of(c, id)?;
    let quantitative = t
        .indicators
        .iter()
        .filter(|i| i.nature.is_quantitative())
        .count() as i64;
    t.quantification_bp = rate_bp(quantitative, t.indicators.len() as i64);
    if let Some(pid) = &t.project_id {
        t.approval_block = crate::exante::blocks_targets(c, pid)?;
    }
    Ok(t)
}

pub(crate) fn indicators_of(c: &Connection, target_id: &str) -> Result<Vec<TargetIndicator>> {
    let mut st = c.prepare_cached(
        "SELECT id, seq, level1, level2, name, nature, value, value_high, unit, weight_cp,
                library_id, is_core
         FROM target_indicator WHERE target_id = ?1 AND deleted_at IS NULL ORDER BY seq",
    )?;
    let rows = st.query_map([target_id], |r| {
        Ok(TargetIndicator {
            id: r.get(0)?,
            seq: r.get(1)?,
            level1: r.get(2)?,
            level2: r.get(3)?,
            name: r.get(4)?,
            nature: r.get(5)?,
            value: r.get(6)?,
            value_high: r.get(7)?,
            unit: r.get(8)?,
            weight_cp: r.get(9)?,
            library_id: r.get(10)?,
            is_core: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn comments_of(c: &Connection, target_id: &str) -> Result<Vec<TargetComment>> {
    let mut st = c.prepare_cached(
        "SELECT id, indicator_id, indicator_name, category, text, resolved, created_by, created_at
         FROM target_comment WHERE target_id = ?1 AND deleted_at IS NULL
         ORDER BY created_at, rowid",
    )?;
    let rows = st.query_map([target_id], |r| {
        Ok(TargetComment {
            id: r.get(0)?,
            indicator_id: r.get(1)?,
            indicator_name: r.get(2)?,
            category: r.get::<_, CommentCategory>(3)?,
            text: r.get(4)?,
            resolved: r.get(5)?,
            created_by: r.get(6)?,
            created_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The current target of a project, if it has one.
pub fn target_of_project(c: &Connection, project_id: &str) -> Result<Option<Target>> {
    match super::edit::current_project_target_id(c, project_id)? {
        Some(id) => Ok(Some(get_target(c, &id)?)),
        None => Ok(None),
    }
}

/// Filters of the list. `status` is a [`TargetStatus`] label or 「未编制」 (no target yet).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetQuery {
    pub year: i32,
    /// 项目 (one row per project) or 部门整体 (one row per unit that owns projects).
    pub kind: Option<TargetKind>,
    pub status: Option<String>,
    /// A unit and all units below it.
    pub unit_id: Option<String>,
    /// Matches code, name or unit name.
    pub search: Option<String>,
    /// 1-based; 0 = all rows.
    pub page: u32,
    pub page_size: u32,
}

/// One project (or unit) of the year and the state of its current target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetRow {
    pub target_id: Option<String>,
    pub project_id: Option<String>,
    pub unit_id: String,
    /// 项目编码 (or 单位编码 for 部门整体).
    pub code: String,
    pub name: String,
    pub unit_name: String,
    /// 调整后预算数, 分 (projects only).
    pub budget: Option<Fen>,
    pub grade: Option<ProjectGrade>,
    /// None = 未编制.
    pub status: Option<TargetStatus>,
    pub version: Option<i64>,
    pub indicators: i64,
    pub quantitative: i64,
    pub quantification_bp: Option<i64>,
    pub open_comments: i64,
    pub is_public: Option<bool>,
    /// 事前评估 conclusion, if assessed.
    pub exante_conclusion: Option<String>,
}

/// One page of the targets list.
pub type TargetPage = Page<TargetRow>;

pub fn list_targets(c: &Connection, q: &TargetQuery) -> Result<TargetPage> {
    let kind = q.kind.unwrap_or(TargetKind::Project);
    let mut f = Filter::with_args(vec![Value::Integer(q.year.into())]);
    if let Some(u) = &q.unit_id {
        f.unit_subtree("o.unit_id", u);
    }
    f.search(&["o.code", "o.name", "o.unit_name"], &q.search);
    match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None | Some("全部") => {}
        Some("未编制") => {
            f.raw(" AND o.target_id IS NULL");
        }
        Some(s) => {
            let st = TargetStatus::parse(s).ok_or_else(|| {
                Error::invalid("状态", format!("应为 未编制 / {}", TargetStatus::choices()))
            })?;
            f.push(" AND o.status = ?", st.label().to_string());
        }
    }
    // `o` = one row per object of the year, with its current target (if any).
    let objects = match kind {
        TargetKind::Project => {
            "SELECT p.id AS project_id, p.unit_id, p.code, p.name, u.name AS unit_name,
                    p.adjusted_budget_fen AS budget, p.grade, t.id AS target_id, t.status,
                    t.version, t.is_public, a.conclusion AS exante
             FROM project p JOIN org_unit u ON u.id = p.unit_id
             LEFT JOIN perf_target t ON t.project_id = p.id AND t.kind = '项目' AND t.is_current = 1
                  AND t.deleted_at IS NULL
             LEFT JOIN exante_assessment a ON a.project_id = p.id AND a.deleted_at IS NULL
             WHERE p.deleted_at IS NULL AND p.fiscal_year = ?1"
        }
        TargetKind::Unit => {
            "SELECT NULL AS project_id, u.id AS unit_id, u.code, u.name, u.name AS unit_name,
                    NULL AS budget, NULL AS grade, t.id AS target_id, t.status, t.version,
                    t.is_public, NULL AS exante
             FROM org_unit u
             LEFT JOIN perf_target t ON t.unit_id = u.id AND t.kind = '部门整体'
                  AND t.fiscal_year = ?1 AND t.is_current = 1 AND t.deleted_at IS NULL
             WHERE u.deleted_at IS NULL AND u.kind IN ('主管部门','预算单位','乡镇')"
        }
    };
    let from = format!("FROM ({objects}) o WHERE 1 = 1{}", f.sql());
    let total: u32 = c.query_row(&format!("SELECT COUNT(*) {from}"), f.params(), |r| r.get(0))?;
    let sql = format!(
        "SELECT o.target_id, o.project_id, o.unit_id, o.code, o.name, o.unit_name, o.budget,
                o.grade, o.status, o.version, o.is_public, o.exante,
                (SELECT COUNT(*) FROM target_indicator i
                  WHERE i.target_id = o.target_id AND i.deleted_at IS NULL),
                (SELECT COUNT(*) FROM target_indicator i
                  WHERE i.target_id = o.target_id AND i.deleted_at IS NULL AND i.nature <> '定性'),
                (SELECT COUNT(*) FROM target_comment m
                  WHERE m.target_id = o.target_id AND m.deleted_at IS NULL AND m.resolved = 0)
         {from} ORDER BY o.code{}",
        limit_clause(q.page, q.page_size)
    );
    let mut st = c.prepare(&sql)?;
    let rows = st
        .query_map(f.params(), |r| {
            let indicators: i64 = r.get(12)?;
            let quantitative: i64 = r.get(13)?;
            Ok(TargetRow {
                target_id: r.get(0)?,
                project_id: r.get(1)?,
                unit_id: r.get(2)?,
                code: r.get(3)?,
                name: r.get(4)?,
                unit_name: r.get(5)?,
                budget: r.get::<_, Option<i64>>(6)?.map(Fen),
                grade: r.get(7)?,
                status: r.get(8)?,
                version: r.get(9)?,
                is_public: r.get(10)?,
                exante_conclusion: r.get(11)?,
                indicators,
                quantitative,
                quantification_bp: rate_bp(quantitative, indicators),
                open_comments: r.get(14)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Page { total, rows })
}

/// A version of a target, for the history list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetVersion {
    pub id: String,
    pub version: i64,
    pub status: TargetStatus,
    pub is_current: bool,
    pub adjustment_reason: String,
    pub approved_by: Option<String>,
    pub approved_at: Option<String>,
}

/// Every version of the target `id` belongs to, newest first.
pub fn target_versions(c: &Connection, id: &str) -> Result<Vec<TargetVersion>> {
    let mut chain = Vec::new();
    // Walk back from the newest version of this chain (a later version points at `id`).
    let mut newest = id.to_string();
    while let Some(next) = c
        .query_row(
            "SELECT id FROM perf_target WHERE previous_id = ?1 AND deleted_at IS NULL",
            [&newest],
            |r| r.get::<_, String>(0),
        )
        .optional()?
    {
        newest = next;
    }
    let mut cur = Some(newest);
    while let Some(vid) = cur {
        let (v, prev) = c.query_row(
            "SELECT id, version, status, is_current, adjustment_reason, approved_by, approved_at,
                    previous_id
             FROM perf_target WHERE id = ?1",
            [&vid],
            |r| {
                Ok((
                    TargetVersion {
                        id: r.get(0)?,
                        version: r.get(1)?,
                        status: r.get(2)?,
                        is_current: r.get(3)?,
                        adjustment_reason: r.get(4)?,
                        approved_by: r.get(5)?,
                        approved_at: r.get(6)?,
                    },
                    r.get::<_, Option<String>>(7)?,
                ))
            },
        )?;
        chain.push(v);
        cur = prev;
    }
    Ok(chain)
}

/// A row of the body the unit submitted (stored as JSON at each 一上/二上).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SubmittedIndicator {
    pub level1: Level1,
    pub level2: Level2,
    pub name: String,
    pub nature: Nature,
    pub value: String,
    pub value_high: Option<String>,
    pub unit: String,
    pub weight_cp: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SubmittedBody {
    pub overall_goal: String,
    pub indicators: Vec<SubmittedIndicator>,
}

impl SubmittedBody {
    pub fn of(t: &Target) -> SubmittedBody {
        SubmittedBody {
            overall_goal: t.overall_goal.clone(),
            indicators: t
                .indicators
                .iter()
                .map(|i| SubmittedIndicator {
                    level1: i.level1,
                    level2: i.level2,
                    name: i.name.clone(),
                    nature: i.nature,
                    value: i.value.clone(),
                    value_high: i.value_high.clone(),
                    unit: i.unit.clone(),
                    weight_cp: i.weight_cp,
                })
                .collect(),
        }
    }
}

fn describe(i: &SubmittedIndicator) -> String {
    let weight = i
        .weight_cp
        .map(|w| format!("，权重 {}", crate::fmt_cp(w)))
        .unwrap_or_default();
    format!(
        "{} {}{}{}",
        i.nature.label(),
        display_value(&i.value, i.value_high.as_deref()),
        i.unit,
        weight
    )
}

/// One difference between the returned submission and the resubmission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetChange {
    /// 新增 / 删除 / 修改.
    pub change: String,
    /// 「产出指标 / 数量指标 / 名称」, or 「总体目标」.
    pub item: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What changed from the previous submission to the latest one (empty before a resubmission).
pub fn target_changes(c: &Connection, target_id: &str) -> Result<Vec<TargetChange>> {
    let mut st = c.prepare(
        "SELECT body_json FROM target_submission WHERE target_id = ?1 AND deleted_at IS NULL
         ORDER BY created_at DESC, rowid DESC LIMIT 2",
    )?;
    let bodies: Vec<String> = st
        .query_map([target_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if bodies.len() < 2 {
        return Ok(Vec::new());
    }
    let after: SubmittedBody = serde_json::from_str(&bodies[0])?;
    let before: SubmittedBody = serde_json::from_str(&bodies[1])?;
    Ok(diff(&before, &after))
}

pub(crate) fn diff(before: &SubmittedBody, after: &SubmittedBody) -> Vec<TargetChange> {
    let mut out = Vec::new();
    if before.overall_goal != after.overall_goal {
        out.push(TargetChange {
            change: "修改".into(),
            item: "总体目标".into(),
            before: Some(before.overall_goal.clone()),
            after: Some(after.overall_goal.clone()),
        });
    }
    let key = |i: &SubmittedIndicator| (i.level1, i.level2, i.name.clone());
    let path = |i: &SubmittedIndicator| {
        format!("{} / {} / {}", i.level1.label(), i.level2.label(), i.name)
    };
    for b in &before.indicators {
        match after.indicators.iter().find(|a| key(a) == key(b)) {
            None => out.push(TargetChange {
                change: "删除".into(),
                item: path(b),
                before: Some(describe(b)),
                after: None,
            }),
            Some(a) if a != b => out.push(TargetChange {
                change: "修改".into(),
                item: path(b),
                before: Some(describe(b)),
                after: Some(describe(a)),
            }),
            Some(_) => {}
        }
    }
    for a in &after.indicators {
        if !before.indicators.iter().any(|b| key(b) == key(a)) {
            out.push(TargetChange {
                change: "新增".into(),
                item: path(a),
                before: None,
                after: Some(describe(a)),
            });
        }
    }
    out
}

/// Live ids of the year's current targets (for batch actions).
pub(crate) fn current_ids(
    c: &Connection,
    year: i32,
    status: &[TargetStatus],
) -> Result<Vec<String>> {
    let labels: Vec<&str> = status.iter().map(|s| s.label()).collect();
    let mut st = c.prepare(
        "SELECT t.id FROM perf_target t LEFT JOIN project p ON p.id = t.project_id
         WHERE t.fiscal_year = ?1 AND t.is_current = 1 AND t.deleted_at IS NULL
           AND t.status IN (SELECT value FROM json_each(?2))
         ORDER BY COALESCE(p.code, ''), t.id",
    )?;
    let ids = st
        .query_map(params![year, serde_json::to_string(&labels)?], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}
