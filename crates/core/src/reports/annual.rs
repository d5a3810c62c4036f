//! The annual report 「{县名}{年度}年度全面预算绩效管理工作开展情况」 in the seeds' structure:
//! 一、组织保障与制度建设; 二、工作开展情况与成效 (事前评估 / 目标管理 / 运行监控 / 绩效评价 /
//! 结果应用, each paragraph filled with figures from [`year_overview`]); 三、存在问题;
//! 四、下一步工作 — as an editable .docx (docx-rs) and as a GB/T 9704 PDF (jixiao-gongwen).
//!
//! Figures are formatted as the screens show them: 万元 with two decimals, 亿元 with two
//! decimals from 1 亿元 up, rates with two decimals and 偏差度 in 个百分点.

use super::figures::*;
use super::overview::{year_overview, YearOverview};
use super::texts::{get_texts, ReportTexts};
use crate::money::Fen;
use crate::{Error, Result};
use chrono::NaiveDate;
use jixiao_gongwen::{Block, Document, FontSet, Format};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

/// One part of the report: a heading and its paragraphs (a sub-heading opens a paragraph as
/// 「（一）…。」 the way the seeds write it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// The report as text, ready for .docx or PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AnnualReport {
    pub year: i32,
    pub title: String,
    pub opening: String,
    pub sections: Vec<ReportSection>,
    /// 署名 (the 财政局) and the date.
    pub signature: String,
    pub date: String,
}

/// 7317 → "73.17%".
pub fn pct(bp: i64) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

/// 959 → "9.59" (个百分点).
fn points(bp: i64) -> String {
    format!("{}.{:02}", bp / 100, bp % 100)
}

/// "7904.85万元", or "13.30亿元" from 1 亿元 up (two decimals, half up).
pub fn amount(fen: i64) -> String {
    const YI: i64 = 10_000_000_000;
    if fen.abs() >= YI {
        // Two decimals of 亿元 = 100,000,000 分.
        let h = (fen.abs() + 50_000_000) / 100_000_000;
        let sign = if fen < 0 { "-" } else { "" };
        format!("{sign}{}.{:02}亿元", h / 100, h % 100)
    } else {
        format!("{}万元", Fen(fen).wan_2dp())
    }
}

fn part<T: ts_rs::TS + Clone>(s: &Split<T>, i: usize) -> &T {
    &s.by_budget_type[i].figures
}

/// "（较上年增加3个）" / "（较上年减少2个）" / "（与上年持平）"; "" when the previous year has
/// none (nothing recorded to compare with).
fn versus(cur: i64, prev: i64, unit: &str) -> String {
    match cur - prev {
        _ if prev == 0 => String::new(),
        0 => "（与上年持平）".into(),
        d if d > 0 => format!("（较上年增加{d}{unit}）"),
        d => format!("（较上年减少{}{unit}）", -d),
    }
}

fn exante_para(o: &YearOverview) -> String {
    let e = &o.exante.total;
    if e.assessed == 0 {
        return format!("（一）事前绩效评估。{}年未录入事前绩效评估结果。", o.year);
    }
    let (g, f) = (part(&o.exante, 0), part(&o.exante, 1));
    let mut s = format!(
        "（一）事前绩效评估。{}年，我县完成{}个项目的事前绩效评估{}，其中予以支持{}个、调整完善后予以支持{}个、不予支持{}个。评估项目申报金额{}，审定金额{}，审减{}，审减率{}",
        o.year,
        e.assessed,
        versus(e.assessed, o.exante.previous_year.assessed, "个"),
        e.support,
        e.support_after_revision,
        e.not_support,
        amount(e.declared_fen),
        amount(e.approved_fen),
        amount(e.reduction_fen),
        pct(e.reduction_rate_bp),
    );
    if g.assessed > 0 && f.assessed > 0 {
        s += &format!(
            "；其中一般公共预算项目{}个、审减率{}，政府性基金预算项目{}个、审减率{}",
            g.assessed,
            pct(g.reduction_rate_bp),
            f.assessed,
            pct(f.reduction_rate_bp)
        );
    }
    if e.by_third_party > 0 {
        s += &format!("；委托第三方机构评估{}个", e.by_third_party);
    }
    s + "。"
}

fn targets_para(o: &YearOverview) -> String {
    let t = &o.targets.total;
    let f = part(&o.targets, 1);
    let mut s = format!(
        "（二）绩效目标管理。{}年，全县{}个预算项目中有{}个项目的绩效目标经“二上二下”审核批复，覆盖率{}，涉及资金{}",
        o.year,
        t.projects,
        t.projects_approved,
        pct(t.project_coverage_bp),
        amount(t.projects_approved_budget_fen),
    );
    if f.projects_approved > 0 {
        s += &format!(
            "，其中政府性基金预算项目{}个、涉及资金{}",
            f.projects_approved,
            amount(f.projects_approved_budget_fen)
        );
    }
    if let (Some(u), Some(a), Some(r)) = (t.units, t.units_approved, t.unit_coverage_bp) {
        s += &format!(
            "；{u}个部门单位中有{a}个编报部门整体支出绩效目标，覆盖率{}",
            pct(r)
        );
    }
    s += &format!(
        "。共设置三级指标{}个，其中定量指标{}个，量化率{}",
        t.indicators,
        t.quantitative_indicators,
        pct(t.quantification_rate_bp)
    );
    if let (Some(floor), Some(below)) = (t.quantification_floor_bp, t.units_below_floor) {
        if below > 0 {
            s += &format!("，量化率低于{}的单位{}个", pct(floor), below);
        }
    }
    if t.review_reduction_fen > 0 {
        s += &format!("；审核中核减资金{}", amount(t.review_reduction_fen));
    }
    s + "。"
}

fn monitoring_para(o: &YearOverview) -> String {
    let m = &o.monitoring.total;
    let Some(month) = m.latest_cutoff_month else {
        return format!("（三）绩效运行监控。{}年未开展绩效运行监控。", o.year);
    };
    let mut s = format!(
        "（三）绩效运行监控。{}年共开展{}轮绩效运行监控，对{}个项目的预算执行情况和绩效目标实现程度开展“双监控”。截至{}月底，监控项目预算执行率{}，绩效目标完成率{}，偏差度{}个百分点；红色预警{}个、黄色预警{}个、绿色{}个",
        o.year,
        m.rounds.unwrap_or(0),
        m.projects_monitored,
        month,
        pct(m.execution_rate_bp),
        pct(m.completion_rate_bp),
        points(m.deviation_bp),
        m.red,
        m.yellow,
        m.green,
    );
    let a = &m.actions;
    let done: Vec<String> = [
        ("调减预算", &a.cut_budget),
        ("收回资金", &a.recovered),
        ("核销", &a.written_off),
        ("暂缓拨付", &a.suspended),
    ]
    .iter()
    .filter(|(_, c)| c.count > 0)
    .map(|(k, c)| format!("{k}{}个项目、{}", c.count, amount(c.amount_fen)))
    .collect();
    if !done.is_empty() {
        s += &format!("。针对监控发现的问题，财政{}", done.join("，"));
    }
    s + "。"
}

fn evaluation_paras(o: &YearOverview) -> Vec<String> {
    let v = &o.evaluation.total;
    let prev = &o.evaluation.previous_year;
    let g = &v.self_grades;
    let mut out = vec![format!(
        "（四）绩效评价。{}年组织{}个单位对{}个项目（含部门整体）开展绩效自评，已提交{}个，覆盖率{}{}；自评结果为优{}个、良{}个、中{}个、差{}个。自评项目预算执行率{}，绩效目标完成率{}，偏差度{}个百分点。",
        o.year,
        v.self_units_required.unwrap_or(0),
        v.self_required,
        v.self_submitted,
        pct(v.self_coverage_bp),
        if prev.self_required > 0 {
            format!("（上年{}）", pct(prev.self_coverage_bp))
        } else {
            String::new()
        },
        g.excellent,
        g.good,
        g.fair,
        g.poor,
        pct(v.self_execution_bp),
        pct(v.self_completion_bp),
        points(v.self_deviation_bp),
    )];
    if v.spot_drawn.unwrap_or(0) > 0 {
        out.push(format!(
            "财政从{}个已提交的自评项目中随机抽取{}个开展抽查复核，抽查比例{}，复核{}个，发现自评与复核差异较大的{}个。",
            v.spot_base.unwrap_or(0),
            v.spot_drawn.unwrap_or(0),
            pct(v.spot_share_bp.unwrap_or(0)),
            v.spot_reviewed.unwrap_or(0),
            v.spot_flagged.unwrap_or(0),
        ));
    }
    if v.key_count > 0 {
        let k = &v.key_by_kind;
        let (gp, fp) = (part(&o.evaluation, 0), part(&o.evaluation, 1));
        let mut s = format!(
            "财政开展重点绩效评价{}个{}，涉及资金{}。其中项目支出{}个、金额{}",
            v.key_count,
            versus(v.key_count, prev.key_count, "个"),
            amount(v.key_amount_fen),
            k.project.count,
            amount(k.project.amount_fen),
        );
        if gp.key_by_kind.project.count > 0 && fp.key_by_kind.project.count > 0 {
            s += &format!(
                "（一般公共预算项目{}个、金额{}，政府性基金预算项目{}个、金额{}）",
                gp.key_by_kind.project.count,
                amount(gp.key_by_kind.project.amount_fen),
                fp.key_by_kind.project.count,
                amount(fp.key_by_kind.project.amount_fen),
            );
        }
        s += &format!(
            "，部门整体{}个，财政政策{}个、涉及资金{}，乡镇财政运行{}个",
            k.department.count,
            k.policy.count,
            amount(k.policy.amount_fen),
            k.township.count
        );
        let kg = &v.key_grades;
        s += &format!(
            "；已定稿的评价结果为优{}个、良{}个、中{}个、差{}个，共发现问题{}个。",
            kg.excellent, kg.good, kg.fair, kg.poor, v.key_findings
        );
        if v.third_party_engagements > 0 {
            s += &format!(
                "委托{}家第三方机构开展评价{}次，评价费用{}。",
                v.third_party_agencies.unwrap_or(0),
                v.third_party_engagements,
                amount(v.third_party_fee_fen)
            );
        }
        out.push(s);
    }
    out
}

fn results_para(o: &YearOverview) -> String {
    let r = &o.results.total;
    let d = &r.documents;
    let mut s = format!(
        "（五）结果应用。{}年印发反馈意见函{}份、整改通知书{}份、绩效管理意见书{}份、监控结果反馈书{}份、事前评估意见{}份。建立整改台账{}项，已销号{}项，未销号{}项（其中逾期{}项）。",
        o.year,
        d.feedback_letter,
        d.rectification_notice,
        d.management_opinion,
        d.monitoring_feedback,
        d.exante_opinion,
        r.rect_open + r.rect_closed,
        r.rect_closed,
        r.rect_open,
        r.rect_overdue,
    );
    let l = &r.linkage;
    s += &format!(
        "将评价结果与预算安排挂钩：优先保障{}个、据实安排{}个、压减{}个（压减预算{}）、暂停{}个、取消{}个。",
        l.priority,
        l.as_needed,
        l.cut,
        amount(r.linkage_cut_fen),
        l.paused,
        l.cancelled
    );
    let (p, n) = (r.disclosed.unwrap_or(0), r.not_disclosed.unwrap_or(0));
    s += &format!("绩效目标和评价报告应公开{}份，已公开{}份", p + n, p);
    if n > 0 && !r.not_disclosed_reasons.is_empty() {
        s += &format!("，{}份因{}未公开", n, r.not_disclosed_reasons.join("、"));
    }
    s + "。"
}

fn numbered(items: &[String], empty: &str) -> Vec<String> {
    const N: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    if items.is_empty() {
        return vec![empty.to_string()];
    }
    items
        .iter()
        .enumerate()
        .map(|(i, t)| match N.get(i) {
            Some(n) => format!("（{n}）{t}"),
            None => format!("（{}）{t}", i + 1),
        })
        .collect()
}

/// The report's text from the figures and the saved texts.
pub fn compose(
    o: &YearOverview,
    texts: &ReportTexts,
    issuer: &str,
    date: NaiveDate,
) -> AnnualReport {
    let y = o.year;
    let organization = if texts.organization.trim().is_empty() {
        format!("{y}年，{issuer}预算绩效管理工作领导小组统筹协调全县预算绩效管理工作，各业务股室按职责分工协同推进。")
    } else {
        texts.organization.trim().to_string()
    };
    let mut org = vec![organization];
    if !texts.documents.is_empty() {
        org.push(format!(
            "制度建设上，{y}年出台了{}等文件，进一步规范了预算绩效管理工作。",
            texts.documents.join("、")
        ));
    }
    let mut work = vec![exante_para(o), targets_para(o), monitoring_para(o)];
    work.extend(evaluation_paras(o));
    work.push(results_para(o));
    AnnualReport {
        year: y,
        title: format!("{}{y}年度全面预算绩效管理工作开展情况", o.county),
        opening: format!(
            "{y}年，我县认真贯彻落实全面实施预算绩效管理的各项部署，推进预算绩效管理“全方位、全过程、全覆盖”，现将{y}年度工作开展情况报告如下。"
        ),
        sections: vec![
            ReportSection {
                heading: "一、组织保障与制度建设".into(),
                paragraphs: org,
            },
            ReportSection {
                heading: "二、预算绩效管理工作开展情况与成效".into(),
                paragraphs: work,
            },
            ReportSection {
                heading: "三、存在问题与不足".into(),
                paragraphs: numbered(&texts.problems, "（请在「年度总览」中填写存在问题。）"),
            },
            ReportSection {
                heading: "四、下一步工作打算".into(),
                paragraphs: numbered(&texts.next_steps, "（请在「年度总览」中填写下一步工作。）"),
            },
        ],
        signature: issuer.to_string(),
        date: jixiao_gongwen::model::chinese_date(date),
    }
}

/// The report of `year` as of `today` (the Db clock's date).
pub fn annual_report(c: &Connection, year: i32, today: NaiveDate) -> Result<AnnualReport> {
    let o = year_overview(c, year, today)?;
    let texts = get_texts(c, year)?;
    let issuer = crate::results::compose::get_settings(c)?.issuer_name;
    Ok(compose(&o, &texts, issuer.trim(), today))
}

/// The .docx: A4, 3.7/3.5/2.8/2.6 cm margins (GB/T 9704), title 二号 小标宋, headings 三号 黑体,
/// body 三号 仿宋 with a two-character first-line indent and a fixed 28.9 pt line pitch. Fonts are
/// named, not embedded: WPS / Word substitute what the PC lacks.
pub fn report_docx(r: &AnnualReport) -> Result<Vec<u8>> {
    use docx_rs::{
        AlignmentType, Docx, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts,
        SpecialIndentType,
    };
    let pitch = || {
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(578)
    };
    let run = |text: &str, font: &str, half_points: usize| {
        Run::new()
            .add_text(text)
            .size(half_points)
            .fonts(RunFonts::new().east_asia(font).ascii("Times New Roman"))
    };
    let body = |text: &str, font: &str| {
        Paragraph::new()
            .add_run(run(text, font, 32))
            .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
            .align(AlignmentType::Both)
            .line_spacing(pitch())
    };
    let mut doc = Docx::new()
        .page_size(11_906, 16_838)
        .page_margin(
            PageMargin::new()
                .top(2_098)
                .bottom(1_984)
                .left(1_588)
                .right(1_474),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(run(&r.title, "方正小标宋简体", 44))
                .align(AlignmentType::Center)
                .line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Exact)
                        .line(700),
                ),
        )
        .add_paragraph(Paragraph::new().line_spacing(pitch()))
        .add_paragraph(body(&r.opening, "仿宋_GB2312"));
    for s in &r.sections {
        doc = doc.add_paragraph(body(&s.heading, "黑体"));
        for p in &s.paragraphs {
            doc = doc.add_paragraph(body(p, "仿宋_GB2312"));
        }
    }
    doc = doc
        .add_paragraph(Paragraph::new().line_spacing(pitch()))
        .add_paragraph(
            Paragraph::new()
                .add_run(run(&r.signature, "仿宋_GB2312", 32))
                .align(AlignmentType::Right)
                .line_spacing(pitch()),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(run(&r.date, "仿宋_GB2312", 32))
                .align(AlignmentType::Right)
                .line_spacing(pitch()),
        );
    let mut out = std::io::Cursor::new(Vec::new());
    doc.pack(&mut out)
        .map_err(|e| Error::File(format!("无法生成 Word 文档：{e}")))?;
    Ok(out.into_inner())
}

/// The GB/T 9704 model: 文件格式 without 文号, headings at level 1, the seeds' 「（一）…」
/// paragraphs as they are.
pub fn report_document(r: &AnnualReport, date: NaiveDate) -> Document {
    let mut body = vec![Block::Paragraph(r.opening.clone())];
    for s in &r.sections {
        body.push(Block::Heading {
            level: 1,
            text: s.heading.clone(),
        });
        body.extend(s.paragraphs.iter().cloned().map(Block::Paragraph));
    }
    Document {
        format: Format::Document,
        issuer_mark: format!("{}文件", r.signature),
        doc_number: None,
        signer: None,
        title: r.title.clone(),
        addressees: Vec::new(),
        body,
        attachments: Vec::new(),
        signature: r.signature.clone(),
        date,
        note: None,
        record: None,
        appendices: Vec::new(),
    }
}

pub fn report_pdf(r: &AnnualReport, date: NaiveDate, fonts: &FontSet) -> Result<Vec<u8>> {
    let doc = report_document(r, date);
    jixiao_gongwen::render(&doc, fonts).map_err(crate::results::documents::layout_error)
}

/// Writes the report of `year` to `out`: .docx or .pdf by its extension. Returns the report.
pub fn write_annual_report(
    c: &Connection,
    year: i32,
    today: NaiveDate,
    out: &std::path::Path,
) -> Result<AnnualReport> {
    // Never onto the database or its folders (a path from outside is hostile until checked).
    crate::db::guard::check_destination(out)?;
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let r = annual_report(c, year, today)?;
    let bytes = match ext.as_str() {
        "docx" => report_docx(&r)?,
        "pdf" => {
            let fonts = crate::results::documents::fonts_for(c)?;
            report_pdf(&r, today, &fonts)?
        }
        _ => {
            return Err(Error::invalid(
                "文件名",
                format!("『{}』应以 .docx 或 .pdf 结尾", out.display()),
            ))
        }
    };
    std::fs::write(out, bytes)
        .map_err(|e| Error::File(format!("无法写入 {}：{e}", out.display())))?;
    Ok(r)
}
