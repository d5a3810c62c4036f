//! `jixiao-cli stats year --year Y` — 统计分析 › 年度总览 (reading: no login).

use crate::output::Out;
use clap::Subcommand;
use jixiao_core::db::Db;
use jixiao_core::reports::{self, YearOverview};
use jixiao_core::{Fen, Result};

#[derive(Subcommand)]
pub enum StatsVerb {
    /// 年度总览：事前评估、绩效目标、运行监控、绩效评价、结果应用的全部数字（含按预算类型、上年）
    Year {
        #[arg(long)]
        year: i32,
    },
}

fn pct(bp: i64) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

fn summary(o: &YearOverview) -> String {
    let (e, t, m, v, r) = (
        &o.exante.total,
        &o.targets.total,
        &o.monitoring.total,
        &o.evaluation.total,
        &o.results.total,
    );
    [
        format!("{}{}年度总览", o.county, o.year),
        format!(
            "事前评估：{} 个项目（予以支持 {}，调整完善后予以支持 {}，不予支持 {}），申报 {} 万元，审定 {} 万元，审减率 {}",
            e.assessed, e.support, e.support_after_revision, e.not_support,
            Fen(e.declared_fen).wan_2dp(), Fen(e.approved_fen).wan_2dp(), pct(e.reduction_rate_bp)
        ),
        format!(
            "绩效目标：项目 {}/{}（{}），部门整体 {}/{}，三级指标 {} 个，量化率 {}",
            t.projects_approved, t.projects, pct(t.project_coverage_bp),
            t.units_approved.unwrap_or(0), t.units.unwrap_or(0),
            t.indicators, pct(t.quantification_rate_bp)
        ),
        format!(
            "运行监控：{} 轮，监控项目 {} 个，执行率 {}，完成率 {}，偏差度 {}，红 {} 黄 {} 绿 {}",
            m.rounds.unwrap_or(0), m.projects_monitored, pct(m.execution_rate_bp),
            pct(m.completion_rate_bp), pct(m.deviation_bp), m.red, m.yellow, m.green
        ),
        format!(
            "绩效评价：自评 {}/{}（{}），抽查 {}/{}，重点评价 {} 个 {} 万元",
            v.self_submitted, v.self_required, pct(v.self_coverage_bp),
            v.spot_drawn.unwrap_or(0), v.spot_base.unwrap_or(0),
            v.key_count, Fen(v.key_amount_fen).wan_2dp()
        ),
        format!(
            "结果应用：印发文书 {} 份，整改未销号 {}（逾期 {}），已销号 {}，挂钩压减 {} 万元，公开 {}",
            r.documents.issued(), r.rect_open, r.rect_overdue, r.rect_closed,
            Fen(r.linkage_cut_fen).wan_2dp(), r.disclosed.unwrap_or(0)
        ),
    ]
    .join("\n")
}

pub fn run_stats(db: &Db, verb: StatsVerb, out: &Out) -> Result<()> {
    match verb {
        StatsVerb::Year { year } => {
            let today = db.clock().today();
            let o = db.read(|c| reports::year_overview(c, year, today))?;
            out.value(&o, &summary(&o))
        }
    }
}
