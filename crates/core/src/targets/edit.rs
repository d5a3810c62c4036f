//! Creating targets and saving their drafts. A draft is checked row by row (each problem names
//! the row and column as the editor shows them) and saved whole or not at all; rows keep their
//! ids across saves so review comments stay attached.

use super::{get_target, IndicatorInput, Target, TargetDraft, TargetKind};
use crate::access::{Owned, Perm};
use crate::db::{new_id, WriteCtx};
use crate::indicator::{parse_decimal, parse_value, IndicatorValue};
use crate::org::get_unit;
use crate::projects::get_project;
use crate::{Error, FieldProblem, Result};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashSet;

/// A checked indicator row, ready to store.
pub(crate) struct CheckedIndicator {
    pub input: IndicatorInput,
    pub value: IndicatorValue,
    pub weight_cp: Option<i64>,
}

/// Parses 权重 points text ("10", "7.5") into centi-points; "" = no weight.
pub fn parse_weight(text: &str) -> Result<Option<i64>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let d = parse_decimal(t).map_err(|_| format!("权重『{t}』不是数字，请填写分值如 10 或 7.5"))?;
    let (int, frac) = d.split_once('.').unwrap_or((&d, ""));
    if frac.len() > 2 || int.len() > 3 {
        return Err(format!("权重『{t}』应为 0–100 分，最多两位小数"));
    }
    let cp =
        int.parse::<i64>().unwrap_or(0) * 100 + format!("{frac:0<2}").parse::<i64>().unwrap_or(0);
    if cp > 10_000 {
        return Err(format!("权重『{t}』超过 100 分"));
    }
    Ok(Some(cp))
}

/// Checks every row; `first_row` is the number the first row has in the editor or the sheet.
pub(crate) fn check_indicators(
    rows: &[(u32, &IndicatorInput)],
) -> std::result::Result<Vec<CheckedIndicator>, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (row, ind) in rows {
        let mut bad = |column: &str, message: String| {
            problems.push(FieldProblem {
                row: *row,
                column: column.into(),
                message,
            })
        };
        let name = ind.name.trim();
        if name.is_empty() {
            bad("三级指标", "请填写三级指标名称".into());
        } else if name.chars().count() > 100 {
            bad("三级指标", "名称不能超过 100 字".into());
        } else if !seen.insert((ind.level2, name.to_string())) {
            bad(
                "三级指标",
                format!("「{}」下已有同名指标「{name}」", ind.level2.label()),
            );
        }
        if ind.level2.level1() != ind.level1 {
            bad(
                "二级指标",
                format!(
                    "「{}」不属于「{}」，请选择{}",
                    ind.level2.label(),
                    ind.level1.label(),
                    crate::indicator::Level2::under(ind.level1)
                        .iter()
                        .map(|l| l.label())
                        .collect::<Vec<_>>()
                        .join(" / ")
                ),
            );
        }
        let value = parse_value(ind.nature, &ind.value);
        if let Err(m) = &value {
            bad("指标值", m.clone());
        }
        if ind.nature.is_quantitative() && ind.unit.trim().is_empty() {
            bad("计量单位", "定量指标请填写计量单位（如 %、人、个）".into());
        }
        let weight = parse_weight(&ind.weight);
        if let Err(m) = &weight {
            bad("权重", m.clone());
        }
        if let (Ok(value), Ok(weight_cp)) = (value, weight) {
            out.push(CheckedIndicator {
                input: IndicatorInput {
                    name: name.to_string(),
                    unit: ind.unit.trim().to_string(),
                    ..(*ind).clone()
                },
                value,
                weight_cp,
            });
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Starts the 项目绩效目标 of a project (status 编制).
pub fn create_project_target(ctx: &WriteCtx, project_id: &str) -> Result<Target> {
    ctx.require_project(Perm::TargetEdit, project_id)?;
    let p = get_project(ctx, project_id)?;
    if let Some(id) = current_project_target_id(ctx, project_id)? {
        return Err(Error::Conflict(format!(
            "项目 {} 已有绩效目标，请直接打开编辑（目标编号 {id}）",
            p.code
        )));
    }
    let id = new_id();
    ctx.execute(
        "INSERT INTO perf_target (id, fiscal_year, kind, project_id, unit_id, status,
            created_at, updated_at)
         VALUES (?1, ?2, '项目', ?3, ?4, '编制', ?5, ?5)",
        params![id, p.fiscal_year, p.id, p.unit_id, ctx.now()],
    )?;
    let t = get_target(ctx, &id)?;
    ctx.audit(
        "create",
        "perf_target",
        Some(&id),
        &format!("新建项目绩效目标 {} {}", p.code, p.name),
        None,
        Some(&serde_json::to_value(&t)?),
    )?;
    Ok(t)
}

/// Starts the 部门整体绩效目标 of a unit for a year (status 编制).
pub fn create_unit_target(ctx: &WriteCtx, year: i32, unit_id: &str) -> Result<Target> {
    ctx.require_unit(Perm::TargetEdit, unit_id)?;
    let u = get_unit(ctx, unit_id)?;
    if !u.kind.owns_projects() {
        return Err(Error::invalid(
            "单位",
            format!(
                "「{}」是{}，部门整体绩效目标只适用于主管部门、预算单位和乡镇",
                u.name,
                u.kind.label()
            ),
        ));
    }
    let exists: Option<String> = ctx
        .query_row(
            "SELECT id FROM perf_target WHERE kind = '部门整体' AND fiscal_year = ?1
               AND unit_id = ?2 AND is_current = 1 AND deleted_at IS NULL",
            params![year, unit_id],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_some() {
        return Err(Error::Conflict(format!(
            "「{}」{year}年度已有部门整体绩效目标，请直接打开编辑",
            u.name
        )));
    }
    crate::org::ensure_year(ctx, year)?;
    let id = new_id();
    ctx.execute(
        "INSERT INTO perf_target (id, fiscal_year, kind, unit_id, status, created_at, updated_at)
         VALUES (?1, ?2, '部门整体', ?3, '编制', ?4, ?4)",
        params![id, year, unit_id, ctx.now()],
    )?;
    let t = get_target(ctx, &id)?;
    ctx.audit(
        "create",
        "perf_target",
        Some(&id),
        &format!("新建部门整体绩效目标 {} {year}年度", u.name),
        None,
        Some(&serde_json::to_value(&t)?),
    )?;
    Ok(t)
}

pub(crate) fn current_project_target_id(
    c: &Connection,
    project_id: &str,
) -> Result<Option<String>> {
    Ok(c.query_row(
        "SELECT id FROM perf_target WHERE project_id = ?1 AND kind = '项目' AND is_current = 1 AND deleted_at IS NULL",
        [project_id],
        |r| r.get(0),
    )
    .optional()?)
}

/// Saves the 总体目标 and the indicator rows of a target the unit may edit (编制 or 一下).
pub fn save_draft(ctx: &WriteCtx, target_id: &str, draft: &TargetDraft) -> Result<Target> {
    ctx.require_row(Perm::TargetEdit, Owned::Target, target_id)?;
    let before = get_target(ctx, target_id)?;
    ensure_editable(&before)?;
    let rows: Vec<(u32, &IndicatorInput)> = draft
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| (i as u32 + 1, ind))
        .collect();
    let checked = check_indicators(&rows).map_err(Error::Unsaved)?;
    if draft.overall_goal.chars().count() > 2000 {
        return Err(Error::invalid("总体目标", "不能超过 2000 字"));
    }
    ctx.execute(
        "UPDATE perf_target SET overall_goal = ?2, updated_at = ?3 WHERE id = ?1",
        params![target_id, draft.overall_goal.trim(), ctx.now()],
    )?;
    write_indicators(ctx, &before, &checked)?;
    let after = get_target(ctx, target_id)?;
    ctx.audit(
        "update",
        "perf_target",
        Some(target_id),
        &format!(
            "保存绩效目标 {}（{}条三级指标）",
            label_of(&after),
            after.indicators.len()
        ),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

pub(crate) fn ensure_editable(t: &Target) -> Result<()> {
    if t.status.editable() && t.is_current {
        return Ok(());
    }
    let why = if !t.is_current {
        "这是历史版本，不能修改".to_string()
    } else if t.status.under_review() {
        format!(
            "已『{}』提交财政审核，审核期间不能修改；如需修改请等待退回",
            t.status.label()
        )
    } else {
        "已『二下』批复并冻结；如需修改请使用「申请调整」".to_string()
    };
    Err(Error::Conflict(format!("绩效目标 {} {why}", label_of(t))))
}

/// 「项目编码 项目名称」 or 「单位名称（部门整体）」.
pub(crate) fn label_of(t: &Target) -> String {
    match t.kind {
        TargetKind::Project => format!(
            "{} {}",
            t.project_code.as_deref().unwrap_or_default(),
            t.project_name.as_deref().unwrap_or_default()
        ),
        TargetKind::Unit => format!("{}（部门整体）", t.unit_name),
    }
}

/// Replaces the live rows of `target` with `rows`: rows with a known id are updated, new ones
/// inserted, missing ones soft-deleted (deletes must travel to other PCs).
pub(crate) fn write_indicators(
    ctx: &WriteCtx,
    target: &Target,
    rows: &[CheckedIndicator],
) -> Result<()> {
    let existing: HashSet<&str> = target.indicators.iter().map(|i| i.id.as_str()).collect();
    let mut kept = HashSet::new();
    for (i, row) in rows.iter().enumerate() {
        let ind = &row.input;
        let known = ind.id.as_deref().filter(|id| existing.contains(id));
        let seq = i as i64 + 1;
        match known {
            Some(id) => {
                kept.insert(id.to_string());
                ctx.execute(
                    "UPDATE target_indicator SET seq = ?2, level1 = ?3, level2 = ?4, name = ?5,
                        nature = ?6, value = ?7, value_high = ?8, unit = ?9, weight_cp = ?10,
                        library_id = ?11, is_core = ?12, updated_at = ?13
                     WHERE id = ?1",
                    params![
                        id,
                        seq,
                        ind.level1,
                        ind.level2,
                        ind.name,
                        ind.nature,
                        row.value.value,
                        row.value.value_high,
                        ind.unit,
                        row.weight_cp,
                        ind.library_id,
                        ind.is_core,
                        ctx.now()
                    ],
                )?;
            }
            None => {
                ctx.execute(
                    "INSERT INTO target_indicator (id, target_id, seq, level1, level2, name,
                        nature, value, value_high, unit, weight_cp, library_id, is_core,
                        created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
                    params![
                        new_id(),
                        target.id,
                        seq,
                        ind.level1,
                        ind.level2,
                        ind.name,
                        ind.nature,
                        row.value.value,
                        row.value.value_high,
                        ind.unit,
                        row.weight_cp,
                        ind.library_id,
                        ind.is_core,
                        ctx.now()
                    ],
                )?;
            }
        }
    }
    for old in &target.indicators {
        if !kept.contains(&old.id) {
            ctx.execute(
                "UPDATE target_indicator SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                params![old.id, ctx.now()],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod weight_tests {
    use super::parse_weight;

    #[test]
    fn a_huge_weight_is_refused_with_the_limit_not_cut() {
        let e = parse_weight("99999999999").unwrap_err();
        assert!(e.contains("99999999999") && e.contains("0–100 分"), "{e}");
        assert_eq!(parse_weight("7.5"), Ok(Some(750)));
    }
}
