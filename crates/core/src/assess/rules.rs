//! The 考核 rule set: items with points for 部门 and for 乡镇 (each computed from the data by a
//! named formula, or scored by hand), 加分 / 扣分 items by hand with a reason, the grade bands
//! (half-open: a total ≥ a band's minimum and below the next band gets that band), the 目标编报
//! deadline and the deduction per 二上 返修. Versioned like [`crate::rules`]: each save adds a
//! version, the newest live one is current, version 0 is the built-in default.
//!
//! Invariant (checked on save): per kind, the points of the scored items (every method except
//! 加分 and 扣分) sum to exactly 100.00; item codes are unique; bands strictly descending.

use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::{fmt_cp, text_enum, Error, FieldProblem, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    /// 考核对象: 县直部门 (主管部门 and their 预算单位) or 乡镇（街道）.
    pub enum AssessKind {
        Department = "部门",
        Township = "乡镇",
    }
}

text_enum! {
    /// How an item is scored: a formula over the year's data, or by hand.
    pub enum AssessMethod {
        TargetTimely = "目标编报及时率",
        Quantification = "目标量化率",
        Revisions = "二上返修次数",
        MonitorOnTime = "监控表按时填报率",
        RedRectified = "红灯整改率",
        SelfCoverage = "自评覆盖率",
        SpotConsistency = "抽查复核一致率",
        RectOnTime = "整改按期完成率",
        Disclosure = "公开率",
        Linkage = "结果挂钩率",
        Hand = "手工评分",
        Bonus = "加分",
        Penalty = "扣分",
    }
}

impl AssessMethod {
    /// Scored by hand (手工评分, 加分, 扣分).
    pub fn by_hand(self) -> bool {
        matches!(
            self,
            AssessMethod::Hand | AssessMethod::Bonus | AssessMethod::Penalty
        )
    }

    /// Outside the 100 points: added (加分) or subtracted (扣分), up to the item's points.
    pub fn outside_hundred(self) -> bool {
        matches!(self, AssessMethod::Bonus | AssessMethod::Penalty)
    }

    /// The formula in words, as the table's tooltip and the 通报 state it.
    pub fn formula(self) -> &'static str {
        match self {
            AssessMethod::TargetTimely => {
                "分值 × 截止日前首次报送（一上）的绩效目标数 ÷ 绩效目标数"
            }
            AssessMethod::Quantification => {
                "量化率 ≥ 下限得满分，否则 分值 × 量化率 ÷ 下限；量化率 = 量化三级指标数 ÷ 三级指标数"
            }
            AssessMethod::Revisions => "分值 − 返修次数 × 每次扣分，最低 0 分；返修次数 = 各目标二上报送次数 − 1 之和",
            AssessMethod::MonitorOnTime => "分值 × 截止日前提交的监控情况表数 ÷ 监控情况表数",
            AssessMethod::RedRectified => "分值 × 整改已核实或销号的红灯监控表数 ÷ 红灯监控表数；无红灯得满分",
            AssessMethod::SelfCoverage => "分值 × 已提交的自评表数 ÷ 应自评数",
            AssessMethod::SpotConsistency => {
                "分值 × 复核分与自评分相差不超过差异提示线的抽查数 ÷ 已复核抽查数"
            }
            AssessMethod::RectOnTime => "分值 × 在整改期限内核实或销号的整改事项数 ÷ 整改事项数",
            AssessMethod::Disclosure => "分值 × 公开的绩效目标和自评报告数 ÷ 已批复目标和已提交自评数",
            AssessMethod::Linkage => "分值 × 已与预算安排挂钩的评价结果数 ÷ 有评价等级的自评数",
            AssessMethod::Hand => "手工评分（0 至分值），须写明理由",
            AssessMethod::Bonus => "手工加分（0 至上限），须写明理由",
            AssessMethod::Penalty => "手工扣分（0 至上限），须写明理由",
        }
    }
}

/// One 考核 item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssessItem {
    /// Stable code (hand scores are stored under it), e.g. `monitor_on_time`.
    pub code: String,
    /// 一级: 绩效目标 / 运行监控 / 绩效自评 / 整改落实 / 结果应用与公开 / 加减分.
    pub group: String,
    /// 考核内容, e.g. 监控表按时填报率.
    pub name: String,
    /// 分值 (the maximum for 加分 / 扣分), centi-points.
    pub points_cp: i64,
    pub method: AssessMethod,
}

/// A grade band: totals ≥ `min_cp` (and below the next higher band) get `name`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssessBand {
    pub name: String,
    pub min_cp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssessRules {
    pub department: Vec<AssessItem>,
    pub township: Vec<AssessItem>,
    /// Highest first; a total below the last band's minimum gets `lowest_band`.
    pub bands: Vec<AssessBand>,
    pub lowest_band: String,
    /// 目标编报截止日 (一上), as MM-DD of the year before the budget year.
    pub target_due_md: String,
    /// Deduction per 二上 返修, centi-points.
    pub revision_deduct_cp: i64,
}

fn item(code: &str, group: &str, name: &str, points: i64, method: AssessMethod) -> AssessItem {
    AssessItem {
        code: code.into(),
        group: group.into(),
        name: name.into(),
        points_cp: points * 100,
        method,
    }
}

fn default_items(township: bool) -> Vec<AssessItem> {
    // 乡镇 weigh 整改 and 监控 a little more and 公开 a little less than 部门.
    let (monitor, rect, disclosure) = if township { (15, 15, 5) } else { (10, 10, 10) };
    vec![
        item(
            "target_timely",
            "绩效目标",
            "目标编报及时率",
            10,
            AssessMethod::TargetTimely,
        ),
        item(
            "quantification",
            "绩效目标",
            "目标量化率",
            10,
            AssessMethod::Quantification,
        ),
        item(
            "revisions",
            "绩效目标",
            "二上返修次数",
            10,
            AssessMethod::Revisions,
        ),
        item(
            "monitor_on_time",
            "运行监控",
            "监控表按时填报率",
            monitor,
            AssessMethod::MonitorOnTime,
        ),
        item(
            "red_rectified",
            "运行监控",
            "红灯整改",
            10,
            AssessMethod::RedRectified,
        ),
        item(
            "self_coverage",
            "绩效自评",
            "自评覆盖率",
            15,
            AssessMethod::SelfCoverage,
        ),
        item(
            "spot_consistency",
            "绩效自评",
            "抽查复核分差",
            if township { 5 } else { 10 },
            AssessMethod::SpotConsistency,
        ),
        item(
            "rect_on_time",
            "整改落实",
            "整改按期完成率",
            rect,
            AssessMethod::RectOnTime,
        ),
        item(
            "disclosure",
            "结果应用与公开",
            "公开率",
            disclosure,
            AssessMethod::Disclosure,
        ),
        item(
            "linkage",
            "结果应用与公开",
            "结果挂钩",
            5,
            AssessMethod::Linkage,
        ),
        item(
            "bonus",
            "加减分",
            "加分（如经验被上级推广）",
            5,
            AssessMethod::Bonus,
        ),
        item(
            "penalty",
            "加减分",
            "扣分（如数据造假）",
            10,
            AssessMethod::Penalty,
        ),
    ]
}

impl Default for AssessRules {
    fn default() -> Self {
        AssessRules {
            department: default_items(false),
            township: default_items(true),
            bands: vec![
                AssessBand {
                    name: "优秀".into(),
                    min_cp: 9000,
                },
                AssessBand {
                    name: "良好".into(),
                    min_cp: 8000,
                },
                AssessBand {
                    name: "合格".into(),
                    min_cp: 6000,
                },
            ],
            lowest_band: "不合格".into(),
            target_due_md: "11-30".into(),
            revision_deduct_cp: 200,
        }
    }
}

impl AssessRules {
    pub fn items(&self, kind: AssessKind) -> &[AssessItem] {
        match kind {
            AssessKind::Department => &self.department,
            AssessKind::Township => &self.township,
        }
    }

    /// The band of `total_cp` (half-open bands).
    pub fn grade_of(&self, total_cp: i64) -> String {
        self.bands
            .iter()
            .find(|b| total_cp >= b.min_cp)
            .map(|b| b.name.clone())
            .unwrap_or_else(|| self.lowest_band.clone())
    }

    pub fn validate(&self) -> Result<()> {
        let mut bad: Vec<(String, String)> = Vec::new();
        for kind in AssessKind::ALL {
            let items = self.items(*kind);
            let label = format!("{}考核项目", kind.label());
            let mut codes = std::collections::HashSet::new();
            for (n, i) in items.iter().enumerate() {
                if i.name.trim().is_empty() || i.code.trim().is_empty() {
                    bad.push((label.clone(), format!("第{}项缺少名称或代码", n + 1)));
                }
                if !codes.insert(i.code.trim()) {
                    bad.push((label.clone(), format!("代码『{}』重复", i.code)));
                }
                if !(0..=10000).contains(&i.points_cp) {
                    bad.push((
                        label.clone(),
                        format!("『{}』的分值必须在 0–100 分之间", i.name),
                    ));
                }
            }
            let sum: i64 = items
                .iter()
                .filter(|i| !i.method.outside_hundred())
                .map(|i| i.points_cp)
                .sum();
            if sum != 10000 {
                bad.push((
                    label,
                    format!(
                        "除加分、扣分外各项分值合计应为 100 分，现为 {}",
                        fmt_cp(sum)
                    ),
                ));
            }
        }
        if self.bands.is_empty()
            || self.bands.windows(2).any(|w| w[0].min_cp <= w[1].min_cp)
            || self.bands.iter().any(|b| !(0..=10000).contains(&b.min_cp))
        {
            bad.push((
                "考核等级".into(),
                "等级分数线必须从高到低排列，且都在 0–100 分之间".into(),
            ));
        }
        if chrono::NaiveDate::parse_from_str(&format!("2024-{}", self.target_due_md), "%Y-%m-%d")
            .is_err()
        {
            bad.push((
                "目标编报截止日".into(),
                format!("应为“月-日”，如 11-30，现为『{}』", self.target_due_md),
            ));
        }
        if !(0..=10000).contains(&self.revision_deduct_cp) {
            bad.push(("每次返修扣分".into(), "必须在 0–100 分之间".into()));
        }
        if bad.is_empty() {
            return Ok(());
        }
        Err(Error::Unsaved(
            bad.into_iter()
                .map(|(column, message)| FieldProblem {
                    row: 0,
                    column,
                    message,
                })
                .collect(),
        ))
    }
}

/// One saved version of the 考核 rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AssessRulesVersion {
    /// 0 = the built-in defaults.
    pub version: i64,
    pub rules: AssessRules,
    pub note: String,
    pub created_by: String,
    pub created_at: String,
}

/// Saved versions, newest first.
pub fn list_versions(c: &Connection) -> Result<Vec<AssessRulesVersion>> {
    let mut st = c.prepare(
        "SELECT version, body_json, note, created_by, created_at FROM assess_rule_set
         WHERE deleted_at IS NULL ORDER BY version DESC",
    )?;
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(version, body, note, created_by, created_at)| {
            Ok(AssessRulesVersion {
                version,
                rules: serde_json::from_str(&body)?,
                note,
                created_by,
                created_at,
            })
        })
        .collect()
}

/// The 考核 rule set in force.
pub fn current(c: &Connection) -> Result<AssessRulesVersion> {
    Ok(list_versions(c)?
        .into_iter()
        .next()
        .unwrap_or_else(|| AssessRulesVersion {
            version: 0,
            rules: AssessRules::default(),
            note: "内置默认考核规则".into(),
            created_by: String::new(),
            created_at: String::new(),
        }))
}

/// Version `version` (0 = built-in).
pub fn get_version(c: &Connection, version: i64) -> Result<AssessRulesVersion> {
    if version == 0 {
        let mut v = current(c)?;
        if v.version != 0 {
            v = AssessRulesVersion {
                version: 0,
                rules: AssessRules::default(),
                note: "内置默认考核规则".into(),
                created_by: String::new(),
                created_at: String::new(),
            };
        }
        return Ok(v);
    }
    list_versions(c)?
        .into_iter()
        .find(|v| v.version == version)
        .ok_or_else(|| Error::NotFound(format!("找不到第{version}版考核规则")))
}

/// 规则设置 › 考核规则: validates and saves a new version.
pub fn save_rules(ctx: &WriteCtx, rules: &AssessRules, note: &str) -> Result<AssessRulesVersion> {
    ctx.require(Perm::RulesEdit)?;
    rules.validate()?;
    let before = current(ctx)?;
    let version: i64 = ctx
        .query_row("SELECT MAX(version) FROM assess_rule_set", [], |r| {
            r.get::<_, Option<i64>>(0)
        })
        .optional()?
        .flatten()
        .unwrap_or(0)
        + 1;
    let note = if note.trim().is_empty() {
        format!("第{version}版")
    } else {
        note.trim().to_string()
    };
    let id = new_id();
    ctx.execute(
        "INSERT INTO assess_rule_set (id, version, body_json, note, created_by, created_at,
            updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            id,
            version,
            serde_json::to_string(rules)?,
            note,
            format!("{}（{}）", ctx.actor.name, ctx.actor.dept),
            ctx.now()
        ],
    )?;
    ctx.audit(
        "update",
        "assess_rule_set",
        Some(&id),
        &format!("保存考核规则第{version}版：{note}"),
        Some(&serde_json::to_value(&before.rules)?),
        Some(&serde_json::to_value(rules)?),
    )?;
    current(ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_sets_sum_to_one_hundred_points() {
        AssessRules::default().validate().expect("valid");
    }

    #[test]
    fn bands_are_half_open() {
        let r = AssessRules::default();
        assert_eq!(r.grade_of(9000), "优秀");
        assert_eq!(r.grade_of(8999), "良好");
        assert_eq!(r.grade_of(6000), "合格");
        assert_eq!(r.grade_of(5999), "不合格");
    }

    #[test]
    fn a_set_not_summing_to_one_hundred_is_refused() {
        let mut r = AssessRules::default();
        r.department[0].points_cp += 100;
        let e = r.validate().expect_err("refused").to_string();
        assert!(e.contains("101.00"), "{e}");
    }
}
