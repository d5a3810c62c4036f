//! `monitoring stats`: the round's figures over its sheets. 执行率 = Σ执行数 ÷ Σ全年预算数;
//! 完成率 = the projects' completion rates weighted by their budgets (sheets without progress
//! left out); 偏差度 = |完成率 − 执行率|; warnings counted per light; actions summed.

use super::sheets::task_rows;
use super::Warning;
use crate::rate::{div_half_up, rate_bp};
use crate::Result;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WarningCounts {
    pub red: i64,
    pub yellow: i64,
    pub green: i64,
}

/// Field names are the CLI's contract.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoundStats {
    pub projects: i64,
    pub budget_fen: i64,
    pub executed_fen: i64,
    pub execution_rate_bp: i64,
    pub completion_rate_bp: i64,
    pub deviation_bp: i64,
    pub warnings: WarningCounts,
    pub actions_fen: i64,
}

pub fn round_stats(c: &Connection, round_id: &str) -> Result<RoundStats> {
    let rows = task_rows(c, round_id)?;
    let mut s = RoundStats {
        projects: rows.len() as i64,
        ..RoundStats::default()
    };
    let (mut weighted, mut weights) = (0i128, 0i128);
    for t in &rows {
        s.budget_fen += t.budget.0;
        s.executed_fen += t.executed.map(|f| f.0).unwrap_or(0);
        s.actions_fen += t.actions.0;
        if let Some(c) = t.completion_bp {
            weighted += i128::from(c) * i128::from(t.budget.0);
            weights += i128::from(t.budget.0);
        }
        match t.warning {
            Some(Warning::Red) => s.warnings.red += 1,
            Some(Warning::Yellow) => s.warnings.yellow += 1,
            Some(Warning::Green) => s.warnings.green += 1,
            None => {}
        }
    }
    s.execution_rate_bp = rate_bp(s.executed_fen, s.budget_fen).unwrap_or(0);
    s.completion_rate_bp = div_half_up(weighted, weights).unwrap_or(0);
    s.deviation_bp = (s.completion_rate_bp - s.execution_rate_bp).abs();
    Ok(s)
}
