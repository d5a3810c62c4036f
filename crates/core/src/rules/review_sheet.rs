//! The 智能审核 part of the rule set (审核规则包): every target-review rule and every 疑点 rule
//! with its 启用 switch, its severity (提示 / 警告 / 必改) and its parameters, plus the editable
//! list of vague words (模糊用语). Saved with the rest of the rule set, so it is versioned the
//! same way; rule sets saved before 智能审核 existed get the defaults.
//!
//! Units: `param` / `param2` are basis points for rates and shares (2000 = 20.00%),
//! centi-points for score gaps (1000 = 10.00 分), plain counts otherwise — the catalog
//! ([`review_rule_catalog`]) says which for each rule.

use crate::text_enum;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    /// 严重程度 of a finding.
    pub enum Severity {
        Hint = "提示",
        Warning = "警告",
        MustFix = "必改",
    }
}

text_enum! {
    /// One rule of the pack. The label is the rule's name in findings, the CLI and the UI.
    pub enum ReviewRuleCode {
        // 绩效目标审核
        MissingCost = "缺少成本指标",
        MissingOutput = "缺少产出数量或质量指标",
        MissingSatisfaction = "缺少满意度指标",
        LevelIncomplete = "指标层级不全",
        NotNumeric = "定量指标值非数值",
        VagueWords = "含模糊用语",
        QualitativeVsLibrary = "定性与指标库不符",
        LowQuantification = "量化率偏低",
        TooManyQualitative = "定性指标过多",
        BelowLastYear = "低于上年指标值",
        BelowReference = "低于指标库参考值",
        BudgetMismatch = "目标与预算不匹配",
        Duplicate = "重复申报",
        BondMissingDebtIndicators = "专项债项目缺少融资成本或偿债风险指标",
        // 疑点 over the year's data
        PayOutputMismatch = "支付成果错配",
        IdleFunds = "资金闲置",
        SatisfactionDistorted = "满意度失真",
        SelfEvalInflated = "自评虚高",
        ResultNotApplied = "结果不应用",
        RectOverdue = "整改逾期未销号",
        RedLightUnhandled = "红灯未处理",
    }
}

/// Which pack a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum RulePack {
    /// 绩效目标审核 (one target at a time, per row).
    #[serde(rename = "目标审核")]
    Target,
    /// 疑点 over a year's 监控 / 自评 / 结果 data.
    #[serde(rename = "疑点")]
    Risk,
}

/// One rule's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReviewRule {
    pub code: ReviewRuleCode,
    pub enabled: bool,
    pub severity: Severity,
    /// First parameter (see the catalog for its meaning and unit), None when the rule has none.
    pub param: Option<i64>,
    /// Second parameter, None when the rule has none.
    pub param2: Option<i64>,
}

/// The whole pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReviewRules {
    pub rules: Vec<ReviewRule>,
    /// 模糊用语 searched in indicator names and values (「较好」「明显」…).
    pub vague_words: Vec<String>,
}

/// What a rule checks and what its parameters mean — for the 规则设置 screen and the README.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReviewRuleInfo {
    pub code: ReviewRuleCode,
    pub pack: RulePack,
    /// 核心指标缺失 / 不可衡量 / 量化不足 / 指标值偏低 / 目标与预算 / 重复申报 / 监控 / 评价 / 结果应用.
    pub group: String,
    pub description: String,
    /// Label of `param` with its unit, None when the rule has no parameter.
    pub param_label: Option<String>,
    /// "bp" (percent ×100), "cp" (分 ×100), "count".
    pub param_unit: Option<String>,
    pub param2_label: Option<String>,
    pub param2_unit: Option<String>,
}

type Info = (
    ReviewRuleCode,
    RulePack,
    &'static str,
    &'static str,
    Option<(&'static str, &'static str, i64)>,
    Option<(&'static str, &'static str, i64)>,
    Severity,
);

fn table() -> Vec<Info> {
    use ReviewRuleCode::*;
    use RulePack::*;
    use Severity::*;
    vec![
        (
            MissingCost,
            Target,
            "核心指标缺失",
            "项目目标没有成本指标（财预〔2021〕101号要求设置成本指标）",
            None,
            None,
            MustFix,
        ),
        (
            MissingOutput,
            Target,
            "核心指标缺失",
            "没有产出数量指标或产出质量指标",
            None,
            None,
            MustFix,
        ),
        (
            MissingSatisfaction,
            Target,
            "核心指标缺失",
            "面向群众的特定目标类项目没有满意度指标",
            None,
            None,
            Warning,
        ),
        (
            LevelIncomplete,
            Target,
            "核心指标缺失",
            "某个一级指标（产出、效益、满意度）下没有三级指标",
            None,
            None,
            Warning,
        ),
        (
            NotNumeric,
            Target,
            "不可衡量",
            "性质为 ≥ ≤ = > < 或区间的指标，指标值不是数值",
            None,
            None,
            MustFix,
        ),
        (
            VagueWords,
            Target,
            "不可衡量",
            "指标名称或指标值含模糊用语（清单可编辑）",
            None,
            None,
            Hint,
        ),
        (
            QualitativeVsLibrary,
            Target,
            "不可衡量",
            "指标库中为定量的指标被填为定性",
            None,
            None,
            Warning,
        ),
        (
            LowQuantification,
            Target,
            "量化不足",
            "目标的量化率低于下限",
            Some(("量化率下限", "bp", 7000)),
            None,
            Warning,
        ),
        (
            TooManyQualitative,
            Target,
            "量化不足",
            "定性指标条数超过上限",
            Some(("定性指标最多条数", "count", 3)),
            None,
            Hint,
        ),
        (
            BelowLastYear,
            Target,
            "指标值偏低",
            "延续项目的指标值比上年批复值低出一定比例（仅 ≥ > = 性质）",
            Some(("低于上年的比例", "bp", 2000)),
            None,
            Warning,
        ),
        (
            BelowReference,
            Target,
            "指标值偏低",
            "指标值低于指标库中数值型的参考值（仅 ≥ > = 性质）",
            None,
            None,
            Hint,
        ),
        (
            BudgetMismatch,
            Target,
            "目标与预算",
            "以万元或元计的成本指标合计与项目预算相差超过允许比例",
            Some(("允许偏差", "bp", 500)),
            None,
            Warning,
        ),
        (
            Duplicate,
            Target,
            "重复申报",
            "本年度另一项目（任何单位）名称与指标设置几乎相同",
            Some(("相似度下限", "bp", 8000)),
            None,
            Warning,
        ),
        (
            BondMissingDebtIndicators,
            Target,
            "核心指标缺失",
            "专项债券项目的目标没有融资成本指标或偿债风险指标（财预〔2021〕61号）",
            None,
            None,
            MustFix,
        ),
        (
            PayOutputMismatch,
            Risk,
            "监控",
            "预算执行率高而指标完成率低，或执行率低而完成率高",
            Some(("执行率高线", "bp", 9000)),
            Some(("完成率低线", "bp", 6000)),
            Warning,
        ),
        (
            IdleFunds,
            Risk,
            "监控",
            "监控时点的预算执行率低于预警线（时间进度减红色预警滞后点）",
            None,
            None,
            Warning,
        ),
        (
            SatisfactionDistorted,
            Risk,
            "评价",
            "单位所有自评表的满意度指标实际值全部为100%",
            None,
            None,
            Hint,
        ),
        (
            SelfEvalInflated,
            Risk,
            "评价",
            "自评等级高于抽查复核等级，或自评分高出复核分达到分差",
            Some(("分差", "cp", 1000)),
            None,
            Warning,
        ),
        (
            ResultNotApplied,
            Risk,
            "结果应用",
            "评价结果为中或差，但没有预算挂钩决定",
            None,
            None,
            MustFix,
        ),
        (
            RectOverdue,
            Risk,
            "结果应用",
            "整改事项已过期限仍未销号",
            None,
            None,
            Warning,
        ),
        (
            RedLightUnhandled,
            Risk,
            "监控",
            "红色预警既无财政处理也无整改事项",
            None,
            None,
            MustFix,
        ),
    ]
}

/// Every rule with its pack, group, description and parameter labels, in display order.
pub fn review_rule_catalog() -> Vec<ReviewRuleInfo> {
    table()
        .into_iter()
        .map(|(code, pack, group, desc, p1, p2, _)| ReviewRuleInfo {
            code,
            pack,
            group: group.into(),
            description: desc.into(),
            param_label: p1.map(|p| p.0.into()),
            param_unit: p1.map(|p| p.1.into()),
            param2_label: p2.map(|p| p.0.into()),
            param2_unit: p2.map(|p| p.1.into()),
        })
        .collect()
}

/// The default 模糊用语.
pub const DEFAULT_VAGUE_WORDS: [&str; 10] = [
    "较好",
    "明显",
    "有所",
    "逐步",
    "进一步",
    "基本",
    "大幅",
    "适当",
    "一定程度",
    "显著",
];

impl Default for ReviewRules {
    fn default() -> Self {
        ReviewRules {
            rules: table()
                .into_iter()
                .map(|(code, _, _, _, p1, p2, severity)| ReviewRule {
                    code,
                    enabled: true,
                    severity,
                    param: p1.map(|p| p.2),
                    param2: p2.map(|p| p.2),
                })
                .collect(),
            vague_words: DEFAULT_VAGUE_WORDS.iter().map(|w| w.to_string()).collect(),
        }
    }
}

impl ReviewRules {
    /// The settings of `code`; a rule missing from a saved pack gets its default.
    pub fn rule(&self, code: ReviewRuleCode) -> ReviewRule {
        self.rules
            .iter()
            .find(|r| r.code == code)
            .cloned()
            .or_else(|| {
                ReviewRules::default()
                    .rules
                    .into_iter()
                    .find(|r| r.code == code)
            })
            .unwrap_or(ReviewRule {
                code,
                enabled: false,
                severity: Severity::Hint,
                param: None,
                param2: None,
            })
    }

    /// Problems, each naming the rule: duplicates, parameters out of range, empty words.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut bad = Vec::new();
        let defaults = ReviewRules::default();
        let mut seen = std::collections::HashSet::new();
        for r in &self.rules {
            let name = format!("审核规则『{}』", r.code.label());
            if !seen.insert(r.code) {
                bad.push((name.clone(), "重复出现，请只保留一条".into()));
            }
            let d = defaults.rule(r.code);
            if d.param.is_some() != r.param.is_some() || d.param2.is_some() != r.param2.is_some() {
                bad.push((name.clone(), "参数个数与规则不符".into()));
                continue;
            }
            let info = review_rule_catalog().into_iter().find(|i| i.code == r.code);
            for (v, unit) in [
                (r.param, info.as_ref().and_then(|i| i.param_unit.clone())),
                (r.param2, info.as_ref().and_then(|i| i.param2_unit.clone())),
            ] {
                let Some(v) = v else { continue };
                let ok = match unit.as_deref() {
                    Some("bp") | Some("cp") => (0..=10000).contains(&v),
                    _ => (0..=100).contains(&v),
                };
                if !ok {
                    let range = match unit.as_deref() {
                        Some("bp") => "0%–100%",
                        Some("cp") => "0–100 分",
                        _ => "0–100",
                    };
                    bad.push((name.clone(), format!("参数必须在 {range} 之间")));
                }
            }
        }
        if self.vague_words.iter().any(|w| w.trim().is_empty()) {
            bad.push(("模糊用语".into(), "不能有空白词，请删除空行".into()));
        }
        bad
    }
}
