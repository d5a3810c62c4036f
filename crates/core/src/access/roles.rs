//! The permission table: which role may do what (角色与权限). This is the one place where
//! authority is written down; `WriteCtx::require*` and the UI's menu both read it.
//!
//! 三员分立: 系统管理员 and 安全审计员 hold no business permission and are never combined with a
//! business role. Permissions marked *bureau decisions* are refused on a 单位/乡镇 site whatever
//! the account ([`Perm::is_bureau_decision`]).

use crate::text_enum;

text_enum! {
    /// 角色.
    pub enum Role {
        SysAdmin = "系统管理员",
        Auditor = "安全审计员",
        PerfMgmt = "绩效管理",
        BizDept = "业务股室",
        UnitFiller = "单位填报",
        ReadOnly = "只读",
    }
}

text_enum! {
    /// 权限: one per kind of write (reads are open to every signed-in account except where noted).
    pub enum Perm {
        AccountsManage = "用户管理",
        SystemMaintain = "系统维护（备份、恢复、本机身份）",
        AuditRead = "查阅操作日志",
        BaseData = "基础数据（年度、单位）",
        ProjectsEdit = "项目管理",
        RulesEdit = "规则设置",
        LibraryEdit = "指标库维护",
        ExanteAssess = "事前绩效评估",
        TargetEdit = "绩效目标编制与提交",
        TargetReview = "绩效目标审核与批复",
        MonitorRounds = "监控轮次开启与关闭",
        MonitorFill = "监控情况表填报",
        MonitorReview = "监控审核与财政处理",
        SelfEvalStart = "发起年度自评",
        SelfEvalFill = "自评表填报",
        SelfEvalReview = "自评审核",
        SpotCheck = "抽查复核",
        KeyEval = "重点评价",
        Agency = "第三方机构管理",
        Documents = "文书与文号",
        RectFeedback = "整改反馈",
        RectManage = "整改台账与销号",
        Linkage = "预算挂钩",
        Disclosure = "信息公开",
        Exchange = "数据交换",
        Assess = "绩效管理工作考核",
        CostAnalysis = "成本预算绩效分析",
    }
}

/// How far a role's permission reaches (权限范围).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Every unit of the county.
    All,
    /// The account's own unit and its sub-units (单位填报).
    OwnUnit,
    /// Projects whose 主管股室 is the account's 股室, and those projects' units (业务股室);
    /// every unit when the account has no 股室.
    ManagedBy,
}

use Perm::*;

const PERF_MGMT: &[Perm] = &[
    BaseData,
    ProjectsEdit,
    RulesEdit,
    LibraryEdit,
    ExanteAssess,
    TargetEdit,
    TargetReview,
    MonitorRounds,
    MonitorFill,
    MonitorReview,
    SelfEvalStart,
    SelfEvalFill,
    SelfEvalReview,
    SpotCheck,
    KeyEval,
    Agency,
    Documents,
    RectFeedback,
    RectManage,
    Linkage,
    Disclosure,
    Exchange,
    Assess,
    CostAnalysis,
];
const BIZ_DEPT: &[Perm] = &[
    ProjectsEdit,
    TargetReview,
    MonitorReview,
    SelfEvalReview,
    Exchange,
];
const UNIT_FILLER: &[Perm] = &[
    TargetEdit,
    MonitorFill,
    SelfEvalFill,
    RectFeedback,
    Exchange,
];

impl Role {
    /// The permissions of this role.
    pub fn perms(self) -> &'static [Perm] {
        match self {
            Role::SysAdmin => &[AccountsManage, SystemMaintain],
            Role::Auditor => &[AuditRead],
            Role::PerfMgmt => PERF_MGMT,
            Role::BizDept => BIZ_DEPT,
            Role::UnitFiller => UNIT_FILLER,
            Role::ReadOnly => &[],
        }
    }

    pub fn reach(self) -> Reach {
        match self {
            Role::UnitFiller => Reach::OwnUnit,
            Role::BizDept => Reach::ManagedBy,
            _ => Reach::All,
        }
    }

    /// A business role (绩效管理, 业务股室, 单位填报, 只读) — never combined with 系统管理员 or
    /// 安全审计员.
    pub fn is_business(self) -> bool {
        !matches!(self, Role::SysAdmin | Role::Auditor)
    }

    /// Whether the role needs a unit: 单位填报 always (its scope), others never.
    pub fn needs_unit(self) -> bool {
        self == Role::UnitFiller
    }

    /// One line for the 用户管理 screen and the README.
    pub fn description(self) -> &'static str {
        match self {
            Role::SysAdmin => "账号、备份恢复、本机身份；不办理业务",
            Role::Auditor => "查阅并校验操作日志；不能修改任何数据",
            Role::PerfMgmt => {
                "绩效股：基础数据、规则、事前评估、目标批复、监控、评价、文书、整改销号、挂钩、公开"
            }
            Role::BizDept => "业务股室：维护项目，审核所分管部门的目标、监控和自评，可作A类复核人",
            Role::UnitFiller => {
                "单位/乡镇：只编制、填报并提交本单位（含下级）的目标、监控、自评和整改反馈"
            }
            Role::ReadOnly => "领导：查看所有页面，不能修改",
        }
    }
}

impl Perm {
    /// A decision of the 财政局: refused on a 单位/乡镇 PC whatever the account.
    pub fn is_bureau_decision(self) -> bool {
        !matches!(
            self,
            AccountsManage
                | SystemMaintain
                | AuditRead
                | TargetEdit
                | MonitorFill
                | SelfEvalFill
                | RectFeedback
                | Exchange
        )
    }
}

/// Checks that a set of roles may be held together: not empty, and 系统管理员 / 安全审计员 never
/// with another role (三员分立).
pub fn validate_roles(roles: &[Role]) -> crate::Result<()> {
    if roles.is_empty() {
        return Err(crate::Error::invalid("角色", "请至少选择一个角色"));
    }
    for r in [Role::SysAdmin, Role::Auditor] {
        if roles.contains(&r) && roles.len() > 1 {
            return Err(crate::Error::invalid(
                "角色",
                format!("『{}』不能与其他角色兼任（三员分立）", r.label()),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_and_auditor_hold_no_business_permission() {
        for p in Role::SysAdmin.perms().iter().chain(Role::Auditor.perms()) {
            assert!(!p.is_bureau_decision() || *p == AuditRead);
            assert!(!PERF_MGMT.contains(p));
        }
    }

    #[test]
    fn admin_with_a_business_role_is_refused() {
        assert!(validate_roles(&[Role::SysAdmin, Role::PerfMgmt]).is_err());
        assert!(validate_roles(&[Role::Auditor, Role::ReadOnly]).is_err());
        assert!(validate_roles(&[Role::BizDept, Role::PerfMgmt]).is_ok());
        assert!(validate_roles(&[]).is_err());
    }

    #[test]
    fn unit_filler_decides_nothing_for_the_bureau() {
        assert!(Role::UnitFiller
            .perms()
            .iter()
            .all(|p| !p.is_bureau_decision()));
        assert!(Role::ReadOnly.perms().is_empty());
    }
}
