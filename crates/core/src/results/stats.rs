//! A year's 结果应用 figures (`results stats --json` and the screens' cards): documents issued per
//! 文种, the 整改台账 (open / overdue / closed), 预算挂钩 and 公开.

use super::DocType;
use crate::Result;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RectificationCounts {
    pub open: i64,
    pub overdue: i64,
    pub closed: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LinkageCounts {
    pub cut_fen: i64,
    pub priority: i64,
    pub cancelled: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DisclosureCounts {
    pub public: i64,
    pub not_public: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ResultsStats {
    pub year: i32,
    /// Issued documents per 文种 (every 文种 present).
    pub documents: BTreeMap<String, i64>,
    pub drafts: i64,
    pub rectifications: RectificationCounts,
    pub budget_linkage: LinkageCounts,
    pub disclosure: DisclosureCounts,
}

/// Figures of `year`; overdue is judged against `today` (the Db clock's date).
pub fn results_stats(c: &Connection, year: i32, today: chrono::NaiveDate) -> Result<ResultsStats> {
    let mut documents: BTreeMap<String, i64> = DocType::ALL
        .iter()
        .map(|t| (t.label().to_string(), 0))
        .collect();
    let mut st = c.prepare(
        "SELECT doc_type, COUNT(*) FROM document WHERE fiscal_year = ?1 AND status = '已印发'
           AND deleted_at IS NULL GROUP BY doc_type",
    )?;
    for r in st.query_map([year], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })? {
        let (t, n) = r?;
        documents.insert(t, n);
    }
    let drafts: i64 = c.query_row(
        "SELECT COUNT(*) FROM document WHERE fiscal_year = ?1 AND status = '草稿'
           AND deleted_at IS NULL",
        [year],
        |r| r.get(0),
    )?;
    let (open, overdue, closed) = super::rectification::rectification_counts(c, year, today)?;
    let (cut_fen, priority, cancelled) = super::linkage::linkage_counts(c, year)?;
    let (public, not_public) = super::disclosure::disclosure_counts(c, year)?;
    Ok(ResultsStats {
        year,
        documents,
        drafts,
        rectifications: RectificationCounts {
            open,
            overdue,
            closed,
        },
        budget_linkage: LinkageCounts {
            cut_fen,
            priority,
            cancelled,
        },
        disclosure: DisclosureCounts { public, not_public },
    })
}
