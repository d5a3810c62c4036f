//! 政策事前评估: a policy is scored on the rule set's policy sheet (政策设立必要性 … 政策资金合规性)
//! with the same form, checks and conclusion bands as a project's 事前评估. Total and
//! conclusion are computed here from the rule set in force, whose version is stored.

use super::get_policy;
use crate::access::Perm;
use crate::db::WriteCtx;
use crate::exante::{
    reduction_rate_bp, rules_of_version, sheet_aspects, write_assessment_row, AssessedRow,
    ExAnteAssessment, ExAnteInput, SheetAspect,
};
use crate::money::Fen;
use crate::rules::{self, ExAnteRules, ExAnteSheetKind};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// The score sheet of a policy, as [`crate::exante::ExAnteSheet`] is for a project. The
/// assessment's `project_id` holds the policy's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PolicyExAnteSheet {
    pub policy: super::Policy,
    pub rule_version: i64,
    pub aspects: Vec<SheetAspect>,
    pub assessment: Option<ExAnteAssessment>,
    pub current_rule_version: i64,
    /// The rules a save uses now; `aspects` holds the policy sheet.
    pub current_rules: ExAnteRules,
}

const SELECT: &str = "SELECT a.id, a.policy_id, a.assessor_type, a.assessor_org_id, o.name,
        a.assessor_name, a.scores_json, a.rule_version, a.total_cp, a.conclusion,
        a.declared_fen, a.approved_fen, a.opinion, a.assessed_on, a.updated_at
    FROM policy_assessment a LEFT JOIN org_unit o ON o.id = a.assessor_org_id
    WHERE a.deleted_at IS NULL AND a.policy_id = ?1";

/// The live assessment of a policy, if any.
pub fn get_policy_assessment(c: &Connection, policy_id: &str) -> Result<Option<ExAnteAssessment>> {
    let found = c
        .query_row(SELECT, [policy_id], |r| {
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
                r.get::<_, String>(6)?,
            ))
        })
        .optional()?;
    match found {
        None => Ok(None),
        Some((mut a, json)) => {
            a.scores = serde_json::from_str(&json)?;
            Ok(Some(a))
        }
    }
}

/// The policy's score sheet with its scores (from the rule version it was scored under).
pub fn policy_sheet(c: &Connection, policy_id: &str) -> Result<PolicyExAnteSheet> {
    let policy = get_policy(c, policy_id)?;
    let current = rules::current(c)?;
    let assessment = get_policy_assessment(c, policy_id)?;
    let (rule_version, sheet_rules) =
        rules_of_version(c, assessment.as_ref().map(|a| a.rule_version), &current)?;
    let aspects = sheet_aspects(
        sheet_rules.sheet(ExAnteSheetKind::Policy),
        assessment.as_ref().map(|a| a.scores.as_slice()),
    );
    let mut current_rules = current.rules.ex_ante;
    current_rules.aspects = current_rules.policy_aspects.clone();
    Ok(PolicyExAnteSheet {
        policy,
        rule_version,
        aspects,
        assessment,
        current_rule_version: current.version,
        current_rules,
    })
}

/// Saves (creates or updates) the 政策事前评估 of a policy.
pub fn save_policy_assessment(
    ctx: &WriteCtx,
    policy_id: &str,
    input: &ExAnteInput,
) -> Result<ExAnteAssessment> {
    ctx.require(Perm::ExanteAssess)?;
    let policy = get_policy(ctx, policy_id)?;
    let before = get_policy_assessment(ctx, policy_id)?;
    let (id, total, conclusion) = write_assessment_row(
        ctx,
        AssessedRow {
            table: "policy_assessment",
            owner_column: "policy_id",
            owner_id: policy_id,
            existing_id: before.as_ref().map(|a| a.id.as_str()),
        },
        ExAnteSheetKind::Policy,
        input,
    )?;
    let after = get_policy_assessment(ctx, policy_id)?
        .ok_or_else(|| Error::NotFound("政策事前评估保存后未能读回，请重试".into()))?;
    ctx.audit(
        if before.is_some() { "update" } else { "create" },
        "policy_assessment",
        Some(&id),
        &format!(
            "{}政策事前评估 {}：总分 {}，{}",
            if before.is_some() { "修改" } else { "录入" },
            policy.name,
            crate::fmt_cp(total),
            conclusion.label()
        ),
        before.map(serde_json::to_value).transpose()?.as_ref(),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// Deletes (soft) the 政策事前评估 of a policy.
pub fn delete_policy_assessment(ctx: &WriteCtx, policy_id: &str) -> Result<()> {
    ctx.require(Perm::ExanteAssess)?;
    let policy = get_policy(ctx, policy_id)?;
    let Some(a) = get_policy_assessment(ctx, policy_id)? else {
        return Err(Error::NotFound(format!(
            "政策『{}』还没有事前评估",
            policy.name
        )));
    };
    ctx.execute(
        "UPDATE policy_assessment SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![a.id, ctx.now()],
    )?;
    ctx.audit(
        "delete",
        "policy_assessment",
        Some(&a.id),
        &format!("删除政策事前评估 {}", policy.name),
        Some(&serde_json::to_value(&a)?),
        None,
    )
}
