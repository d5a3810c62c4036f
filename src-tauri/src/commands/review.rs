//! 智能审核 — target review findings, the 疑点清单 (dismiss / 转整改), 推荐指标 and the rule
//! catalog for 规则设置.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::results::rectification::RectRow;
use jixiao_core::review::{self, Finding, Risk, RiskDecision, RiskRectInput, Suggestion};
use jixiao_core::rules::{self, ReviewRuleInfo};
use tauri::State;

#[tauri::command(async)]
pub fn review_target(state: State<'_, AppState>, id: String) -> Result<Vec<Finding>, IpcError> {
    Ok(state.db()?.read(|c| review::review_target(c, &id))?)
}

#[tauri::command(async)]
pub fn review_year(state: State<'_, AppState>, year: i32) -> Result<Vec<Finding>, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.read(|c| review::review_year(c, &actor, year))?)
}

#[tauri::command(async)]
pub fn review_risks(state: State<'_, AppState>, year: i32) -> Result<Vec<Risk>, IpcError> {
    let actor = state.actor()?;
    let db = state.db()?;
    let today = db.clock().today();
    Ok(db.read(|c| review::risks(c, &actor, year, today))?)
}

#[tauri::command(async)]
pub fn review_risk_decisions(
    state: State<'_, AppState>,
    year: i32,
) -> Result<Vec<RiskDecision>, IpcError> {
    Ok(state.db()?.read(|c| review::risk_decisions(c, year))?)
}

#[tauri::command(async)]
pub fn review_risk_dismiss(
    state: State<'_, AppState>,
    year: i32,
    key: String,
    reason: String,
) -> Result<(), IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| review::dismiss_risk(ctx, year, &key, &reason))?)
}

#[tauri::command(async)]
pub fn review_risk_rectify(
    state: State<'_, AppState>,
    year: i32,
    key: String,
    input: RiskRectInput,
) -> Result<RectRow, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        review::risk_to_rectification(ctx, year, &key, &input)
    })?)
}

#[tauri::command(async)]
pub fn review_suggest(
    state: State<'_, AppState>,
    project: String,
    year: i32,
) -> Result<Vec<Suggestion>, IpcError> {
    Ok(state.db()?.read(|c| review::suggest(c, &project, year))?)
}

/// 引用次数 of the library's indicators in `year`: [library id, count] pairs.
#[tauri::command(async)]
pub fn review_library_uses(
    state: State<'_, AppState>,
    year: i32,
) -> Result<Vec<(String, i64)>, IpcError> {
    Ok(state.db()?.read(|c| review::library_uses(c, year))?)
}

#[tauri::command(async)]
pub fn review_rule_catalog() -> Vec<ReviewRuleInfo> {
    rules::review_rule_catalog()
}
