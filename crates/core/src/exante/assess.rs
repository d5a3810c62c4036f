//! Saving, reading and deleting the assessment of a project, and the one question the 绩效目标
//! stage asks ([`blocks_targets`]). Scores are checked against the rule set in force; total and
//! conclusion are computed here, never taken from the form.

use super::model::*;
use super::required::required_by;
use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::money::Fen;
use crate::org::{get_unit, UnitKind};
use crate::projects::get_project;
use crate::rules::{self, ExAnteAspect, ExAnteRules, ExAnteSheetKind};
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

const SELECT: &str = "SELECT a.id, a.project_id, a.assessor_type, a.assessor_org_id, o.name,
        a.assessor_name, a.scores_json, a.rule_version, a.total_cp, a.conclusion,
        a.declared_fen, a.approved_fen, a.opinion, a.assessed_on, a.updated_at
    FROM exante_assessment a LEFT JOIN org_unit o ON o.id = a.assessor_org_id
    WHERE a.deleted_at IS NULL";

fn from_row(r: &Row) -> rusqlite::Result<(ExAnteAssessment, String)> {
    let declared = Fen(r.get(10)?);
    let approved = Fen(r.get(11)?);
    Ok((
        ExAnteAssessment {
            id: r.get(0)?,
            project_id: r.get(1)?,
            assessor_type: r.get(2)?,
            assessor_org_id: r.get(3)?,
            assessor_org_name: r.get(4)?,
            assessor_name: r.get(5)?,
            scores: Vec::new(),
            rule_version: r.get(7)?,
            total_cp: r.get(8)?,
            conclusion: r.get(9)?,
            declared_fen: declared,
            approved_fen: approved,
            reduction_fen: Fen(declared.0 - approved.0),
            reduction_rate_bp: reduction_rate_bp(declared, approved),
            opinion: r.get(12)?,
            assessed_on: r.get(13)?,
            updated_at: r.get(14)?,
        },
        r.get(6)?,
    ))
}

/// The live assessment of a project, if any.
pub fn get_assessment(c: &Connection, project_id: &str) -> Result<Option<ExAnteAssessment>> {
    let found = c
        .query_row(
            &format!("{SELECT} AND a.project_id = ?1"),
            [project_id],
            from_row,
        )
        .optional()?;
    match found {
        None => Ok(None),
        Some((mut a, json)) => {
            a.scores = serde_json::from_str(&json)?;
            Ok(Some(a))
        }
    }
}

/// The score sheet a project is scored on: the 专项债 sheet for a special-bond project, else the
/// project sheet.
pub fn sheet_kind_of(project: &crate::projects::Project) -> ExAnteSheetKind {
    if project.is_special_bond {
        ExAnteSheetKind::Bond
    } else {
        ExAnteSheetKind::Project
    }
}

/// The rules whose sheet an assessment made under `version` is shown with (falling back to the
/// current rule set when that version is gone), and that version.
pub(crate) fn rules_of_version(
    c: &Connection,
    version: Option<i64>,
    current: &rules::RuleSetVersion,
) -> Result<(i64, ExAnteRules)> {
    Ok(match version {
        Some(v) => match rules::get_version(c, v)? {
            Some(v) => (v.version, v.rules.ex_ante),
            None => (current.version, current.rules.ex_ante.clone()),
        },
        None => (current.version, current.rules.ex_ante.clone()),
    })
}

/// A sheet's aspects with the given scores filled in.
pub(crate) fn sheet_aspects(
    sheet: &[ExAnteAspect],
    scores: Option<&[ItemScore]>,
) -> Vec<SheetAspect> {
    let score_of = |aspect: &str, item: &str| {
        scores.and_then(|sc| {
            sc.iter()
                .find(|s| s.aspect == aspect && s.item == item)
                .map(|s| s.score_cp)
        })
    };
    sheet
        .iter()
        .map(|a| {
            let items: Vec<SheetItem> = a
                .items
                .iter()
                .map(|i| SheetItem {
                    name: i.name.clone(),
                    max_cp: i.max_cp,
                    score_cp: score_of(&a.name, &i.name),
                })
                .collect();
            SheetAspect {
                name: a.name.clone(),
                max_cp: items.iter().map(|i| i.max_cp).sum(),
                subtotal_cp: items.iter().filter_map(|i| i.score_cp).sum(),
                items,
            }
        })
        .collect()
}

/// The score sheet of a project: names and 分值 from the rule version it was scored under
/// (falling back to the current rule set when that version is gone), with the scores. A
/// special-bond project shows the 专项债 sheet.
pub fn get(c: &Connection, project_id: &str) -> Result<ExAnteSheet> {
    let project = get_project(c, project_id)?;
    let kind = sheet_kind_of(&project);
    let current = rules::current(c)?;
    let assessment = get_assessment(c, project_id)?;
    let (rule_version, sheet_rules) =
        rules_of_version(c, assessment.as_ref().map(|a| a.rule_version), &current)?;
    let aspects = sheet_aspects(
        sheet_rules.sheet(kind),
        assessment.as_ref().map(|a| a.scores.as_slice()),
    );
    let (required_by, designation_reason) = required_by(c, project_id)?;
    let mut current_rules = current.rules.ex_ante;
    // The form scores against `current_rules.aspects`: a bond project's are the bond sheet's.
    current_rules.aspects = current_rules.sheet(kind).to_vec();
    Ok(ExAnteSheet {
        project,
        required_by,
        designation_reason,
        rule_version,
        aspects,
        assessment,
        current_rule_version: current.version,
        current_rules,
    })
}

/// Checks every score against the sheet; returns them in sheet order and the total.
pub(crate) fn check_scores(
    sheet: &[ExAnteAspect],
    scores: &[ItemScore],
) -> Result<(Vec<ItemScore>, i64)> {
    for s in scores {
        let known = sheet
            .iter()
            .any(|a| a.name == s.aspect && a.items.iter().any(|i| i.name == s.item));
        if !known {
            return Err(Error::invalid(
                format!("{} › {}", s.aspect, s.item),
                "不是现行规则中的评分项，评分表可能已调整，请重新打开评分表",
            ));
        }
    }
    let mut ordered = Vec::new();
    for a in sheet {
        for i in &a.items {
            let field = format!("{} › {}", a.name, i.name);
            let mut given = scores
                .iter()
                .filter(|s| s.aspect == a.name && s.item == i.name);
            let Some(s) = given.next() else {
                return Err(Error::invalid(field, "请填写得分"));
            };
            if given.next().is_some() {
                return Err(Error::invalid(field, "得分重复提交，请重新打开评分表"));
            }
            if s.score_cp < 0 {
                return Err(Error::invalid(field, "得分不能为负数"));
            }
            if s.score_cp > i.max_cp {
                return Err(Error::invalid(
                    field,
                    format!(
                        "得分 {} 超过该项分值 {}",
                        crate::fmt_cp(s.score_cp),
                        crate::fmt_cp(i.max_cp)
                    ),
                ));
            }
            ordered.push(s.clone());
        }
    }
    let total = ordered.iter().map(|s| s.score_cp).sum();
    Ok((ordered, total))
}

/// The checked fields of an assessment form other than the scores.
pub(crate) struct Checked {
    pub org_id: Option<String>,
    pub assessor_name: String,
    pub declared: Fen,
    pub approved: Fen,
    pub opinion: String,
    pub date: NaiveDate,
}

/// Checks the assessor, amounts, opinion and date of a form (projects and policies alike).
pub(crate) fn check_input(ctx: &WriteCtx, input: &ExAnteInput) -> Result<Checked> {
    let org_id = match input.assessor_type {
        AssessorType::ThirdParty => {
            let id = input
                .assessor_org_id
                .as_deref()
                .filter(|id| !id.is_empty())
                .ok_or_else(|| Error::invalid("评估机构", "第三方机构评估请选择评估机构"))?;
            let unit =
                get_unit(ctx, id).map_err(|_| Error::invalid("评估机构", "所选机构不存在"))?;
            if unit.kind != UnitKind::ThirdParty {
                return Err(Error::invalid(
                    "评估机构",
                    format!("『{}』是{}，不是第三方机构", unit.name, unit.kind.label()),
                ));
            }
            Some(unit.id)
        }
        AssessorType::Finance | AssessorType::Unit => None,
    };
    let assessor_name = input.assessor_name.trim().to_string();
    if assessor_name.chars().count() > 50 {
        return Err(Error::invalid("评估人", "不能超过50个字"));
    }
    let declared = amount("申报金额（万元）", &input.declared_wan)?;
    let approved = amount("审定金额（万元）", &input.approved_wan)?;
    if approved > declared {
        return Err(Error::invalid(
            "审定金额（万元）",
            format!("不能大于申报金额 {} 万元", declared.wan_exact()),
        ));
    }
    let opinion = input.opinion.trim().to_string();
    if opinion.chars().count() > 2000 {
        return Err(Error::invalid("评估意见", "不能超过2000个字"));
    }
    let date = NaiveDate::parse_from_str(input.assessed_on.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            "评估日期",
            format!(
                "『{}』不是日期，请按 2026-03-15 的格式填写",
                input.assessed_on.trim()
            ),
        )
    })?;
    let today = ctx.clock.today();
    if date > today {
        return Err(Error::invalid(
            "评估日期",
            format!("不能晚于今天（{today}）"),
        ));
    }
    Ok(Checked {
        org_id,
        assessor_name,
        declared,
        approved,
        opinion,
        date,
    })
}

fn amount(field: &str, text: &str) -> Result<Fen> {
    match Fen::parse_wan(text) {
        Ok(f) if f.0 < 0 => Err(Error::invalid(field, "不能为负数")),
        Ok(f) => Ok(f),
        Err(e) => Err(Error::invalid(field, e)),
    }
}

/// Where one assessment row lives: the project's (`exante_assessment.project_id`) or the
/// policy's (`policy_assessment.policy_id`) — the same columns otherwise.
pub(crate) struct AssessedRow<'a> {
    pub table: &'static str,
    pub owner_column: &'static str,
    pub owner_id: &'a str,
    /// The live row to update, None to insert one.
    pub existing_id: Option<&'a str>,
}

/// Checks `input` against the `kind` sheet of the rule set in force and writes the row (insert
/// or update keeping its id); returns the id, the total and the conclusion. One path for the
/// project, 专项债 and policy assessments, so their checks and columns cannot drift apart.
pub(crate) fn write_assessment_row(
    ctx: &WriteCtx,
    row: AssessedRow,
    kind: ExAnteSheetKind,
    input: &ExAnteInput,
) -> Result<(String, i64, ExAnteConclusion)> {
    let current = rules::current(ctx)?;
    let sheet = &current.rules.ex_ante;
    let (scores, total) = check_scores(sheet.sheet(kind), &input.scores)?;
    let Checked {
        org_id,
        assessor_name,
        declared,
        approved,
        opinion,
        date,
    } = check_input(ctx, input)?;
    let conclusion = sheet.conclusion_of(total);
    let id = row.existing_id.map_or_else(new_id, str::to_string);
    let values = params![
        id,
        row.owner_id,
        input.assessor_type,
        org_id,
        assessor_name,
        serde_json::to_string(&scores)?,
        current.version,
        total,
        conclusion,
        declared.0,
        approved.0,
        opinion,
        date.format("%Y-%m-%d").to_string(),
        ctx.now()
    ];
    // Table and column names are the two constants of `AssessedRow`, never input.
    let (table, owner) = (row.table, row.owner_column);
    if row.existing_id.is_some() {
        ctx.execute(
            &format!(
                "UPDATE {table} SET assessor_type = ?3, assessor_org_id = ?4,
                    assessor_name = ?5, scores_json = ?6, rule_version = ?7, total_cp = ?8,
                    conclusion = ?9, declared_fen = ?10, approved_fen = ?11, opinion = ?12,
                    assessed_on = ?13, updated_at = ?14
                 WHERE id = ?1 AND {owner} = ?2"
            ),
            values,
        )?;
    } else {
        ctx.execute(
            &format!(
                "INSERT INTO {table} (id, {owner}, assessor_type, assessor_org_id,
                    assessor_name, scores_json, rule_version, total_cp, conclusion, declared_fen,
                    approved_fen, opinion, assessed_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)"
            ),
            values,
        )?;
    }
    Ok((id, total, conclusion))
}

/// Saves (creates or updates, keeping the row id) the assessment of a project. Total and
/// conclusion come from the rule set in force, whose version is stored with the scores.
pub fn save_assessment(
    ctx: &WriteCtx,
    project_id: &str,
    input: &ExAnteInput,
) -> Result<ExAnteAssessment> {
    ctx.require(Perm::ExanteAssess)?;
    let project = get_project(ctx, project_id)?;
    let before = get_assessment(ctx, project_id)?;
    let (id, total, conclusion) = write_assessment_row(
        ctx,
        AssessedRow {
            table: "exante_assessment",
            owner_column: "project_id",
            owner_id: project_id,
            existing_id: before.as_ref().map(|a| a.id.as_str()),
        },
        sheet_kind_of(&project),
        input,
    )?;
    let after = get_assessment(ctx, project_id)?
        .ok_or_else(|| Error::NotFound("事前评估保存后未能读回，请重试".into()))?;
    ctx.audit(
        if before.is_some() { "update" } else { "create" },
        "exante_assessment",
        Some(&id),
        &format!(
            "{}事前评估 {} {}：总分 {}，{}",
            if before.is_some() { "修改" } else { "录入" },
            project.code,
            project.name,
            crate::fmt_cp(total),
            conclusion.label()
        ),
        before.map(serde_json::to_value).transpose()?.as_ref(),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// Deletes (soft) the assessment of a project.
pub fn delete_assessment(ctx: &WriteCtx, project_id: &str) -> Result<()> {
    ctx.require(Perm::ExanteAssess)?;
    let project = get_project(ctx, project_id)?;
    let Some(a) = get_assessment(ctx, project_id)? else {
        return Err(Error::NotFound(format!(
            "项目 {} {} 还没有事前评估",
            project.code, project.name
        )));
    };
    ctx.execute(
        "UPDATE exante_assessment SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![a.id, ctx.now()],
    )?;
    ctx.audit(
        "delete",
        "exante_assessment",
        Some(&a.id),
        &format!("删除事前评估 {} {}", project.code, project.name),
        Some(&serde_json::to_value(&a)?),
        None,
    )
}

/// Why 绩效目标 of this project may not be approved: Some(reason) when its live assessment
/// concluded 『不予支持』. Called by the 绩效目标 stage.
pub fn blocks_targets(conn: &Connection, project_id: &str) -> Result<Option<String>> {
    let conclusion: Option<ExAnteConclusion> = conn
        .query_row(
            "SELECT conclusion FROM exante_assessment
             WHERE project_id = ?1 AND deleted_at IS NULL",
            [project_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match conclusion {
        Some(ExAnteConclusion::NotSupport) => {
            Some("事前绩效评估结论为『不予支持』，不能批复该项目的绩效目标".to_string())
        }
        _ => None,
    })
}
