//! The 事前评估 part of the rule set: threshold, conclusion bands and the score sheet (评估方面
//! → 评分项 with 分值 in centi-points, 100 分 in all), with its validation.

use crate::money::Fen;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// 事前绩效评估: which new projects need one, how they are scored, and how the total maps to a
/// conclusion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExAnteRules {
    /// New projects at or above this amount need an assessment (分).
    pub threshold: Fen,
    /// ≥ this → 予以支持.
    pub support_min_cp: i64,
    /// ≥ this → 调整完善后予以支持; below → 不予支持.
    pub revise_min_cp: i64,
    /// The score sheet: 评估方面 with their 评分项; the 分值 of all items add up to 100 分.
    /// Rule sets saved before the sheet was configurable have no `aspects`: they get the default.
    #[serde(default = "default_exante_aspects")]
    pub aspects: Vec<ExAnteAspect>,
    /// The 政策事前评估 sheet (five aspects: 政策设立必要性 … 政策资金合规性), 100 分 in all.
    #[serde(default = "default_policy_aspects")]
    pub policy_aspects: Vec<ExAnteAspect>,
    /// The 专项债 sheet (财预〔2021〕61号) a special-bond project is scored on, 100 分 in all.
    #[serde(default = "default_bond_aspects")]
    pub bond_aspects: Vec<ExAnteAspect>,
}

/// One 评估方面 (e.g. 立项必要性) of the 事前评估 score sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExAnteAspect {
    pub name: String,
    pub items: Vec<ExAnteItem>,
}

/// One 评分项 of an aspect and its 分值 (centi-points).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExAnteItem {
    pub name: String,
    pub max_cp: i64,
}

/// The five aspects of domain.md §5, 20 分 each, as four 5-分 items.
pub fn default_exante_aspects() -> Vec<ExAnteAspect> {
    const SHEET: [(&str, [&str; 4]); 5] = [
        (
            "立项必要性",
            ["政策相符性", "需求紧迫性", "职能相关性", "不可替代性"],
        ),
        (
            "投入经济性",
            [
                "成本测算合理性",
                "投入产出比",
                "资金规模适当性",
                "成本控制措施",
            ],
        ),
        (
            "绩效目标合理性",
            [
                "目标明确性",
                "指标细化量化",
                "目标与任务匹配",
                "目标值合理性",
            ],
        ),
        (
            "实施方案可行性",
            [
                "实施内容明确",
                "组织管理健全",
                "进度安排合理",
                "风险防控措施",
            ],
        ),
        (
            "筹资合规性",
            [
                "资金来源合规",
                "筹资结构合理",
                "财政承受能力",
                "配套资金落实",
            ],
        ),
    ];
    SHEET
        .iter()
        .map(|(name, items)| ExAnteAspect {
            name: (*name).to_string(),
            items: items
                .iter()
                .map(|i| ExAnteItem {
                    name: (*i).to_string(),
                    max_cp: 500,
                })
                .collect(),
        })
        .collect()
}

fn sheet_of(spec: &[(&str, &[(&str, i64)])]) -> Vec<ExAnteAspect> {
    spec.iter()
        .map(|(name, items)| ExAnteAspect {
            name: (*name).to_string(),
            items: items
                .iter()
                .map(|(i, cp)| ExAnteItem {
                    name: (*i).to_string(),
                    max_cp: *cp,
                })
                .collect(),
        })
        .collect()
}

/// The 政策事前评估 sheet: five aspects, 20 分 each, as four 5-分 items.
pub fn default_policy_aspects() -> Vec<ExAnteAspect> {
    const F: i64 = 500;
    sheet_of(&[
        (
            "政策设立必要性",
            &[
                ("政策依据充分性", F),
                ("现实需求紧迫性", F),
                ("财政支持必要性", F),
                ("与现行政策协调性", F),
            ],
        ),
        (
            "政策保障充分性",
            &[
                ("组织保障", F),
                ("制度保障", F),
                ("资金保障", F),
                ("人员与技术保障", F),
            ],
        ),
        (
            "政策目标合理性",
            &[
                ("目标明确性", F),
                ("指标细化量化", F),
                ("目标与资金匹配", F),
                ("目标值合理性", F),
            ],
        ),
        (
            "政策实施可持续性",
            &[
                ("实施方案可行性", F),
                ("资金来源可持续", F),
                ("到期退出机制", F),
                ("风险防控措施", F),
            ],
        ),
        (
            "政策资金合规性",
            &[
                ("资金来源合规", F),
                ("支持方式合理", F),
                ("分配办法规范", F),
                ("财政承受能力", F),
            ],
        ),
    ])
}

/// The 专项债 sheet after 财预〔2021〕61号: seven aspects (15 分 each, 债券资金需求合理性 10 分).
pub fn default_bond_aspects() -> Vec<ExAnteAspect> {
    const F: i64 = 500;
    sheet_of(&[
        (
            "公益性与收益性",
            &[
                ("项目公益性", F),
                ("项目收益性", F),
                ("收益覆盖融资本息", F),
            ],
        ),
        (
            "项目成熟度",
            &[
                ("前期手续完备", F),
                ("实施条件成熟", F),
                ("建设进度安排", F),
            ],
        ),
        (
            "资金需求和到位可行性",
            &[("资金需求测算", F), ("其他资金到位", F), ("资本金落实", F)],
        ),
        (
            "收入成本收益预测",
            &[("收入预测依据", F), ("成本测算合理", F), ("收益平衡", F)],
        ),
        (
            "债券资金需求合理性",
            &[("发行规模合理", F), ("发行期限匹配", F)],
        ),
        (
            "偿债计划可行性和偿债风险",
            &[
                ("偿债计划可行", F),
                ("偿债资金来源", F),
                ("风险防控措施", F),
            ],
        ),
        (
            "绩效目标合理性",
            &[
                ("目标明确性", F),
                ("指标细化量化", F),
                ("融资成本与偿债风险指标", F),
            ],
        ),
    ])
}

/// Which score sheet of the 事前评估 rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExAnteSheetKind {
    Project,
    Policy,
    Bond,
}

impl ExAnteSheetKind {
    pub fn label(self) -> &'static str {
        match self {
            ExAnteSheetKind::Project => "事前评估评分表",
            ExAnteSheetKind::Policy => "政策事前评估评分表",
            ExAnteSheetKind::Bond => "专项债事前评估评分表",
        }
    }
}

impl ExAnteRules {
    /// The aspects of one of the three sheets.
    pub fn sheet(&self, kind: ExAnteSheetKind) -> &[ExAnteAspect] {
        match kind {
            ExAnteSheetKind::Project => &self.aspects,
            ExAnteSheetKind::Policy => &self.policy_aspects,
            ExAnteSheetKind::Bond => &self.bond_aspects,
        }
    }

    /// The conclusion a total (centi-points) gets under these half-open bands.
    pub fn conclusion_of(&self, total_cp: i64) -> crate::exante::ExAnteConclusion {
        use crate::exante::ExAnteConclusion as C;
        if total_cp >= self.support_min_cp {
            C::Support
        } else if total_cp >= self.revise_min_cp {
            C::SupportAfterRevision
        } else {
            C::NotSupport
        }
    }

    /// 分值 of the whole sheet (10000 in a valid rule set).
    pub fn sheet_total_cp(&self) -> i64 {
        self.aspects
            .iter()
            .flat_map(|a| a.items.iter())
            .map(|i| i.max_cp)
            .sum()
    }

    /// Problems of the three score sheets as (field, message).
    pub(super) fn sheet_problems(&self) -> Vec<(String, String)> {
        [
            ExAnteSheetKind::Project,
            ExAnteSheetKind::Policy,
            ExAnteSheetKind::Bond,
        ]
        .into_iter()
        .flat_map(|k| aspects_problems(k.label(), self.sheet(k)))
        .collect()
    }
}

/// Problems of one score sheet as (field, message).
fn aspects_problems(field: &str, aspects: &[ExAnteAspect]) -> Vec<(String, String)> {
    {
        let mut bad = Vec::new();
        if aspects.is_empty() {
            bad.push((field.into(), "至少需要一个评估方面".into()));
            return bad;
        }
        let mut aspect_names = std::collections::HashSet::new();
        for (ai, a) in aspects.iter().enumerate() {
            let name = a.name.trim();
            if name.is_empty() {
                bad.push((field.into(), format!("第{}个评估方面未填写名称", ai + 1)));
            } else if !aspect_names.insert(name) {
                bad.push((field.into(), format!("评估方面『{name}』重复")));
            }
            let label = if name.is_empty() {
                format!("第{}个评估方面", ai + 1)
            } else {
                format!("『{name}』")
            };
            if a.items.is_empty() {
                bad.push((field.into(), format!("{label}至少需要一个评分项")));
            }
            let mut item_names = std::collections::HashSet::new();
            for (ii, item) in a.items.iter().enumerate() {
                let iname = item.name.trim();
                if iname.is_empty() {
                    bad.push((
                        field.into(),
                        format!("{label}的第{}个评分项未填写名称", ii + 1),
                    ));
                } else if !item_names.insert(iname) {
                    bad.push((field.into(), format!("{label}的评分项『{iname}』重复")));
                }
                if item.max_cp <= 0 {
                    bad.push((
                        field.into(),
                        format!(
                            "{label}的评分项『{iname}』分值必须大于 0，现为 {}",
                            crate::fmt_cp(item.max_cp)
                        ),
                    ));
                }
            }
        }
        let sum: i64 = aspects
            .iter()
            .flat_map(|a| a.items.iter())
            .map(|i| i.max_cp)
            .sum();
        if sum != 10000 {
            bad.push((
                field.into(),
                format!("各评分项分值合计应为 100 分，现为 {}", crate::fmt_cp(sum)),
            ));
        }
        bad
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn default_exante_sheet_is_five_aspects_of_four_five_point_items() {
        let e = RuleSet::default().ex_ante;
        let names: Vec<&str> = e.aspects.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "立项必要性",
                "投入经济性",
                "绩效目标合理性",
                "实施方案可行性",
                "筹资合规性"
            ]
        );
        assert!(e
            .aspects
            .iter()
            .all(|a| a.items.len() == 4 && a.items.iter().all(|i| i.max_cp == 500)));
        assert_eq!(e.sheet_total_cp(), 10000);
    }

    #[test]
    fn default_policy_and_bond_sheets_have_the_aspects_of_the_seeds_and_100_points() {
        let e = RuleSet::default().ex_ante;
        let names = |k| {
            e.sheet(k)
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(ExAnteSheetKind::Policy),
            [
                "政策设立必要性",
                "政策保障充分性",
                "政策目标合理性",
                "政策实施可持续性",
                "政策资金合规性"
            ]
        );
        assert_eq!(
            names(ExAnteSheetKind::Bond),
            [
                "公益性与收益性",
                "项目成熟度",
                "资金需求和到位可行性",
                "收入成本收益预测",
                "债券资金需求合理性",
                "偿债计划可行性和偿债风险",
                "绩效目标合理性"
            ]
        );
        let mut r = RuleSet::default();
        r.ex_ante.bond_aspects[4].items.pop();
        let msg = r.validate().unwrap_err().to_string();
        assert!(
            msg.contains("专项债事前评估评分表") && msg.contains("95.00"),
            "{msg}"
        );
    }

    #[test]
    fn exante_conclusion_bands_are_half_open() {
        use crate::exante::ExAnteConclusion as C;
        let e = RuleSet::default().ex_ante;
        assert_eq!(e.conclusion_of(9000), C::Support);
        assert_eq!(e.conclusion_of(8999), C::SupportAfterRevision);
        assert_eq!(e.conclusion_of(7000), C::SupportAfterRevision);
        assert_eq!(e.conclusion_of(6999), C::NotSupport);
    }

    #[test]
    fn a_sheet_that_does_not_sum_to_100_is_refused_with_the_field_and_the_sum() {
        let mut r = RuleSet::default();
        r.ex_ante.aspects[0].items[0].max_cp = 450;
        let msg = r.validate().unwrap_err().to_string();
        assert!(
            msg.contains("事前评估评分表") && msg.contains("99.50"),
            "{msg}"
        );
    }

    #[test]
    fn sheet_names_must_be_filled_and_unique_and_every_item_positive() {
        let mut r = RuleSet::default();
        r.ex_ante.aspects[1].name = "立项必要性".into();
        r.ex_ante.aspects[2].items[1].name = " ".into();
        r.ex_ante.aspects[3].items[0].max_cp = 0;
        r.ex_ante.aspects[3].items[1].max_cp = 1000;
        let msg = r.validate().unwrap_err().to_string();
        assert!(msg.contains("评估方面『立项必要性』重复"), "{msg}");
        assert!(
            msg.contains("『绩效目标合理性』的第2个评分项未填写名称"),
            "{msg}"
        );
        assert!(
            msg.contains("『实施方案可行性』的评分项『实施内容明确』分值必须大于 0"),
            "{msg}"
        );
        r = RuleSet::default();
        r.ex_ante.aspects.clear();
        assert!(r
            .validate()
            .unwrap_err()
            .to_string()
            .contains("至少需要一个评估方面"));
    }

    #[test]
    fn a_rule_set_saved_before_the_sheet_existed_loads_with_the_default_aspects() {
        let old = r#"{"grade_bands":{"excellent_min_cp":9000,"good_min_cp":8000,"fair_min_cp":6000},
            "self_eval_weights":{"execution_cp":1000,"output_cp":5000,"benefit_cp":3000,"satisfaction_cp":1000},
            "ex_ante":{"threshold":500000000,"support_min_cp":9000,"revise_min_cp":7000},
            "quantification_floor_bp":7000,"warning":{"yellow_lag_bp":1500,"red_lag_bp":3000},
            "spot_check_share_bp":1000}"#;
        let r: RuleSet = serde_json::from_str(old).expect("old JSON loads");
        assert_eq!(r.ex_ante.threshold, Fen::from_wan(500));
        assert_eq!(r.ex_ante.aspects, default_exante_aspects());
        assert_eq!(r.ex_ante.policy_aspects, default_policy_aspects());
        assert_eq!(r.ex_ante.bond_aspects, default_bond_aspects());
        r.validate().expect("valid");
    }
}
