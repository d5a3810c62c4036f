//! The Chinese names of audit actions (动作) and objects (对象) — the one mapping used by the
//! 操作日志 screen, `jixiao-cli audit` and the .xlsx export.
//!
//! An object is a table name; tables that the exchange syncs fall back to their label in
//! `sync::tables`. A code already in Chinese (「导入数据包」) is its own name. A test runs the demo
//! county and scans `crates/core/src` for `.audit(` calls: every action and object written must
//! have a name here.

/// `action` code → 动作. Includes the account actions (登录 …) the accounts work writes.
pub const ACTIONS: &[(&str, &str)] = &[
    ("create", "新增"),
    ("update", "修改"),
    ("delete", "删除"),
    ("move", "移动"),
    ("import", "导入"),
    ("export", "导出"),
    ("install", "载入"),
    ("submit", "提交"),
    ("approve", "审核通过"),
    ("return", "退回"),
    ("adjust", "申请调整"),
    ("advance", "推进"),
    ("review", "复核"),
    ("close", "关闭"),
    ("issue", "印发"),
    ("void", "作废"),
    ("restore", "恢复备份"),
    ("enrol", "发放入网文件"),
    ("join", "入网加入"),
    ("revoke", "注销入网"),
    ("login", "登录"),
    ("logout", "退出登录"),
    ("login_failed", "登录失败"),
    ("lockout", "锁定账号"),
    ("unlock", "解锁"),
    ("refuse", "拒绝操作"),
    ("passwd", "修改密码"),
    ("reset_password", "重置密码"),
    ("enable", "启用"),
    ("disable", "停用"),
    ("set_password", "设置密码"),
    ("recover", "恢复码重设密码"),
    ("recover_failed", "找回密码失败"),
    ("finalize", "定稿"),
    ("dismiss", "排除疑点"),
    ("rectify", "转为整改"),
    ("adopt", "采用"),
];

/// `entity` code → 对象, for objects that are not synced tables (or named differently here).
pub const ENTITIES: &[(&str, &str)] = &[
    ("org_unit", "单位"),
    ("project", "预算项目"),
    ("fiscal_year", "预算年度"),
    ("rule_set", "规则设置"),
    ("exante_assessment", "事前绩效评估"),
    ("exante_designation", "事前评估范围"),
    ("operator", "操作员"),
    ("library", "指标库"),
    ("perf_target", "绩效目标"),
    ("monitor_round", "监控轮次"),
    ("monitor_task", "监控情况表"),
    ("monitor_action", "纠偏措施"),
    ("self_eval", "单位自评"),
    ("spot_check_draw", "抽查抽取"),
    ("spot_check", "抽查复核"),
    ("key_eval", "重点评价"),
    ("key_eval_item", "重点评价评分"),
    ("key_eval_finding", "重点评价问题"),
    ("agency", "第三方机构"),
    ("agency_relation", "机构关联关系"),
    ("engagement", "委托评价"),
    ("engagement_review", "委托质量考核"),
    ("document", "公文"),
    ("doc_number", "文号"),
    ("rectification", "整改事项"),
    ("budget_linkage", "预算挂钩"),
    ("disclosure", "绩效信息公开"),
    ("local_setting", "本机设置"),
    ("database", "数据库"),
    ("sync_local", "本机身份"),
    ("sync_package", "数据包"),
    ("sync_enrolment", "入网登记"),
    ("sync_conflict", "数据冲突"),
    ("account", "账号"),
    ("role", "角色"),
    ("session", "登录"),
    ("site", "站点"),
    ("access", "权限"),
    ("security_settings", "安全设置"),
    ("assess_sheet", "绩效管理工作考核"),
    ("assess_hand", "考核手工评分"),
    ("assess_rule_set", "考核规则"),
    ("review_risk", "疑点"),
    ("font", "公文字体"),
    ("cost_field", "成本领域"),
    ("cost_item", "成本测算"),
    ("cost_standard", "成本定额标准"),
];

fn lookup(table: &[(&'static str, &'static str)], code: &str) -> Option<&'static str> {
    table.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// Whether a code is already written in Chinese (it is then its own name).
fn is_chinese(code: &str) -> bool {
    !code.is_empty() && !code.is_ascii()
}

/// The Chinese name of an action, None when the mapping lacks it.
pub fn action_label_opt(code: &str) -> Option<&str> {
    lookup(ACTIONS, code).or_else(|| is_chinese(code).then_some(code))
}

/// The Chinese name of an object (table), None when the mapping lacks it.
pub fn entity_label_opt(code: &str) -> Option<&str> {
    lookup(ENTITIES, code)
        .or_else(|| crate::sync::tables::find(code).map(|t| t.label))
        .or_else(|| is_chinese(code).then_some(code))
}

/// 动作 of `code`; the code itself when unknown (never an empty cell).
pub fn action_label(code: &str) -> &str {
    action_label_opt(code).unwrap_or(code)
}

/// 对象 of `code`; the code itself when unknown.
pub fn entity_label(code: &str) -> &str {
    entity_label_opt(code).unwrap_or(code)
}

/// A filter value back to its code: 「退回」 → `return`; a code stays itself.
pub fn action_code(text: &str) -> &str {
    ACTIONS
        .iter()
        .find(|(_, l)| *l == text)
        .map_or(text, |(c, _)| *c)
}

/// 「绩效目标」 → `perf_target`; a code stays itself.
pub fn entity_code(text: &str) -> &str {
    if let Some((c, _)) = ENTITIES.iter().find(|(_, l)| *l == text) {
        return c;
    }
    crate::sync::tables::SYNC_TABLES
        .iter()
        .find(|t| t.label == text)
        .map_or(text, |t| t.name)
}
