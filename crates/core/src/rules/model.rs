//! The rule-set body and its validation. Units: scores in centi-points (9000 = 90.00 分),
//! rates and shares in basis points (7000 = 70.00%), money in 分.

use super::{EvaluationRules, ExAnteRules, ReviewRules};
use crate::money::Fen;
use crate::{text_enum, Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    /// 评价等级.
    pub enum Grade {
        Excellent = "优",
        Good = "良",
        Fair = "中",
        Poor = "差",
    }
}

/// Lower bounds of the grade bands, half-open: score ≥ excellent_min → 优, etc.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GradeBands {
    pub excellent_min_cp: i64,
    pub good_min_cp: i64,
    pub fair_min_cp: i64,
}

/// 单位自评 weights (centi-points, sum 10000).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SelfEvalWeights {
    pub execution_cp: i64,
    pub output_cp: i64,
    pub benefit_cp: i64,
    pub satisfaction_cp: i64,
}

/// 运行监控 warning lines: execution behind time progress by more than these many bp.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WarningLines {
    pub yellow_lag_bp: i64,
    pub red_lag_bp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleSet {
    pub grade_bands: GradeBands,
    pub self_eval_weights: SelfEvalWeights,
    pub ex_ante: ExAnteRules,
    /// 量化率 floor per unit, bp.
    pub quantification_floor_bp: i64,
    pub warning: WarningLines,
    /// 财政抽查复核 minimum share of submitted self-evaluations, bp.
    pub spot_check_share_bp: i64,
    /// 绩效评价: gap line, key-evaluation templates, agency scorecard. Rule sets saved before
    /// evaluation existed get the defaults.
    #[serde(default)]
    pub evaluation: EvaluationRules,
    /// 智能审核 rule pack (目标审核 and 疑点 rules). Rule sets saved before it existed get the
    /// defaults.
    #[serde(default)]
    pub review: ReviewRules,
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet {
            grade_bands: GradeBands {
                excellent_min_cp: 9000,
                good_min_cp: 8000,
                fair_min_cp: 6000,
            },
            self_eval_weights: SelfEvalWeights {
                execution_cp: 1000,
                output_cp: 5000,
                benefit_cp: 3000,
                satisfaction_cp: 1000,
            },
            ex_ante: ExAnteRules {
                threshold: Fen::from_wan(300),
                support_min_cp: 9000,
                revise_min_cp: 7000,
                aspects: super::default_exante_aspects(),
                policy_aspects: super::default_policy_aspects(),
                bond_aspects: super::default_bond_aspects(),
            },
            quantification_floor_bp: 7000,
            warning: WarningLines {
                yellow_lag_bp: 1500,
                red_lag_bp: 3000,
            },
            spot_check_share_bp: 1000,
            evaluation: EvaluationRules::default(),
            review: ReviewRules::default(),
        }
    }
}

impl RuleSet {
    /// Grade of a score (centi-points) under this rule set's half-open bands.
    pub fn grade_of(&self, score_cp: i64) -> Grade {
        let b = &self.grade_bands;
        if score_cp >= b.excellent_min_cp {
            Grade::Excellent
        } else if score_cp >= b.good_min_cp {
            Grade::Good
        } else if score_cp >= b.fair_min_cp {
            Grade::Fair
        } else {
            Grade::Poor
        }
    }

    /// Every inconsistency, each naming its field.
    pub fn validate(&self) -> Result<()> {
        let mut bad: Vec<(String, String)> = Vec::new();
        let b = &self.grade_bands;
        let in_score = |v: i64| (0..=10000).contains(&v);
        if !(in_score(b.excellent_min_cp) && in_score(b.good_min_cp) && in_score(b.fair_min_cp)) {
            bad.push(("等级分数线".into(), "必须在 0–100 分之间".into()));
        } else if !(b.excellent_min_cp > b.good_min_cp && b.good_min_cp > b.fair_min_cp) {
            bad.push((
                "等级分数线".into(),
                "必须满足 优 > 良 > 中（例如 90 / 80 / 60）".into(),
            ));
        }
        let w = &self.self_eval_weights;
        let parts = [w.execution_cp, w.output_cp, w.benefit_cp, w.satisfaction_cp];
        let sum: i64 = parts.iter().sum();
        if parts.iter().any(|v| *v < 0) {
            bad.push(("自评权重".into(), "不能为负数".into()));
        } else if sum != 10000 {
            bad.push((
                "自评权重".into(),
                format!(
                    "预算执行率、产出、效益、满意度四项合计应为 100 分，现为 {}",
                    crate::fmt_cp(sum)
                ),
            ));
        }
        let e = &self.ex_ante;
        if e.threshold.0 < 0 {
            bad.push(("事前评估金额标准".into(), "不能为负数".into()));
        }
        if !(in_score(e.support_min_cp) && in_score(e.revise_min_cp))
            || e.support_min_cp <= e.revise_min_cp
        {
            bad.push((
                "事前评估结论分数线".into(),
                "“予以支持”分数线必须高于“调整完善后予以支持”，且都在 0–100 分之间".into(),
            ));
        }
        bad.extend(e.sheet_problems());
        let in_rate = |v: i64| (0..=10000).contains(&v);
        if !in_rate(self.quantification_floor_bp) {
            bad.push(("量化率下限".into(), "必须在 0%–100% 之间".into()));
        }
        let wl = &self.warning;
        if !(in_rate(wl.yellow_lag_bp) && in_rate(wl.red_lag_bp))
            || wl.red_lag_bp <= wl.yellow_lag_bp
        {
            bad.push((
                "预警线".into(),
                "红色预警的滞后百分点必须大于黄色预警，且都在 0–100 之间".into(),
            ));
        }
        if !(1..=10000).contains(&self.spot_check_share_bp) {
            bad.push(("抽查比例".into(), "必须在 0.01%–100% 之间".into()));
        }
        bad.extend(self.evaluation_problems());
        bad.extend(self.review.problems());
        if bad.is_empty() {
            return Ok(());
        }
        Err(Error::Unsaved(
            bad.into_iter()
                .map(|(column, message)| crate::FieldProblem {
                    row: 0,
                    column,
                    message,
                })
                .collect(),
        ))
    }
}

impl RuleSet {
    fn evaluation_problems(&self) -> Vec<(String, String)> {
        let ev = &self.evaluation;
        let mut bad = Vec::new();
        if !(0..=10000).contains(&ev.spot_gap_cp) {
            bad.push(("抽查差异提示线".into(), "必须在 0–100 分之间".into()));
        }
        for kind in ["项目", "部门整体", "政策", "乡镇"] {
            match ev.key_templates.iter().find(|t| t.kind == kind) {
                Some(t) => bad.extend(super::key_sheet_problems(kind, &t.items)),
                None => bad.push((format!("{kind}评分表"), "缺少该类评价的评分表模板".into())),
            }
        }
        let a = &ev.agency_review;
        let parts = [
            a.plan_max_cp,
            a.papers_max_cp,
            a.report_max_cp,
            a.timeliness_max_cp,
            a.integrity_max_cp,
        ];
        if parts.iter().any(|p| *p < 0) || parts.iter().sum::<i64>() != 10000 {
            bad.push((
                "第三方机构质量评价".into(),
                "方案、底稿、报告质量、时效、沟通与廉洁五项满分合计应为 100 分".into(),
            ));
        }
        if !(a.pass_min_cp > 0 && a.excellent_min_cp > a.pass_min_cp && a.excellent_min_cp <= 10000)
        {
            bad.push((
                "第三方机构质量评价".into(),
                "“优秀”分数线必须高于“合格”，且都在 0–100 分之间".into(),
            ));
        }
        if a.exclude_after_fails < 1 {
            bad.push(("第三方机构质量评价".into(), "连续不合格次数至少为 1".into()));
        }
        bad
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_of_8950_is_liang() {
        assert_eq!(RuleSet::default().grade_of(8950), Grade::Good);
    }

    #[test]
    fn grade_bands_are_half_open() {
        let r = RuleSet::default();
        assert_eq!(r.grade_of(9000), Grade::Excellent);
        assert_eq!(r.grade_of(8999), Grade::Good);
        assert_eq!(r.grade_of(6000), Grade::Fair);
        assert_eq!(r.grade_of(5999), Grade::Poor);
    }

    #[test]
    fn defaults_are_valid_and_match_domain_numbers() {
        let r = RuleSet::default();
        r.validate().expect("defaults valid");
        assert_eq!(r.ex_ante.threshold, Fen(300_000_000));
        assert_eq!(r.self_eval_weights.output_cp, 5000);
        assert_eq!(r.spot_check_share_bp, 1000);
    }

    #[test]
    fn weights_that_do_not_sum_to_100_are_refused_with_the_sum() {
        let mut r = RuleSet::default();
        r.self_eval_weights.output_cp = 4000;
        let msg = r.validate().unwrap_err().to_string();
        assert!(msg.contains("自评权重") && msg.contains("90.00"), "{msg}");
    }
}
