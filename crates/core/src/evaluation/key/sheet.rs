//! Saving the score sheet (whole-sheet checks from the rule set plus per-row checks; 扣分 rows
//! scored here from their actual value), the findings, and the report texts. Each replaces
//! what was there, keeping row ids; all are refused once 定稿.

use super::model::*;
use super::query::get_key_eval;
use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::evaluation::scoring::deduction_score_cp;
use crate::rules::{key_level1s, key_sheet_problems, KeyTemplateItem};
use crate::{fmt_cp, Error, FieldProblem, Result};
use rusqlite::params;
use std::collections::HashSet;

fn problem(column: String, message: impl Into<String>) -> FieldProblem {
    FieldProblem {
        row: 0,
        column,
        message: message.into(),
    }
}

/// The score of a row as stored: 扣分 rows computed from `actual`, 评分 rows as given.
fn score_of(i: &KeyItemInput) -> Option<i64> {
    match i.rule.as_str() {
        "扣分" => {
            let actual = i
                .actual
                .as_deref()
                .map(str::trim)
                .filter(|a| !a.is_empty())?;
            deduction_score_cp(actual, i.threshold.as_deref()?, i.deduct_cp?, i.weight_cp)
        }
        _ => i.score_cp,
    }
}

fn too_long(bad: &mut Vec<FieldProblem>, at: &str, column: &str, text: &str, max: usize) {
    if text.trim().chars().count() > max {
        bad.push(problem(
            format!("{at}{column}"),
            format!("不能超过{max}个字"),
        ));
    }
}

fn sheet_problems(
    kind: &str,
    known: &HashSet<String>,
    items: &[KeyItemInput],
) -> Vec<FieldProblem> {
    let as_template: Vec<KeyTemplateItem> = items
        .iter()
        .map(|i| KeyTemplateItem {
            level1: i.level1.trim().to_string(),
            level2: i.level2.trim().to_string(),
            level3: i.level3.trim().to_string(),
            weight_cp: i.weight_cp,
            standard: i.standard.clone(),
            rule: i.rule.clone(),
            threshold: i.threshold.clone(),
            deduct_cp: i.deduct_cp,
        })
        .collect();
    let mut bad: Vec<FieldProblem> = key_sheet_problems(kind, &as_template)
        .into_iter()
        .map(|(column, message)| problem(column, message))
        .collect();
    let level1s = key_level1s(kind);
    let mut seen = HashSet::new();
    for (n, i) in items.iter().enumerate() {
        let at = format!("第{}项「{}」", n + 1, i.level3.trim());
        if !level1s.contains(&i.level1.trim()) {
            bad.push(problem(
                format!("{at}一级指标"),
                format!(
                    "「{}」不是{kind}评价的一级指标，应为 {}",
                    i.level1.trim(),
                    level1s.join(" / ")
                ),
            ));
        }
        if let Some(id) = &i.id {
            if !known.contains(id) || !seen.insert(id.clone()) {
                bad.push(problem(
                    at.clone(),
                    "该行已不存在或重复提交，请刷新评分表后重试",
                ));
            }
        }
        if i.weight_cp > 10_000 {
            bad.push(problem(format!("{at}分值"), "不能超过 100 分"));
        }
        too_long(&mut bad, &at, "二级指标", &i.level2, 50);
        too_long(&mut bad, &at, "三级指标", &i.level3, 100);
        too_long(&mut bad, &at, "评分标准", &i.standard, 500);
        too_long(
            &mut bad,
            &at,
            "实际情况",
            i.actual.as_deref().unwrap_or(""),
            1000,
        );
        too_long(&mut bad, &at, "备注", &i.note, 500);
        match i.rule.as_str() {
            "评分" => {
                if let Some(s) = i.score_cp {
                    if s < 0 || s > i.weight_cp {
                        bad.push(problem(
                            format!("{at}得分"),
                            format!(
                                "得分 {} 应在 0 到该项分值 {} 之间",
                                fmt_cp(s),
                                fmt_cp(i.weight_cp)
                            ),
                        ));
                    }
                }
            }
            "扣分" => {
                let actual = i.actual.as_deref().map(str::trim).unwrap_or("");
                let rule_ok = i.threshold.is_some() && i.deduct_cp.is_some_and(|d| d > 0);
                if rule_ok && !actual.is_empty() && score_of(i).is_none() {
                    bad.push(problem(
                        format!("{at}实际情况"),
                        format!("扣分项的实际情况应为百分数，如 103.5，现为『{actual}』"),
                    ));
                }
            }
            _ => {}
        }
    }
    bad
}

/// Replaces the score sheet (rows with an id keep it; missing rows are removed). 扣分 rows get
/// their score from `actual`; a 评分 score must lie in 0 ..= 分值.
pub fn save_key_sheet(ctx: &WriteCtx, id: &str, items: &[KeyItemInput]) -> Result<KeyEval> {
    ctx.require(Perm::KeyEval)?;
    let before = get_key_eval(ctx, id)?;
    super::ensure_not_final(&before)?;
    let known: HashSet<String> = before.items.iter().map(|i| i.id.clone()).collect();
    let bad = sheet_problems(before.kind.label(), &known, items);
    if !bad.is_empty() {
        return Err(Error::Unsaved(bad));
    }
    let now = ctx.now().to_string();
    let mut kept = HashSet::new();
    for (n, i) in items.iter().enumerate() {
        let actual = i.actual.as_deref().map(str::trim).filter(|a| !a.is_empty());
        let (threshold, deduct) = if i.rule == "扣分" {
            (i.threshold.as_deref().map(str::trim), i.deduct_cp)
        } else {
            (None, None)
        };
        let row_id = i.id.clone().unwrap_or_else(new_id);
        let values = params![
            row_id,
            id,
            n as i64 + 1,
            i.level1.trim(),
            i.level2.trim(),
            i.level3.trim(),
            i.weight_cp,
            i.standard.trim(),
            i.rule,
            threshold,
            deduct,
            actual,
            score_of(i),
            i.note.trim(),
            now
        ];
        if i.id.is_some() {
            ctx.execute(
                "UPDATE key_eval_item SET seq = ?3, level1 = ?4, level2 = ?5, level3 = ?6,
                    weight_cp = ?7, standard = ?8, rule = ?9, threshold = ?10, deduct_cp = ?11,
                    actual = ?12, score_cp = ?13, note = ?14, updated_at = ?15
                 WHERE id = ?1 AND key_eval_id = ?2",
                values,
            )?;
        } else {
            ctx.execute(
                "INSERT INTO key_eval_item (id, key_eval_id, seq, level1, level2, level3,
                    weight_cp, standard, rule, threshold, deduct_cp, actual, score_cp, note,
                    created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
                values,
            )?;
        }
        kept.insert(row_id);
    }
    for old in before.items.iter().filter(|i| !kept.contains(&i.id)) {
        ctx.execute(
            "UPDATE key_eval_item SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![old.id, now],
        )?;
    }
    let after = get_key_eval(ctx, id)?;
    ctx.audit(
        "update",
        "key_eval_item",
        Some(id),
        &format!(
            "保存重点评价评分表『{}』：{} 项，未评分 {} 项，合计 {} 分",
            after.object_name,
            after.items.len(),
            after.unscored,
            fmt_cp(after.total_cp)
        ),
        Some(&serde_json::to_value(&before.items)?),
        Some(&serde_json::to_value(&after.items)?),
    )?;
    Ok(after)
}

/// Replaces the findings (问题, 依据, 建议), keeping row ids.
pub fn save_key_findings(ctx: &WriteCtx, id: &str, findings: &[FindingInput]) -> Result<KeyEval> {
    ctx.require(Perm::KeyEval)?;
    let before = get_key_eval(ctx, id)?;
    super::ensure_not_final(&before)?;
    let known: HashSet<&str> = before.findings.iter().map(|f| f.id.as_str()).collect();
    let mut bad = Vec::new();
    let mut seen = HashSet::new();
    for (n, f) in findings.iter().enumerate() {
        let at = format!("第{}条问题", n + 1);
        if f.category.trim().is_empty() {
            bad.push(problem(
                format!("{at}类别"),
                "请选择或填写问题类别，如 预算管理",
            ));
        }
        if f.problem.trim().is_empty() {
            bad.push(problem(
                format!("{at}问题描述"),
                "不能为空，请写明发现的问题或删除该条",
            ));
        }
        if let Some(fid) = &f.id {
            if !known.contains(fid.as_str()) || !seen.insert(fid.clone()) {
                bad.push(problem(at.clone(), "该条已不存在或重复提交，请刷新后重试"));
            }
        }
        too_long(&mut bad, &at, "类别", &f.category, 20);
        too_long(&mut bad, &at, "问题描述", &f.problem, 2000);
        too_long(&mut bad, &at, "依据", &f.basis, 1000);
        too_long(&mut bad, &at, "建议", &f.recommendation, 2000);
    }
    if !bad.is_empty() {
        return Err(Error::Unsaved(bad));
    }
    let now = ctx.now().to_string();
    let mut kept = HashSet::new();
    for (n, f) in findings.iter().enumerate() {
        let row_id = f.id.clone().unwrap_or_else(new_id);
        let values = params![
            row_id,
            id,
            n as i64 + 1,
            f.category.trim(),
            f.problem.trim(),
            f.basis.trim(),
            f.recommendation.trim(),
            now
        ];
        if f.id.is_some() {
            ctx.execute(
                "UPDATE key_eval_finding SET seq = ?3, category = ?4, problem = ?5, basis = ?6,
                    recommendation = ?7, updated_at = ?8 WHERE id = ?1 AND key_eval_id = ?2",
                values,
            )?;
        } else {
            ctx.execute(
                "INSERT INTO key_eval_finding (id, key_eval_id, seq, category, problem, basis,
                    recommendation, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                values,
            )?;
        }
        kept.insert(row_id);
    }
    for old in before.findings.iter().filter(|f| !kept.contains(&f.id)) {
        ctx.execute(
            "UPDATE key_eval_finding SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![old.id, now],
        )?;
    }
    let after = get_key_eval(ctx, id)?;
    ctx.audit(
        "update",
        "key_eval_finding",
        Some(id),
        &format!(
            "保存重点评价『{}』发现的问题：{} 条",
            after.object_name,
            after.findings.len()
        ),
        Some(&serde_json::to_value(&before.findings)?),
        Some(&serde_json::to_value(&after.findings)?),
    )?;
    Ok(after)
}

/// Saves the report texts: 主要绩效 (summary) and 单位反馈意见.
pub fn save_key_texts(
    ctx: &WriteCtx,
    id: &str,
    summary: &str,
    unit_feedback: &str,
) -> Result<KeyEval> {
    ctx.require(Perm::KeyEval)?;
    let before = get_key_eval(ctx, id)?;
    super::ensure_not_final(&before)?;
    let mut bad = Vec::new();
    too_long(&mut bad, "", "主要绩效", summary, 10_000);
    too_long(&mut bad, "", "单位反馈意见", unit_feedback, 10_000);
    if !bad.is_empty() {
        return Err(Error::Unsaved(bad));
    }
    ctx.execute(
        "UPDATE key_eval SET summary = ?2, unit_feedback = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, summary.trim(), unit_feedback.trim(), ctx.now()],
    )?;
    let after = get_key_eval(ctx, id)?;
    ctx.audit(
        "update",
        "key_eval",
        Some(id),
        &format!("保存重点评价报告『{}』", after.object_name),
        Some(&serde_json::json!({ "summary": before.summary, "unit_feedback": before.unit_feedback })),
        Some(&serde_json::json!({ "summary": after.summary, "unit_feedback": after.unit_feedback })),
    )?;
    Ok(after)
}
