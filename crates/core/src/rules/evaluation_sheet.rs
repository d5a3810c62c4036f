//! The 绩效评价 part of the rule set: the spot-check gap line, the 财政重点评价 score-sheet
//! template of each kind (项目 / 政策: 决策 过程 产出 效益; 部门整体: 投入 过程 产出 效果 with
//! "threshold + deduction per point" items; 乡镇: 预算编制 收支管理 财政财务基础工作 工作成效 可持续性)
//! and the 第三方机构 quality scorecard.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EvaluationRules {
    /// 抽查复核: a review score differing from the self score by more than this is flagged.
    pub spot_gap_cp: i64,
    pub key_templates: Vec<KeyTemplate>,
    pub agency_review: AgencyReviewRules,
}

impl Default for EvaluationRules {
    fn default() -> Self {
        EvaluationRules {
            spot_gap_cp: 1000,
            key_templates: default_key_templates(),
            agency_review: AgencyReviewRules::default(),
        }
    }
}

/// The score sheet a new key evaluation of `kind` starts from (copied, then editable).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KeyTemplate {
    /// 项目 / 部门整体 / 政策 / 乡镇.
    pub kind: String,
    pub items: Vec<KeyTemplateItem>,
}

/// One 三级 item. `rule` 评分: the evaluator scores it; 扣分: full marks while the actual value
/// (a percentage) is at most `threshold`, minus `deduct_cp` per percentage point beyond, floor 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KeyTemplateItem {
    pub level1: String,
    pub level2: String,
    pub level3: String,
    pub weight_cp: i64,
    pub standard: String,
    pub rule: String,
    pub threshold: Option<String>,
    pub deduct_cp: Option<i64>,
}

/// 第三方机构执业质量评价: the five parts' maxima (sum 100 分), the grade lines and the
/// exclusion rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgencyReviewRules {
    pub plan_max_cp: i64,
    pub papers_max_cp: i64,
    pub report_max_cp: i64,
    pub timeliness_max_cp: i64,
    pub integrity_max_cp: i64,
    /// ≥ this → 优秀.
    pub excellent_min_cp: i64,
    /// ≥ this → 合格; below → 不合格.
    pub pass_min_cp: i64,
    /// This many 不合格 in a row → flagged for exclusion (清退).
    pub exclude_after_fails: i64,
}

impl Default for AgencyReviewRules {
    fn default() -> Self {
        AgencyReviewRules {
            plan_max_cp: 2000,
            papers_max_cp: 2000,
            report_max_cp: 3000,
            timeliness_max_cp: 1500,
            integrity_max_cp: 1500,
            excellent_min_cp: 9000,
            pass_min_cp: 6000,
            exclude_after_fails: 2,
        }
    }
}

/// The 一级 headings of each kind's framework, in order.
pub fn key_level1s(kind: &str) -> &'static [&'static str] {
    match kind {
        "部门整体" => &["投入", "过程", "产出", "效果"],
        "乡镇" => &[
            "预算编制",
            "收支管理",
            "财政财务基础工作",
            "工作成效",
            "可持续性",
        ],
        _ => &["决策", "过程", "产出", "效益"],
    }
}

/// Problems of a score sheet of `kind` (weights sum to 100; 项目/政策: 产出 + 效益 ≥ 60; 扣分
/// items need a threshold and a deduction), each as (field, message).
pub fn key_sheet_problems(kind: &str, items: &[KeyTemplateItem]) -> Vec<(String, String)> {
    let mut bad = Vec::new();
    let field = format!("{kind}评分表");
    if items.is_empty() {
        bad.push((field.clone(), "至少需要一个评分项".into()));
        return bad;
    }
    let sum: i64 = items.iter().map(|i| i.weight_cp).sum();
    if sum != 10_000 {
        bad.push((
            field.clone(),
            format!("各项分值合计应为 100 分，现为 {}", crate::fmt_cp(sum)),
        ));
    }
    if matches!(kind, "项目" | "政策") {
        let oe: i64 = items
            .iter()
            .filter(|i| i.level1 == "产出" || i.level1 == "效益")
            .map(|i| i.weight_cp)
            .sum();
        if oe < 6_000 {
            bad.push((
                field.clone(),
                format!(
                    "产出、效益两项分值合计应不低于 60 分，现为 {}",
                    crate::fmt_cp(oe)
                ),
            ));
        }
    }
    for (n, i) in items.iter().enumerate() {
        let at = format!("{field}第{}项「{}」", n + 1, i.level3);
        if i.level1.trim().is_empty() || i.level3.trim().is_empty() {
            bad.push((at.clone(), "一级指标和三级指标不能为空".into()));
        }
        if i.weight_cp < 0 {
            bad.push((at.clone(), "分值不能为负数".into()));
        }
        match i.rule.as_str() {
            "评分" => {}
            "扣分" => {
                let ok_threshold = i
                    .threshold
                    .as_deref()
                    .is_some_and(|t| crate::indicator::parse_decimal(t).is_ok());
                if !ok_threshold || i.deduct_cp.is_none_or(|d| d <= 0) {
                    bad.push((
                        at.clone(),
                        "扣分项需要填写标准值（百分数）和每超 1 个百分点扣的分".into(),
                    ));
                }
            }
            other => bad.push((at, format!("计分方式「{other}」无效，应为 评分 或 扣分"))),
        }
    }
    bad
}

fn item(l1: &str, l2: &str, l3: &str, points: i64, standard: &str) -> KeyTemplateItem {
    KeyTemplateItem {
        level1: l1.into(),
        level2: l2.into(),
        level3: l3.into(),
        weight_cp: points * 100,
        standard: standard.into(),
        rule: "评分".into(),
        threshold: None,
        deduct_cp: None,
    }
}

fn deduct(l2: &str, l3: &str, points: i64, threshold: &str, per_point_cp: i64) -> KeyTemplateItem {
    KeyTemplateItem {
        rule: "扣分".into(),
        threshold: Some(threshold.into()),
        deduct_cp: Some(per_point_cp),
        standard: format!(
            "≤{threshold}% 得满分，每超 1 个百分点扣 {} 分，扣完为止",
            crate::fmt_cp(per_point_cp)
        ),
        ..item("投入", l2, l3, points, "")
    }
}

/// Built-in templates (domain §2.5, §6; 20/20/30/30 for 项目 and 政策).
pub fn default_key_templates() -> Vec<KeyTemplate> {
    let project = vec![
        item(
            "决策",
            "项目立项",
            "立项依据充分性",
            3,
            "符合法律法规、发展规划和部门职责",
        ),
        item(
            "决策",
            "项目立项",
            "立项程序规范性",
            2,
            "按规定程序申请设立，审批文件齐全",
        ),
        item(
            "决策",
            "绩效目标",
            "绩效目标合理性",
            3,
            "目标与实际工作内容相关、符合正常业绩水平",
        ),
        item(
            "决策",
            "绩效目标",
            "绩效指标明确性",
            3,
            "目标细化分解为清晰、可衡量的指标",
        ),
        item(
            "决策",
            "资金投入",
            "预算编制科学性",
            5,
            "预算经过论证，内容与项目匹配",
        ),
        item(
            "决策",
            "资金投入",
            "资金分配合理性",
            4,
            "分配依据充分，与实际相适应",
        ),
        item(
            "过程",
            "资金管理",
            "资金到位率",
            3,
            "实际到位资金 ÷ 预算资金 × 100%",
        ),
        item(
            "过程",
            "资金管理",
            "预算执行率",
            5,
            "实际支出 ÷ 实际到位资金 × 100%",
        ),
        item(
            "过程",
            "资金管理",
            "资金使用合规性",
            4,
            "符合财经法规和资金管理办法",
        ),
        item(
            "过程",
            "组织实施",
            "管理制度健全性",
            4,
            "已制定相应的财务和业务管理制度",
        ),
        item(
            "过程",
            "组织实施",
            "制度执行有效性",
            4,
            "遵守相关法律法规和管理规定",
        ),
        item(
            "产出",
            "产出数量",
            "实际完成率",
            10,
            "实际产出数 ÷ 计划产出数 × 100%",
        ),
        item(
            "产出",
            "产出质量",
            "质量达标率",
            8,
            "质量达标产出数 ÷ 实际产出数 × 100%",
        ),
        item("产出", "产出时效", "完成及时性", 6, "按计划时间完成"),
        item("产出", "产出成本", "成本节约率", 6, "成本控制在计划范围内"),
        item("效益", "项目效益", "经济效益", 6, "对经济发展的带动作用"),
        item(
            "效益",
            "项目效益",
            "社会效益",
            8,
            "对社会发展、民生改善的作用",
        ),
        item("效益", "项目效益", "生态效益", 4, "对生态环境的影响"),
        item(
            "效益",
            "项目效益",
            "可持续影响",
            4,
            "长效管理机制和持续发挥作用情况",
        ),
        item(
            "效益",
            "满意度",
            "服务对象满意度",
            8,
            "抽样调查满意度 ≥ 90% 得满分",
        ),
    ];
    let policy = vec![
        item(
            "决策",
            "政策制定",
            "政策依据充分性",
            4,
            "符合上级决策部署和本地实际",
        ),
        item(
            "决策",
            "政策制定",
            "决策程序规范性",
            4,
            "经过调研论证和集体决策",
        ),
        item("决策", "政策目标", "政策目标明确性", 4, "目标清晰、可衡量"),
        item(
            "决策",
            "政策内容",
            "政策内容合理性",
            4,
            "支持范围、标准和方式合理",
        ),
        item(
            "决策",
            "资金投入",
            "资金分配办法科学性",
            4,
            "分配因素和权重科学",
        ),
        item(
            "过程",
            "资金管理",
            "资金到位率",
            4,
            "实际到位资金 ÷ 预算资金 × 100%",
        ),
        item(
            "过程",
            "资金管理",
            "预算执行率",
            4,
            "实际支出 ÷ 实际到位资金 × 100%",
        ),
        item(
            "过程",
            "资金管理",
            "资金使用合规性",
            4,
            "无截留、挤占、挪用",
        ),
        item("过程", "组织实施", "管理制度健全性", 4, "配套实施细则完备"),
        item(
            "过程",
            "组织实施",
            "监督检查有效性",
            4,
            "开展过程监管和检查",
        ),
        item("产出", "政策覆盖", "政策覆盖面", 10, "应享受对象覆盖比例"),
        item("产出", "任务完成", "任务完成率", 10, "年度任务完成比例"),
        item("产出", "任务完成", "完成及时性", 5, "按时兑付、按期完成"),
        item(
            "产出",
            "标准执行",
            "补助标准执行准确性",
            5,
            "按规定标准执行",
        ),
        item("效益", "政策效益", "社会效益", 10, "政策目标人群受益情况"),
        item("效益", "政策效益", "经济效益", 8, "对产业和经济的带动"),
        item("效益", "政策效益", "可持续影响", 4, "政策长效机制"),
        item(
            "效益",
            "满意度",
            "受益对象满意度",
            8,
            "抽样调查满意度 ≥ 90% 得满分",
        ),
    ];
    let department = vec![
        item(
            "投入",
            "目标设定",
            "绩效目标合理性",
            4,
            "部门整体目标符合职责和规划",
        ),
        item("投入", "目标设定", "绩效指标明确性", 3, "指标细化、量化"),
        deduct("预算配置", "在职人员控制率", 5, "100", 50),
        deduct("预算配置", "“三公经费”变动率", 8, "0", 80),
        item(
            "过程",
            "预算执行",
            "预算完成率",
            5,
            "预算完成数 ÷ 预算数 × 100%",
        ),
        item(
            "过程",
            "预算执行",
            "预算调整率",
            4,
            "调整数 ÷ 预算数，越低越好",
        ),
        item("过程", "预算执行", "支付进度率", 4, "支付进度符合序时要求"),
        item(
            "过程",
            "预算执行",
            "结转结余率",
            3,
            "结转结余控制在合理范围",
        ),
        item(
            "过程",
            "预算管理",
            "公用经费控制率",
            4,
            "实际支出 ÷ 预算安排 ≤ 100%",
        ),
        item(
            "过程",
            "预算管理",
            "管理制度健全性",
            4,
            "内部预算、财务管理制度健全",
        ),
        item(
            "过程",
            "资产管理",
            "资产管理安全性",
            3,
            "资产保存完整、账实相符",
        ),
        item(
            "过程",
            "资产管理",
            "固定资产利用率",
            3,
            "实际在用 ÷ 所有固定资产",
        ),
        item("产出", "职责履行", "实际完成率", 10, "重点工作任务完成比例"),
        item("产出", "职责履行", "完成及时率", 5, "按时完成比例"),
        item("产出", "职责履行", "质量达标率", 5, "质量达标比例"),
        item("产出", "职责履行", "重点工作办结率", 5, "重点工作办结比例"),
        item("效果", "履职效益", "经济效益", 5, "对经济发展的作用"),
        item("效果", "履职效益", "社会效益", 8, "对社会发展的作用"),
        item("效果", "履职效益", "生态效益", 4, "对生态环境的作用"),
        item(
            "效果",
            "履职效益",
            "社会公众或服务对象满意度",
            8,
            "满意度 ≥ 90% 得满分",
        ),
    ];
    let township = vec![
        item(
            "预算编制",
            "预算编制",
            "预算编制完整性",
            5,
            "收支全部纳入预算",
        ),
        item(
            "预算编制",
            "预算编制",
            "预算编制科学性",
            5,
            "收入预算稳妥、支出保障重点",
        ),
        item(
            "预算编制",
            "预算公开",
            "预决算公开",
            5,
            "按规定时限和内容公开",
        ),
        item(
            "预算编制",
            "绩效管理",
            "绩效目标编报",
            5,
            "项目和部门整体目标全覆盖",
        ),
        item("收支管理", "收入管理", "收入征管", 6, "依法征收、应收尽收"),
        item(
            "收支管理",
            "支出管理",
            "支出进度",
            6,
            "支出进度符合序时要求",
        ),
        KeyTemplateItem {
            level1: "收支管理".into(),
            ..deduct("支出管理", "“三公经费”变动率", 5, "0", 50)
        },
        item(
            "收支管理",
            "支出管理",
            "直达资金管理",
            4,
            "按规定分配、使用和监控",
        ),
        item("收支管理", "支出管理", "政府采购规范性", 4, "依法采购"),
        item(
            "财政财务基础工作",
            "会计核算",
            "会计核算规范性",
            6,
            "账务处理及时准确",
        ),
        item(
            "财政财务基础工作",
            "资产管理",
            "资产管理",
            5,
            "资产登记、处置规范",
        ),
        item(
            "财政财务基础工作",
            "内部控制",
            "内控制度",
            5,
            "内控制度健全并执行",
        ),
        item(
            "财政财务基础工作",
            "机构建设",
            "财政所建设",
            4,
            "人员、制度、信息化到位",
        ),
        item(
            "工作成效",
            "重点任务",
            "重点任务完成",
            10,
            "完成县下达的重点任务",
        ),
        item(
            "工作成效",
            "民生保障",
            "民生支出保障",
            8,
            "“三保”支出足额保障",
        ),
        item(
            "工作成效",
            "绩效管理",
            "绩效自评质量",
            7,
            "自评覆盖全面、结果真实",
        ),
        KeyTemplateItem {
            level1: "可持续性".into(),
            ..deduct("债务风险", "债务率", 6, "100", 50)
        },
        item(
            "可持续性",
            "库款保障",
            "库款保障水平",
            4,
            "库款保障水平处于合理区间",
        ),
    ];
    vec![
        KeyTemplate {
            kind: "项目".into(),
            items: project,
        },
        KeyTemplate {
            kind: "部门整体".into(),
            items: department,
        },
        KeyTemplate {
            kind: "政策".into(),
            items: policy,
        },
        KeyTemplate {
            kind: "乡镇".into(),
            items: township,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_template_sums_to_100_and_passes_its_checks() {
        for t in default_key_templates() {
            assert_eq!(key_sheet_problems(&t.kind, &t.items), vec![], "{}", t.kind);
            for i in &t.items {
                assert!(
                    key_level1s(&t.kind).contains(&i.level1.as_str()),
                    "{}",
                    i.level1
                );
            }
        }
    }

    #[test]
    fn a_project_sheet_with_output_and_benefit_under_60_is_refused() {
        let mut items = default_key_templates()[0].items.clone();
        // Move 10 分 from 产出 to 决策: 产出+效益 = 50.
        items[11].weight_cp -= 1000;
        items[0].weight_cp += 1000;
        let bad = key_sheet_problems("项目", &items);
        assert!(
            bad.iter().any(|(_, m)| m.contains("不低于 60 分")),
            "{bad:?}"
        );
    }
}
