//! The year's 事前评估 figures (as the bureau's annual summary states them: "完成 18 个项目的
//! 事前评估，10 个予以支持、6 个调整完善后予以支持、2 个不予支持，审减率 14.3%").

use super::model::reduction_rate_bp;
use crate::money::Fen;
use crate::Result;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

/// Live assessments of the year's live projects. Field names are part of the CLI's JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExAnteStats {
    pub assessed: u32,
    pub support: u32,
    pub support_after_revision: u32,
    pub not_support: u32,
    /// 申报金额 total, 分.
    pub declared_fen: Fen,
    /// 审定金额 total, 分.
    pub approved_fen: Fen,
    /// (申报 − 审定) / 申报 over the year, bp, half up.
    pub reduction_rate_bp: i64,
    /// 政策事前评估: policies in force in the year.
    pub policies: ExAntePart,
    /// 专项债 projects of the year (also counted in the figures above).
    pub bonds: ExAntePart,
}

/// The 事前评估 figures of a kind of object (政策, 专项债项目) in a year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExAntePart {
    /// Objects of the year (policies in force, bond projects).
    pub count: u32,
    /// 资金规模 of the year (policies) or 调整后预算数 (bond projects), 分.
    pub amount_fen: Fen,
    pub assessed: u32,
    pub support: u32,
    pub support_after_revision: u32,
    pub not_support: u32,
    pub declared_fen: Fen,
    pub approved_fen: Fen,
    pub reduction_rate_bp: i64,
}

/// Counts and sums of assessments: (assessed, support, revise, not_support, declared, approved).
const FIGURES: &str = "COUNT(a.id),
        COALESCE(SUM(a.conclusion = '予以支持'), 0),
        COALESCE(SUM(a.conclusion = '调整完善后予以支持'), 0),
        COALESCE(SUM(a.conclusion = '不予支持'), 0),
        COALESCE(SUM(a.declared_fen), 0),
        COALESCE(SUM(a.approved_fen), 0)";

fn part(conn: &Connection, sql: &str, year: i32, count: u32, amount: Fen) -> Result<ExAntePart> {
    let (assessed, support, revise, not_support, declared, approved): (
        u32,
        u32,
        u32,
        u32,
        i64,
        i64,
    ) = conn.query_row(&sql.replace("{FIGURES}", FIGURES), [year], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })?;
    let (declared, approved) = (Fen(declared), Fen(approved));
    Ok(ExAntePart {
        count,
        amount_fen: amount,
        assessed,
        support,
        support_after_revision: revise,
        not_support,
        declared_fen: declared,
        approved_fen: approved,
        reduction_rate_bp: reduction_rate_bp(declared, approved),
    })
}

fn policies_part(conn: &Connection, year: i32) -> Result<ExAntePart> {
    let funds: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT funds_json FROM policy
             WHERE deleted_at IS NULL AND start_year <= ?1 AND end_year >= ?1",
        )?;
        let rows = stmt
            .query_map([year], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        rows
    };
    let mut amount = Fen(0);
    for json in &funds {
        let f: Vec<crate::policy::PolicyFund> = serde_json::from_str(json)?;
        amount = amount + f.iter().filter(|f| f.year == year).map(|f| f.fen).sum();
    }
    part(
        conn,
        "SELECT {FIGURES} FROM policy p JOIN policy_assessment a
            ON a.policy_id = p.id AND a.deleted_at IS NULL
         WHERE p.deleted_at IS NULL AND p.start_year <= ?1 AND p.end_year >= ?1",
        year,
        funds.len() as u32,
        amount,
    )
}

fn bonds_part(conn: &Connection, year: i32) -> Result<ExAntePart> {
    let (count, amount): (u32, i64) = conn.query_row(
        "SELECT COUNT(*), COALESCE(SUM(adjusted_budget_fen), 0) FROM project
         WHERE deleted_at IS NULL AND is_special_bond = 1 AND fiscal_year = ?1",
        [year],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    part(
        conn,
        "SELECT {FIGURES} FROM project p JOIN exante_assessment a
            ON a.project_id = p.id AND a.deleted_at IS NULL
         WHERE p.deleted_at IS NULL AND p.is_special_bond = 1 AND p.fiscal_year = ?1",
        year,
        count,
        Fen(amount),
    )
}

pub fn stats(conn: &Connection, year: i32) -> Result<ExAnteStats> {
    let (assessed, support, revise, not_support, declared, approved): (
        u32,
        u32,
        u32,
        u32,
        i64,
        i64,
    ) = conn.query_row(
        "SELECT COUNT(*),
                COALESCE(SUM(a.conclusion = '予以支持'), 0),
                COALESCE(SUM(a.conclusion = '调整完善后予以支持'), 0),
                COALESCE(SUM(a.conclusion = '不予支持'), 0),
                COALESCE(SUM(a.declared_fen), 0),
                COALESCE(SUM(a.approved_fen), 0)
         FROM exante_assessment a JOIN project p ON p.id = a.project_id
         WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL AND p.fiscal_year = ?1",
        [year],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )?;
    let (declared, approved) = (Fen(declared), Fen(approved));
    Ok(ExAnteStats {
        assessed,
        support,
        support_after_revision: revise,
        not_support,
        declared_fen: declared,
        approved_fen: approved,
        reduction_rate_bp: reduction_rate_bp(declared, approved),
        policies: policies_part(conn, year)?,
        bonds: bonds_part(conn, year)?,
    })
}
