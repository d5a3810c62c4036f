//! 「说明」: what each screen applies, in words, with the values of the rule set in force — the
//! same sections for a screen's 说明 drawer and for the 使用手册 PDF. Every figure is read from
//! `rules::current`, `assess::rules::current` or the constant core decides with (the linkage cut,
//! the 定性 tiers), so changing a rule in 规则设置 changes the text; nothing is typed twice.

use crate::assess;
use crate::monitoring::math::QUALITATIVE_TIERS;
use crate::reports::annual::pct;
use crate::results::compose::cn_number;
use crate::results::linkage::{suggest, FAIR_CUT_BP};
use crate::rules::{self, Grade, RuleSet};
use crate::{fmt_cp, Error, Result};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

/// One heading of a screen's 说明 and its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HelpSection {
    pub title: String,
    pub paragraphs: Vec<String>,
}

/// The 说明 of one screen, with the rule-set version its figures come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ScreenHelp {
    pub screen: String,
    pub title: String,
    pub rules_version: i64,
    pub sections: Vec<HelpSection>,
}

/// Screens with a 说明 (key, title), in menu order: the key is what the UI asks for.
pub const SCREENS: [(&str, &str); 11] = [
    ("exante", "事前绩效评估"),
    ("targets", "绩效目标"),
    ("monitoring", "运行监控"),
    ("self", "单位自评"),
    ("spot", "抽查复核"),
    ("key", "重点评价"),
    ("rect", "整改台账"),
    ("linkage", "预算挂钩"),
    ("disclosure", "信息公开"),
    ("assess", "年度考核"),
    ("risks", "智能审核与疑点"),
];

fn section(title: &str, paragraphs: Vec<String>) -> HelpSection {
    HelpSection {
        title: title.into(),
        paragraphs,
    }
}

/// 90.00 → 「90 分」, 89.50 → 「89.50 分」.
fn points(cp: i64) -> String {
    if cp % 100 == 0 {
        format!("{} 分", cp / 100)
    } else {
        format!("{} 分", fmt_cp(cp))
    }
}

fn bands(r: &RuleSet) -> String {
    let b = &r.grade_bands;
    format!(
        "得分 ≥ {}为「{}」，≥ {}为「{}」，≥ {}为「{}」，其余为「{}」",
        points(b.excellent_min_cp),
        Grade::Excellent.label(),
        points(b.good_min_cp),
        Grade::Good.label(),
        points(b.fair_min_cp),
        Grade::Fair.label(),
        Grade::Poor.label()
    )
}

/// The 说明 of `screen` (a key of [`SCREENS`]) under the rule set in force.
pub fn screen(c: &Connection, screen: &str) -> Result<ScreenHelp> {
    let (_, title) = SCREENS
        .iter()
        .find(|(k, _)| *k == screen)
        .ok_or_else(|| Error::NotFound(format!("没有『{screen}』页面的说明")))?;
    let current = rules::current(c)?;
    let r = &current.rules;
    let sections = match screen {
        "exante" => exante(r),
        "targets" => targets(r),
        "monitoring" => monitoring(r),
        "self" => self_eval(r),
        "spot" => spot(r),
        "key" => key(r),
        "rect" => vec![rect()],
        "linkage" => vec![linkage()],
        "disclosure" => vec![disclosure()],
        "assess" => assess_sections(c)?,
        _ => risks(r),
    };
    Ok(ScreenHelp {
        screen: screen.into(),
        title: (*title).into(),
        rules_version: current.version,
        sections,
    })
}

/// Every screen's 说明, in menu order (the 使用手册).
pub fn manual(c: &Connection) -> Result<Vec<ScreenHelp>> {
    SCREENS.iter().map(|(k, _)| screen(c, k)).collect()
}

fn exante(r: &RuleSet) -> Vec<HelpSection> {
    let e = &r.ex_ante;
    let sheet = e
        .aspects
        .iter()
        .map(|a| {
            let total: i64 = a.items.iter().map(|i| i.max_cp).sum();
            let items: Vec<String> = a
                .items
                .iter()
                .map(|i| format!("{} {}", i.name, points(i.max_cp)))
                .collect();
            format!("{}（{}）：{}", a.name, points(total), items.join("、"))
        })
        .collect();
    vec![
        section(
            "哪些项目要做事前评估",
            vec![format!(
                "新增项目预算金额达到 {} 万元及以上的，须在申报前开展事前绩效评估；未评估的不得进入项目库审核。",
                e.threshold.wan_2dp()
            )],
        ),
        section("评分表（合计 100 分）", sheet),
        section(
            "评估结论",
            vec![format!(
                "总分 ≥ {}为「予以支持」；≥ {}为「调整完善后予以支持」；其余为「不予支持」。",
                points(e.support_min_cp),
                points(e.revise_min_cp)
            )],
        ),
    ]
}

fn targets(r: &RuleSet) -> Vec<HelpSection> {
    let on = r.review.rules.iter().filter(|x| x.enabled).count();
    vec![
        section(
            "二上二下",
            vec![
                "单位编制目标后「一上」报送，业务股室和绩效股审核后「一下」返回意见，单位修改后「二上」，财政批复为「二下」；批复后的目标随预算下达，是监控和评价的依据。".into(),
            ],
        ),
        section(
            "量化率",
            vec![format!(
                "量化率 = 定量指标条数 ÷ 三级指标条数。单位量化率低于 {} 时列为「低于底线」，智能审核同时提示。",
                pct(r.quantification_floor_bp)
            )],
        ),
        section(
            "智能审核",
            vec![format!(
                "目标审核规则包当前启用 {on} 条规则（核心指标缺失、不可衡量、指标值偏低、目标与预算不匹配、重复申报等），在目标编辑器中逐行提示；提示只供审核人参考，是否退回由人决定。"
            )],
        ),
    ]
}

fn monitoring(r: &RuleSet) -> Vec<HelpSection> {
    let w = &r.warning;
    let tiers: Vec<String> = QUALITATIVE_TIERS
        .iter()
        .map(|(name, bp)| format!("「{name}」按 {} 计", pct(*bp)))
        .collect();
    vec![
        section(
            "执行率与时间进度",
            vec![
                "执行率 = 截至本轮月份的实际支出 ÷ 调整后预算；时间进度 = 截止月份 ÷ 12（例如 1–8月为 66.67%）。".into(),
            ],
        ),
        section(
            "预警灯",
            vec![
                format!(
                    "执行率落后时间进度超过 {}，或任一指标「完全不可能」完成：红灯。",
                    pct(w.red_lag_bp)
                ),
                format!(
                    "落后超过 {}，或任一指标「有可能」完成：黄灯。其余为绿灯。",
                    pct(w.yellow_lag_bp)
                ),
            ],
        ),
        section(
            "完成率",
            vec![format!(
                "定量指标按实际值与年度指标值之比计算（≤ 类指标取倒数比）；定性指标{}。",
                tiers.join("，")
            )],
        ),
    ]
}

fn self_eval(r: &RuleSet) -> Vec<HelpSection> {
    let w = &r.self_eval_weights;
    vec![
        section(
            "自评得分",
            vec![format!(
                "满分 100 分：预算执行率 {}，产出指标 {}，效益指标 {}，满意度指标 {}；各项按完成程度得分，不适用的指标按比例折算到满分。",
                points(w.execution_cp),
                points(w.output_cp),
                points(w.benefit_cp),
                points(w.satisfaction_cp)
            )],
        ),
        section("等级", vec![format!("{}。", bands(r))]),
        section(
            "年度",
            vec![
                "自评在次年开展：页头选 2026 年时，本页是 2025 年度项目的自评（2026 年开展）。"
                    .into(),
            ],
        ),
    ]
}

fn spot(r: &RuleSet) -> Vec<HelpSection> {
    vec![
        section(
            "抽取",
            vec![format!(
                "从已提交的自评中按不低于 {} 的比例随机抽取；抽取记录基数、比例和随机种子，「验证抽取」用同一种子重算应得到同一名单。",
                pct(r.spot_check_share_bp)
            )],
        ),
        section(
            "差异超线",
            vec![format!(
                "复核得分与自评得分相差超过 {} 的，标为差异超线，可生成整改事项；等级按同一分档：{}。",
                points(r.evaluation.spot_gap_cp),
                bands(r)
            )],
        ),
    ]
}

fn key(r: &RuleSet) -> Vec<HelpSection> {
    let templates = r
        .evaluation
        .key_templates
        .iter()
        .map(|t| {
            let total: i64 = t.items.iter().map(|i| i.weight_cp).sum();
            format!(
                "{}：{} 个三级指标，合计 {}",
                t.kind,
                t.items.len(),
                points(total)
            )
        })
        .collect();
    vec![
        section("评价指标体系（按评价类型）", templates),
        section("等级", vec![format!("{}。", bands(r))]),
    ]
}

fn rect() -> HelpSection {
    section(
        "整改台账",
        vec![
            "整改事项来自重点评价的问题、抽查复核差异超线的自评和红灯监控表；单位反馈后由绩效股核实销号，退回的事项回到整改中。".into(),
            "超过整改期限仍未销号的事项标为「逾期」，逾期天数按系统日期计算，不单独保存。".into(),
        ],
    )
}

fn linkage() -> HelpSection {
    let lines = [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor]
        .iter()
        .map(|g| {
            let (action, bp) = suggest(*g);
            match bp {
                Some(bp) => format!("「{}」：建议{} {}", g.label(), action.label(), pct(bp)),
                None => format!("「{}」：建议{}", g.label(), action.label()),
            }
        })
        .collect::<Vec<_>>()
        .join("；");
    section(
        "评价结果与下一年度预算",
        vec![
            format!("{lines}。"),
            format!(
                "压减额 = 下一年度安排额 × 压减比例（默认 {}，四舍五入到分）；取消、暂停的按全额计。建议只是起点，绩效股确定后记入台账。",
                pct(FAIR_CUT_BP)
            ),
        ],
    )
}

fn disclosure() -> HelpSection {
    section(
        "信息公开",
        vec![
            "绩效目标、自评结果和重点评价报告随预决算公开；默认公开，不公开的须写明理由（例如涉密），理由与操作人一并记入操作日志。".into(),
        ],
    )
}

fn assess_sections(c: &Connection) -> Result<Vec<HelpSection>> {
    let v = assess::rules::current(c)?;
    let r = &v.rules;
    let items = |list: &[assess::rules::AssessItem]| -> Vec<String> {
        list.iter()
            .map(|i| {
                format!(
                    "{}（{}）：{}",
                    i.name,
                    points(i.points_cp),
                    i.method.formula()
                )
            })
            .collect()
    };
    let grades: Vec<String> = r
        .bands
        .iter()
        .map(|b| format!("≥ {}为「{}」", points(b.min_cp), b.name))
        .collect();
    Ok(vec![
        section("县直部门考核内容", items(&r.department)),
        section("乡镇考核内容", items(&r.township)),
        section(
            "等次",
            vec![format!(
                "{}，其余为「{}」；每次二上返修扣 {}。",
                grades.join("，"),
                r.lowest_band,
                points(r.revision_deduct_cp)
            )],
        ),
    ])
}

fn risks(r: &RuleSet) -> Vec<HelpSection> {
    let catalog = rules::review_rule_catalog();
    let lines = |pack: rules::RulePack| -> Vec<String> {
        catalog
            .iter()
            .filter(|i| i.pack == pack)
            .map(|i| {
                let rule = r.review.rule(i.code);
                let state = if rule.enabled { "启用" } else { "停用" };
                format!("{}（{}，{}）", i.description, state, rule.severity.label())
            })
            .collect()
    };
    vec![
        section("目标审核规则", lines(rules::RulePack::Target)),
        section("疑点规则（监控、自评、结果）", lines(rules::RulePack::Risk)),
        section(
            "怎样使用",
            vec![
                "规则只指出疑点并说明触发它的数字，不会自动退回或处理；疑点可以写明理由后排除，或转为整改事项。".into(),
            ],
        ),
    ]
}

/// The 使用手册 as a document of the 公文 engine: one 一级 heading per screen, one 二级 per
/// section, the paragraphs as body text — the same sections the drawers show.
pub fn manual_document(
    issuer: &str,
    manual: &[ScreenHelp],
    date: chrono::NaiveDate,
) -> jixiao_gongwen::Document {
    use jixiao_gongwen::Block;
    let mut body = vec![Block::Paragraph(format!(
        "本手册说明系统各页面采用的规则和当前参数（规则设置第 {} 版），内容与各页面「说明」一致；规则调整后重新生成即可。",
        manual.first().map_or(0, |m| m.rules_version)
    ))];
    for (i, screen) in manual.iter().enumerate() {
        body.push(Block::Heading {
            level: 1,
            text: format!("{}、{}", cn_number(i + 1), screen.title),
        });
        for (j, s) in screen.sections.iter().enumerate() {
            body.push(Block::Heading {
                level: 2,
                text: format!("（{}）{}", cn_number(j + 1), s.title),
            });
            body.extend(s.paragraphs.iter().cloned().map(Block::Paragraph));
        }
    }
    jixiao_gongwen::Document {
        format: jixiao_gongwen::Format::Letter,
        issuer_mark: issuer.to_string(),
        doc_number: None,
        signer: None,
        title: "预算绩效管理系统使用手册（规则说明）".into(),
        addressees: Vec::new(),
        body,
        attachments: Vec::new(),
        signature: issuer.to_string(),
        date,
        note: None,
        record: None,
        appendices: Vec::new(),
    }
}

/// Writes the 使用手册 PDF to `out` (never onto the database or its folders).
pub fn write_manual(c: &Connection, today: chrono::NaiveDate, out: &std::path::Path) -> Result<()> {
    crate::db::guard::check_destination(out)?;
    let manual = manual(c)?;
    let issuer = crate::results::compose::bureau_name(c)?;
    let doc = manual_document(&issuer, &manual, today);
    let fonts = crate::results::documents::fonts_for(c)?;
    let pdf =
        jixiao_gongwen::render(&doc, &fonts).map_err(crate::results::documents::layout_error)?;
    std::fs::write(out, pdf).map_err(|e| Error::File(format!("无法写入 {}：{e}", out.display())))
}
