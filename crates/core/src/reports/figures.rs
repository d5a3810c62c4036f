//! The figure structs of 年度总览, one per stage. Counts and amounts are additive (a year's total
//! is the sum of its budget-type parts plus the rows without a project, such as 部门整体); rates
//! are derived from the summed parts by `finish` with [`crate::rate`]'s one rounding rule, never
//! averaged. Figures that only exist for the whole county (units, rounds, the spot-check draw,
//! agencies, disclosure) are `Option`: `None` in the budget-type parts.

use crate::projects::BudgetType;
use crate::rate::{div_half_up, rate_bp};
use serde::Serialize;
use ts_rs::TS;

/// Additive figures with rates derived from their sums.
pub(crate) trait Figures: Default + Clone {
    fn add(&mut self, o: &Self);
    fn finish(&mut self);
}

/// A stage's figures: the year, each of the four budgets, and the previous year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Split<T: TS> {
    pub total: T,
    /// The four budgets in their fixed order, zeros included. Rows without a project (部门整体,
    /// 政策, 乡镇) count in `total` only.
    pub by_budget_type: Vec<BudgetPart<T>>,
    /// Per 主管部门 / 乡镇 (a 预算单位 counts in its 主管部门), units with rows only, 主管部门 first
    /// then by code. County-only figures are `None` here as in the budget parts.
    pub by_unit: Vec<UnitPart<T>>,
    /// The same figures of 年度 − 1.
    pub previous_year: T,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BudgetPart<T: TS> {
    pub budget_type: BudgetType,
    pub figures: T,
}

/// One 主管部门's or 乡镇's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UnitPart<T: TS> {
    pub unit_id: String,
    pub unit_code: String,
    pub unit_name: String,
    /// 主管部门 / 乡镇 (预算单位 for one hanging under neither).
    pub unit_kind: String,
    pub figures: T,
}

/// 优 / 良 / 中 / 差 counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GradeMix {
    pub excellent: i64,
    pub good: i64,
    pub fair: i64,
    pub poor: i64,
}

impl GradeMix {
    fn add(&mut self, o: &GradeMix) {
        self.excellent += o.excellent;
        self.good += o.good;
        self.fair += o.fair;
        self.poor += o.poor;
    }
    pub(crate) fn bump(&mut self, grade: &str, n: i64) {
        match grade {
            "优" => self.excellent += n,
            "良" => self.good += n,
            "中" => self.fair += n,
            "差" => self.poor += n,
            _ => {}
        }
    }
    pub fn total(&self) -> i64 {
        self.excellent + self.good + self.fair + self.poor
    }
}

/// A count with its amount (分).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CountAmount {
    pub count: i64,
    pub amount_fen: i64,
}

impl CountAmount {
    fn add(&mut self, o: &CountAmount) {
        self.count += o.count;
        self.amount_fen += o.amount_fen;
    }
}

fn opt_add(a: &mut Option<i64>, b: Option<i64>) {
    if let Some(b) = b {
        *a = Some(a.unwrap_or(0) + b);
    }
}

/// 事前评估.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExanteFigures {
    pub assessed: i64,
    pub support: i64,
    pub support_after_revision: i64,
    pub not_support: i64,
    /// Assessed by a 第三方机构.
    pub by_third_party: i64,
    /// 申报金额, 分.
    pub declared_fen: i64,
    /// 审定金额, 分.
    pub approved_fen: i64,
    /// 审减额 = 申报 − 审定, 分.
    pub reduction_fen: i64,
    /// 审减率 = 审减额 ÷ 申报, bp.
    pub reduction_rate_bp: i64,
}

impl Figures for ExanteFigures {
    fn add(&mut self, o: &Self) {
        self.assessed += o.assessed;
        self.support += o.support;
        self.support_after_revision += o.support_after_revision;
        self.not_support += o.not_support;
        self.by_third_party += o.by_third_party;
        self.declared_fen += o.declared_fen;
        self.approved_fen += o.approved_fen;
    }
    fn finish(&mut self) {
        self.reduction_fen = self.declared_fen - self.approved_fen;
        self.reduction_rate_bp = rate_bp(self.reduction_fen, self.declared_fen).unwrap_or(0);
    }
}

/// 绩效目标.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TargetFigures {
    /// 预算项目 of the year.
    pub projects: i64,
    /// Their 调整后预算数, 分.
    pub projects_budget_fen: i64,
    /// Projects whose target is approved (二下).
    pub projects_approved: i64,
    pub projects_approved_budget_fen: i64,
    /// projects_approved ÷ projects, bp.
    pub project_coverage_bp: i64,
    /// 主管部门 / 预算单位 / 乡镇 (county only).
    pub units: Option<i64>,
    /// Units whose 部门整体 target is approved (county only).
    pub units_approved: Option<i64>,
    /// units_approved ÷ units, bp (county only).
    pub unit_coverage_bp: Option<i64>,
    /// 三级指标 of the current targets.
    pub indicators: i64,
    pub quantitative_indicators: i64,
    /// 量化率 = quantitative ÷ indicators, bp.
    pub quantification_rate_bp: i64,
    /// The rule set's 量化率 floor and the units below it (county only).
    pub quantification_floor_bp: Option<i64>,
    pub units_below_floor: Option<i64>,
    /// 核减 recorded at review on the approved targets, 分.
    pub review_reduction_fen: i64,
}

impl Figures for TargetFigures {
    fn add(&mut self, o: &Self) {
        self.projects += o.projects;
        self.projects_budget_fen += o.projects_budget_fen;
        self.projects_approved += o.projects_approved;
        self.projects_approved_budget_fen += o.projects_approved_budget_fen;
        self.indicators += o.indicators;
        self.quantitative_indicators += o.quantitative_indicators;
        self.review_reduction_fen += o.review_reduction_fen;
        opt_add(&mut self.units, o.units);
        opt_add(&mut self.units_approved, o.units_approved);
    }
    fn finish(&mut self) {
        self.project_coverage_bp = rate_bp(self.projects_approved, self.projects).unwrap_or(0);
        self.unit_coverage_bp = self
            .units
            .zip(self.units_approved)
            .map(|(u, a)| rate_bp(a, u).unwrap_or(0));
        self.quantification_rate_bp =
            rate_bp(self.quantitative_indicators, self.indicators).unwrap_or(0);
    }
}

/// 财政处理 by kind (all rounds of the year).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ActionFigures {
    /// 调减预算.
    pub cut_budget: CountAmount,
    /// 收回资金.
    pub recovered: CountAmount,
    /// 核销.
    pub written_off: CountAmount,
    /// 暂缓拨付.
    pub suspended: CountAmount,
    /// All four kinds.
    pub total: CountAmount,
}

impl ActionFigures {
    pub(crate) fn slot(&mut self, kind: &str) -> Option<&mut CountAmount> {
        match kind {
            "调减预算" => Some(&mut self.cut_budget),
            "收回资金" => Some(&mut self.recovered),
            "核销" => Some(&mut self.written_off),
            "暂缓拨付" => Some(&mut self.suspended),
            _ => None,
        }
    }
    fn sum(&self) -> CountAmount {
        let mut t = CountAmount::default();
        for s in [
            &self.cut_budget,
            &self.recovered,
            &self.written_off,
            &self.suspended,
        ] {
            t.add(s);
        }
        t
    }
}

/// 运行监控. Rates and lights are those of the year's latest round (the highest 截止月份).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MonitoringFigures {
    /// Rounds opened in the year (county only).
    pub rounds: Option<i64>,
    /// 截止月份 of the latest round (county only; None without a round).
    pub latest_cutoff_month: Option<i64>,
    /// Distinct projects with a 监控情况表 in any round.
    pub projects_monitored: i64,
    /// 监控情况表 over all rounds (projects and 部门整体).
    pub sheets: i64,
    /// Latest round: Σ全年预算数 and Σ执行数, 分.
    pub budget_fen: i64,
    pub executed_fen: i64,
    /// 执行率 = executed ÷ budget, bp.
    pub execution_rate_bp: i64,
    /// 完成率: the sheets' completion weighted by budget, bp.
    pub completion_rate_bp: i64,
    /// 偏差度 = |完成率 − 执行率|, bp.
    pub deviation_bp: i64,
    pub red: i64,
    pub yellow: i64,
    pub green: i64,
    pub actions: ActionFigures,
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) completion_weighted: i128,
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) completion_weights: i128,
}

impl Figures for MonitoringFigures {
    fn add(&mut self, o: &Self) {
        opt_add(&mut self.rounds, o.rounds);
        self.projects_monitored += o.projects_monitored;
        self.sheets += o.sheets;
        self.budget_fen += o.budget_fen;
        self.executed_fen += o.executed_fen;
        self.red += o.red;
        self.yellow += o.yellow;
        self.green += o.green;
        self.actions.cut_budget.add(&o.actions.cut_budget);
        self.actions.recovered.add(&o.actions.recovered);
        self.actions.written_off.add(&o.actions.written_off);
        self.actions.suspended.add(&o.actions.suspended);
        self.completion_weighted += o.completion_weighted;
        self.completion_weights += o.completion_weights;
    }
    fn finish(&mut self) {
        self.execution_rate_bp = rate_bp(self.executed_fen, self.budget_fen).unwrap_or(0);
        self.completion_rate_bp =
            div_half_up(self.completion_weighted, self.completion_weights).unwrap_or(0);
        self.deviation_bp = (self.completion_rate_bp - self.execution_rate_bp).abs();
        self.actions.total = self.actions.sum();
    }
}

/// 重点评价 by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KeyKinds {
    pub project: CountAmount,
    pub department: CountAmount,
    pub policy: CountAmount,
    pub township: CountAmount,
}

impl KeyKinds {
    pub(crate) fn slot(&mut self, kind: &str) -> Option<&mut CountAmount> {
        match kind {
            "项目" => Some(&mut self.project),
            "部门整体" => Some(&mut self.department),
            "政策" => Some(&mut self.policy),
            "乡镇" => Some(&mut self.township),
            _ => None,
        }
    }
}

/// 绩效评价: 单位自评, 抽查复核, 重点评价, 第三方.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EvaluationFigures {
    /// Approved targets of the year (each needs a 自评).
    pub self_required: i64,
    pub self_submitted: i64,
    /// submitted ÷ required, bp.
    pub self_coverage_bp: i64,
    /// Units with a required 自评 / with at least one submitted / with all submitted (county only).
    pub self_units_required: Option<i64>,
    pub self_units_submitted: Option<i64>,
    pub self_units_complete: Option<i64>,
    pub self_grades: GradeMix,
    /// Of the submitted 自评: Σ全年预算数, Σ全年执行数 (分) and 执行率 (bp).
    pub self_budget_fen: i64,
    pub self_executed_fen: i64,
    pub self_execution_bp: i64,
    /// 目标完成率: Σ得分 ÷ Σ applicable 分值, bp.
    pub self_completion_bp: i64,
    /// |完成率 − 执行率|, bp.
    pub self_deviation_bp: i64,
    /// 抽查复核 of the current draw (county only): base, drawn, drawn ÷ base (bp), reviewed,
    /// reviews whose gap is over the line.
    pub spot_base: Option<i64>,
    pub spot_drawn: Option<i64>,
    pub spot_share_bp: Option<i64>,
    pub spot_reviewed: Option<i64>,
    pub spot_flagged: Option<i64>,
    /// 重点评价 of the year: all, by kind (count, amount 分), grades of the 定稿 ones.
    pub key_count: i64,
    pub key_amount_fen: i64,
    pub key_by_kind: KeyKinds,
    pub key_grades: GradeMix,
    /// 发现的问题 recorded on the key evaluations.
    pub key_findings: i64,
    /// 第三方机构 engagements of the year's key evaluations, fees (分), distinct agencies
    /// (county only).
    pub third_party_engagements: i64,
    pub third_party_fee_fen: i64,
    pub third_party_agencies: Option<i64>,
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) self_scores: i64,
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) self_weights: i64,
}

impl Figures for EvaluationFigures {
    fn add(&mut self, o: &Self) {
        self.self_required += o.self_required;
        self.self_submitted += o.self_submitted;
        self.self_grades.add(&o.self_grades);
        self.self_budget_fen += o.self_budget_fen;
        self.self_executed_fen += o.self_executed_fen;
        self.self_scores += o.self_scores;
        self.self_weights += o.self_weights;
        self.key_count += o.key_count;
        self.key_amount_fen += o.key_amount_fen;
        self.key_by_kind.project.add(&o.key_by_kind.project);
        self.key_by_kind.department.add(&o.key_by_kind.department);
        self.key_by_kind.policy.add(&o.key_by_kind.policy);
        self.key_by_kind.township.add(&o.key_by_kind.township);
        self.key_grades.add(&o.key_grades);
        self.key_findings += o.key_findings;
        self.third_party_engagements += o.third_party_engagements;
        self.third_party_fee_fen += o.third_party_fee_fen;
    }
    fn finish(&mut self) {
        self.self_coverage_bp = rate_bp(self.self_submitted, self.self_required).unwrap_or(0);
        self.self_execution_bp = rate_bp(self.self_executed_fen, self.self_budget_fen).unwrap_or(0);
        self.self_completion_bp = rate_bp(self.self_scores, self.self_weights).unwrap_or(0);
        self.self_deviation_bp = (self.self_completion_bp - self.self_execution_bp).abs();
    }
}

/// Issued documents per 文种.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DocumentCounts {
    pub feedback_letter: i64,
    pub rectification_notice: i64,
    pub management_opinion: i64,
    pub monitoring_feedback: i64,
    pub exante_opinion: i64,
    /// All issued documents (the five 文种).
    pub issued: i64,
    pub drafts: i64,
}

impl DocumentCounts {
    pub(crate) fn slot(&mut self, doc_type: &str, issued: bool) -> Option<&mut i64> {
        if !issued {
            return Some(&mut self.drafts);
        }
        match doc_type {
            "反馈意见函" => Some(&mut self.feedback_letter),
            "整改通知书" => Some(&mut self.rectification_notice),
            "绩效管理意见书" => Some(&mut self.management_opinion),
            "监控结果反馈书" => Some(&mut self.monitoring_feedback),
            "事前评估意见" => Some(&mut self.exante_opinion),
            _ => None,
        }
    }
    fn sum(&self) -> i64 {
        self.feedback_letter
            + self.rectification_notice
            + self.management_opinion
            + self.monitoring_feedback
            + self.exante_opinion
    }
}

/// 预算挂钩 decisions by 挂钩方式.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LinkageMix {
    pub priority: i64,
    pub as_needed: i64,
    pub cut: i64,
    pub paused: i64,
    pub cancelled: i64,
}

/// 结果应用.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ResultFigures {
    pub documents: DocumentCounts,
    /// 整改: not 销号 / overdue (deadline passed, not 已核实 or 销号) / 销号.
    pub rect_open: i64,
    pub rect_overdue: i64,
    pub rect_closed: i64,
    /// 预算挂钩: decisions per action and the 压减 amount (分).
    pub linkage: LinkageMix,
    pub linkage_cut_fen: i64,
    /// 公开 of targets and evaluation reports (county only), with the reasons of those not public.
    pub disclosed: Option<i64>,
    pub not_disclosed: Option<i64>,
    pub not_disclosed_reasons: Vec<String>,
    /// 成本分析压减 (分): the 建议压减额 of the year's cost analysis under the adopted
    /// 成本定额标准 (`crate::cost::year_cuts_by_budget_type`).
    pub cost_cut_fen: i64,
}

impl Figures for ResultFigures {
    fn add(&mut self, o: &Self) {
        let d = &mut self.documents;
        d.feedback_letter += o.documents.feedback_letter;
        d.rectification_notice += o.documents.rectification_notice;
        d.management_opinion += o.documents.management_opinion;
        d.monitoring_feedback += o.documents.monitoring_feedback;
        d.exante_opinion += o.documents.exante_opinion;
        d.drafts += o.documents.drafts;
        self.rect_open += o.rect_open;
        self.rect_overdue += o.rect_overdue;
        self.rect_closed += o.rect_closed;
        let l = &mut self.linkage;
        l.priority += o.linkage.priority;
        l.as_needed += o.linkage.as_needed;
        l.cut += o.linkage.cut;
        l.paused += o.linkage.paused;
        l.cancelled += o.linkage.cancelled;
        self.linkage_cut_fen += o.linkage_cut_fen;
        self.cost_cut_fen += o.cost_cut_fen;
    }
    fn finish(&mut self) {
        self.documents.issued = self.documents.sum();
    }
}
