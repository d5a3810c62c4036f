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
    })
}
