//! Project form / import validation. Every problem names its field in Chinese.

use super::{find_project_by_code, ProjectInput};
use crate::money::Fen;
use crate::org::{get_unit, UnitKind};
use crate::{Error, Result};
use rusqlite::Connection;

/// Amounts of a valid input, parsed to 分.
pub struct ValidProject {
    pub initial: Fen,
    pub adjusted: Fen,
}

/// Checks that need no database. Returns (field, reason) pairs; empty means fine.
pub fn check_project_fields(input: &ProjectInput) -> (Vec<(&'static str, String)>, Fen, Fen) {
    let mut bad = Vec::new();
    let code = input.code.trim();
    if code.is_empty() {
        bad.push(("项目编码", "不能为空".to_string()));
    } else if code.chars().count() > 40 || code.chars().any(char::is_whitespace) {
        bad.push(("项目编码", format!("『{code}』不能含空格，且不超过40位")));
    }
    let name = input.name.trim();
    if name.is_empty() {
        bad.push(("项目名称", "不能为空".to_string()));
    } else if name.chars().count() > 200 {
        bad.push(("项目名称", "不能超过200个字".to_string()));
    }
    if !(2000..=2100).contains(&input.fiscal_year) {
        bad.push((
            "预算年度",
            format!("{} 不是有效年度，请填写四位年份", input.fiscal_year),
        ));
    }
    if input.period_end < input.period_start {
        bad.push((
            "实施期止",
            format!(
                "{} 早于实施期起 {}，请检查实施期",
                input.period_end, input.period_start
            ),
        ));
    } else if !(input.period_start..=input.period_end).contains(&input.fiscal_year) {
        bad.push((
            "实施期起",
            format!(
                "实施期 {}–{} 不包含预算年度 {}",
                input.period_start, input.period_end, input.fiscal_year
            ),
        ));
    }
    let mut amount = |field: &'static str, text: &str| match Fen::parse_wan(text) {
        Ok(f) if f.0 < 0 => {
            bad.push((field, "不能为负数".to_string()));
            Fen(0)
        }
        Ok(f) => f,
        Err(e) => {
            bad.push((field, e));
            Fen(0)
        }
    };
    let initial = amount("年初预算数（万元）", &input.initial_budget_wan);
    // 调整后预算数 left empty = 年初预算数 (no adjustment yet) — the same in the dialog and the
    // import, decided here.
    let adjusted = if input.adjusted_budget_wan.trim().is_empty() {
        initial
    } else {
        amount("调整后预算数（万元）", &input.adjusted_budget_wan)
    };
    if input.fund_source.trim().chars().count() > 50 {
        bad.push(("资金来源", "不能超过50个字".to_string()));
    }
    (bad, initial, adjusted)
}

/// Full validation against the database (unit exists and may own projects, code unique in year).
pub fn validate_project(
    c: &Connection,
    input: &ProjectInput,
    self_id: Option<&str>,
) -> Result<ValidProject> {
    let (bad, initial, adjusted) = check_project_fields(input);
    if let Some((field, msg)) = bad.into_iter().next() {
        return Err(Error::invalid(field, msg));
    }
    let unit =
        get_unit(c, &input.unit_id).map_err(|_| Error::invalid("预算单位", "请选择预算单位"))?;
    if !unit.kind.owns_projects() {
        return Err(Error::invalid(
            "预算单位",
            format!(
                "『{}』是{}，不能承担预算项目，请选择预算单位、主管部门或乡镇",
                unit.name,
                unit.kind.label()
            ),
        ));
    }
    if let Some(dept) = &input.managing_dept_id {
        let d = get_unit(c, dept).map_err(|_| Error::invalid("主管科室", "所选科室不存在"))?;
        if d.kind != UnitKind::FinanceSection {
            return Err(Error::invalid(
                "主管科室",
                format!("『{}』不是财政局股室", d.name),
            ));
        }
    }
    if let Some(other) = find_project_by_code(c, input.fiscal_year, &input.code)? {
        if Some(other.id.as_str()) != self_id {
            return Err(Error::Conflict(format!(
                "{}年度已有项目编码『{}』（{}），请换一个编码",
                input.fiscal_year,
                input.code.trim(),
                other.name
            )));
        }
    }
    Ok(ValidProject { initial, adjusted })
}
