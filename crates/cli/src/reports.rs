//! `jixiao-cli stats year --year Y` — 统计分析 › 年度总览 (reading: no login);
//! `stats export --year Y --out FILE.xlsx` — 年度总览 as one .xlsx, a sheet per stage;
//! `report annual --year Y --out FILE.docx|FILE.pdf` — the annual report (reading: no login);
//! `report npc --year Y --out FILE.xlsx|FILE.pdf [--min-wan N]` — 人大报送 attachments (reading:
//! no login);
//! `report texts --year Y [--set FILE.json]` — the report's texts (saving needs 文书与文号).

use crate::output::Out;
use clap::Subcommand;
use jixiao_core::db::Db;
use jixiao_core::reports::{self, YearOverview};
use jixiao_core::{Fen, Result};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum StatsVerb {
    /// 年度总览：事前评估、绩效目标、运行监控、绩效评价、结果应用的全部数字（含按预算类型、上年）
    Year {
        #[arg(long)]
        year: i32,
    },
    /// 年度总览导出：一个 .xlsx，每个环节一张工作表（数字与按主管部门 / 乡镇的分表）
    Export {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
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
            r.documents.issued, r.rect_open, r.rect_overdue, r.rect_closed,
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
        StatsVerb::Export { year, out: file } => {
            let today = db.clock().today();
            db.read(|c| reports::export_overview(c, year, today, &file))?;
            out.value(
                &serde_json::json!({ "file": file.display().to_string() }),
                &format!("已导出 {year} 年度总览：{}", file.display()),
            )
        }
    }
}

#[derive(Subcommand)]
pub enum ReportVerb {
    /// 生成年度工作报告：.docx（可编辑）或 .pdf（GB/T 9704 公文版式）
    Annual {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
    },
    /// 人大报送附件：重点项目绩效目标表（预算金额 ≥ --min-wan 万元，默认 500）与绩效评价结果表，.xlsx 或 .pdf
    Npc {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
        /// 重点项目金额下限（万元），默认 500
        #[arg(long, default_value = "500")]
        min_wan: String,
    },
    /// 年度工作报告的文字部分（组织保障、制度文件、存在问题、下一步工作）；--set 从 JSON 文件保存
    Texts {
        #[arg(long)]
        year: i32,
        /// {"organization": "…", "documents": ["…"], "problems": ["…"], "next_steps": ["…"]}
        #[arg(long)]
        set: Option<PathBuf>,
    },
}

pub fn run_report(db: &Db, verb: ReportVerb, out: &Out) -> Result<()> {
    match verb {
        ReportVerb::Annual { year, out: file } => {
            let today = db.clock().today();
            let r = db.read(|c| reports::write_annual_report(c, year, today, &file))?;
            out.value(
                &serde_json::json!({ "title": r.title, "file": file.display().to_string() }),
                &format!("已生成「{}」：{}", r.title, file.display()),
            )
        }
        ReportVerb::Npc {
            year,
            out: file,
            min_wan,
        } => {
            let min = Fen::parse_wan(&min_wan)
                .map_err(|e| jixiao_core::Error::invalid("--min-wan", e))?;
            let today = db.clock().today();
            let t = db.read(|c| reports::write_npc_report(c, year, min.0, today, &file))?;
            let keys = t.results.iter().filter(|r| r.source == "重点评价").count();
            out.value(
                &serde_json::json!({
                    "file": file.display().to_string(),
                    "min_fen": t.min_fen,
                    "projects": t.projects.len(),
                    "projects_budget_fen": t.projects_budget_fen,
                    "indicators": t.projects.iter().map(|p| p.indicators.len()).sum::<usize>(),
                    "key_evaluations": keys,
                    "self_evaluations": t.results.len() - keys,
                }),
                &format!(
                    "已生成人大报送附件：重点项目 {} 个（{} 万元以上，合计 {} 万元），评价结果 {} 条：{}",
                    t.projects.len(),
                    Fen(t.min_fen).wan_2dp(),
                    Fen(t.projects_budget_fen).wan_2dp(),
                    t.results.len(),
                    file.display()
                ),
            )
        }
        ReportVerb::Texts { year, set } => {
            let t = match set {
                Some(f) => {
                    let text = std::fs::read_to_string(&f).map_err(|e| {
                        jixiao_core::Error::File(format!("无法读取 {}：{e}", f.display()))
                    })?;
                    let input: reports::ReportTextsInput =
                        serde_json::from_str(&text).map_err(|e| {
                            jixiao_core::Error::invalid(
                                "文字 JSON",
                                format!("{} 不是有效的报告文字：{e}", f.display()),
                            )
                        })?;
                    let actor = crate::actor(db)?;
                    db.write(&actor, |ctx| reports::save_texts(ctx, year, &input))?
                }
                None => db.read(|c| reports::get_texts(c, year))?,
            };
            let text = format!(
                "{year}年度工作报告文字：制度文件 {} 条，存在问题 {} 条，下一步工作 {} 条",
                t.documents.len(),
                t.problems.len(),
                t.next_steps.len()
            );
            out.value(&t, &text)
        }
    }
}
