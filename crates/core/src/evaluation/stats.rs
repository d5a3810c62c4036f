//! A year's 绩效评价 figures (`evaluation stats --json` and the overview screen): self-evaluation
//! coverage and grades with the year's 预算执行率, 目标完成率 and 偏差度 (domain §2.6, derived from
//! the stored inputs), the spot check, key evaluations and third-party engagements.

use super::spot::current_draw;
use crate::rules::Grade;
use crate::Result;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// 优 / 良 / 中 / 差 → count, every grade present.
pub type GradeCounts = BTreeMap<String, i64>;

pub(crate) fn empty_grades() -> GradeCounts {
    Grade::ALL
        .iter()
        .map(|g| (g.label().to_string(), 0))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SelfStats {
    /// Approved targets of the year (every one needs a self-evaluation).
    pub required: i64,
    pub submitted: i64,
    /// Of the submitted ones.
    pub grades: GradeCounts,
    /// Σ 全年执行数 ÷ Σ 全年预算数 of the submitted ones, bp.
    pub execution_bp: Option<i64>,
    /// 目标完成率: Σ indicator 得分 ÷ Σ applicable indicator 分值, bp.
    pub completion_bp: Option<i64>,
    /// |完成率 − 执行率|, bp (seed county: 82.76% − 73.17% = 9.59).
    pub deviation_bp: Option<i64>,
    pub units_required: i64,
    pub units_complete: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SpotStats {
    pub base: i64,
    pub drawn: i64,
    pub share_bp: i64,
    pub reviewed: i64,
    /// Review grades of the reviewed ones.
    pub grades: GradeCounts,
    /// Reviewed ones whose gap is over the line.
    pub flagged: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ThirdPartyStats {
    pub engagements: i64,
    pub fee_fen: i64,
    pub agencies: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EvaluationStats {
    pub year: i32,
    #[serde(rename = "self")]
    #[ts(rename = "self")]
    pub self_eval: SelfStats,
    pub spot_check: SpotStats,
    pub key: super::key::KeyStats,
    pub third_party: ThirdPartyStats,
}

pub fn evaluation_stats(c: &Connection, year: i32) -> Result<EvaluationStats> {
    Ok(EvaluationStats {
        year,
        self_eval: self_stats(c, year)?,
        spot_check: spot_stats(c, year)?,
        key: super::key::key_stats(c, year)?,
        third_party: third_party_stats(c, year)?,
    })
}

fn self_stats(c: &Connection, year: i32) -> Result<SelfStats> {
    let coverage = super::self_list::self_coverage(c, year)?;
    let mut grades = empty_grades();
    let mut st = c.prepare(
        "SELECT grade, COUNT(*) FROM self_eval WHERE fiscal_year = ?1 AND status = '已提交'
           AND deleted_at IS NULL GROUP BY grade",
    )?;
    for r in st.query_map([year], |r| {
        Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?))
    })? {
        let (g, n) = r?;
        if let Some(g) = g {
            *grades.entry(g).or_default() += n;
        }
    }
    let (budget, executed): (i64, i64) = c.query_row(
        "SELECT COALESCE(SUM(budget_fen), 0), COALESCE(SUM(executed_fen), 0) FROM self_eval
         WHERE fiscal_year = ?1 AND status = '已提交' AND deleted_at IS NULL",
        [year],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (scores, weights): (i64, i64) = c.query_row(
        "SELECT COALESCE(SUM(i.score_cp), 0), COALESCE(SUM(i.weight_cp), 0)
         FROM self_eval_item i JOIN self_eval s ON s.id = i.self_eval_id
         WHERE s.fiscal_year = ?1 AND s.status = '已提交' AND s.deleted_at IS NULL
           AND i.deleted_at IS NULL AND i.not_applicable = 0",
        [year],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let execution_bp = crate::rate::rate_bp(executed, budget);
    let completion_bp = crate::rate::rate_bp(scores, weights);
    Ok(SelfStats {
        required: coverage.iter().map(|u| u.required).sum(),
        submitted: coverage.iter().map(|u| u.submitted).sum(),
        grades,
        execution_bp,
        completion_bp,
        deviation_bp: execution_bp.zip(completion_bp).map(|(e, c)| (c - e).abs()),
        units_required: coverage.len() as i64,
        units_complete: coverage.iter().filter(|u| u.not_submitted == 0).count() as i64,
    })
}

pub(crate) fn spot_stats(c: &Connection, year: i32) -> Result<SpotStats> {
    let mut s = SpotStats {
        base: 0,
        drawn: 0,
        share_bp: 0,
        reviewed: 0,
        grades: empty_grades(),
        flagged: 0,
    };
    let Some(d) = current_draw(c, year)? else {
        return Ok(s);
    };
    s.base = d.base_count;
    s.drawn = d.drawn_count;
    s.share_bp = d.drawn_share_bp;
    for r in d.rows.iter().filter(|r| r.review_grade.is_some()) {
        s.reviewed += 1;
        if let Some(g) = r.review_grade {
            *s.grades.entry(g.label().to_string()).or_default() += 1;
        }
        s.flagged += i64::from(r.flagged);
    }
    Ok(s)
}

fn third_party_stats(c: &Connection, year: i32) -> Result<ThirdPartyStats> {
    Ok(c.query_row(
        "SELECT COUNT(*), COALESCE(SUM(g.fee_fen), 0), COUNT(DISTINCT g.agency_id)
         FROM engagement g JOIN key_eval k ON k.id = g.key_eval_id
         WHERE k.fiscal_year = ?1 AND g.deleted_at IS NULL AND k.deleted_at IS NULL",
        [year],
        |r| {
            Ok(ThirdPartyStats {
                engagements: r.get(0)?,
                fee_fen: r.get(1)?,
                agencies: r.get(2)?,
            })
        },
    )?)
}

/// One evaluation of the year, of any kind (`evaluation list`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EvaluationListRow {
    pub id: String,
    /// 单位自评 / 项目 / 部门整体 / 政策 / 乡镇.
    pub kind: String,
    pub object: String,
    pub score_cp: Option<i64>,
    /// "89.50".
    pub score: Option<String>,
    pub grade: Option<String>,
    pub status: String,
}

/// Every self-evaluation and key evaluation of `year`: self-evaluations in code order, then
/// the key evaluations.
pub fn list_evaluations(c: &Connection, year: i32) -> Result<Vec<EvaluationListRow>> {
    let q = super::self_list::SelfEvalQuery {
        year,
        ..Default::default()
    };
    let mut rows: Vec<EvaluationListRow> = super::self_list::list_self_evals(c, &q)?
        .rows
        .into_iter()
        .map(|r| EvaluationListRow {
            id: r.id,
            kind: "单位自评".into(),
            object: format!("{} {}", r.code, r.name),
            score_cp: r.total_cp,
            score: r.total_cp.map(crate::fmt_cp),
            grade: r.grade.map(|g| g.label().to_string()),
            status: r.status.label().to_string(),
        })
        .collect();
    let key = super::key::list_key_evals(
        c,
        &super::key::KeyEvalQuery {
            year,
            kind: None,
            status: None,
            text: None,
            page: 0,
            page_size: 0,
        },
    )?;
    rows.extend(key.rows.into_iter().map(|r| EvaluationListRow {
        id: r.id,
        kind: r.kind.label().to_string(),
        object: r.object_name,
        score_cp: r.total_cp,
        score: r.total_cp.map(crate::fmt_cp),
        grade: r.grade.map(|g| g.label().to_string()),
        status: r.status.label().to_string(),
    }));
    Ok(rows)
}
