//! 公开: whether each 绩效目标 and evaluation report of a year is made public, and why not
//! (e.g. 涉密). Targets keep their own flag (`perf_target.is_public`, set through
//! `targets::set_public`); 定稿 重点评价 and submitted 单位自评 use the `disclosure` table, where
//! no row means 公开. The list covers the year's approved (latest 二下) targets and those reports.

use crate::access::Perm;
mod export;

pub use export::{export_disclosure, DISCLOSURE_HEADERS};

use crate::db::{new_id, WriteCtx};
use crate::evaluation::self_eval::APPROVED_TARGETS;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const SOURCE_TARGET: &str = "perf_target";
pub const SOURCE_KEY_EVAL: &str = "key_eval";
pub const SOURCE_SELF_EVAL: &str = "self_eval";

/// One object of the 公开 list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DisclosureRow {
    /// perf_target / key_eval / self_eval.
    pub source_kind: String,
    pub source_id: String,
    /// 绩效目标 / 重点评价报告 / 单位自评报告.
    pub kind_label: String,
    pub code: String,
    pub name: String,
    pub unit_name: String,
    pub is_public: bool,
    /// 不公开理由 ('' when public).
    pub reason: String,
}

/// The list of `year`: targets, then key evaluations, then self-evaluations, each by code.
pub fn list_disclosure(c: &Connection, year: i32) -> Result<Vec<DisclosureRow>> {
    let sql = format!(
        "SELECT 'perf_target', t.id, '绩效目标', COALESCE(p.code, u.code),
            COALESCE(p.name, u.name || '（部门整体）'), u.name, t.is_public, t.not_public_reason,
            1 AS ord
         FROM perf_target t JOIN org_unit u ON u.id = t.unit_id
         LEFT JOIN project p ON p.id = t.project_id WHERE {APPROVED_TARGETS}
         UNION ALL
         SELECT 'key_eval', k.id, '重点评价报告', COALESCE(p.code, ''), k.object_name,
            COALESCE(u.name, pu.name, ''), COALESCE(d.is_public, 1), COALESCE(d.reason, ''), 2
         FROM key_eval k LEFT JOIN project p ON p.id = k.project_id
         LEFT JOIN org_unit u ON u.id = k.unit_id LEFT JOIN org_unit pu ON pu.id = p.unit_id
         LEFT JOIN disclosure d ON d.source_kind = 'key_eval' AND d.source_id = k.id
           AND d.deleted_at IS NULL
         WHERE k.fiscal_year = ?1 AND k.status = '定稿' AND k.deleted_at IS NULL
         UNION ALL
         SELECT 'self_eval', s.id, '单位自评报告', COALESCE(p.code, u.code),
            COALESCE(p.name, u.name || '（部门整体）'), u.name, COALESCE(d.is_public, 1),
            COALESCE(d.reason, ''), 3
         FROM self_eval s JOIN org_unit u ON u.id = s.unit_id
         LEFT JOIN project p ON p.id = s.project_id
         LEFT JOIN disclosure d ON d.source_kind = 'self_eval' AND d.source_id = s.id
           AND d.deleted_at IS NULL
         WHERE s.fiscal_year = ?1 AND s.status = '已提交' AND s.deleted_at IS NULL
         ORDER BY 9, 4, 5, 2"
    );
    let mut st = c.prepare(&sql)?;
    let rows = st.query_map([year], |r| {
        Ok(DisclosureRow {
            source_kind: r.get(0)?,
            source_id: r.get(1)?,
            kind_label: r.get(2)?,
            code: r.get(3)?,
            name: r.get(4)?,
            unit_name: r.get(5)?,
            is_public: r.get(6)?,
            reason: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (public, not_public) over the list of `year`.
pub fn disclosure_counts(c: &Connection, year: i32) -> Result<(i64, i64)> {
    let rows = list_disclosure(c, year)?;
    let public = rows.iter().filter(|r| r.is_public).count() as i64;
    Ok((public, rows.len() as i64 - public))
}

/// Marks one target or report 公开 / 不公开; 不公开 needs a reason such as 涉密.
pub fn set_disclosure(
    ctx: &WriteCtx,
    source_kind: &str,
    source_id: &str,
    is_public: bool,
    reason: &str,
) -> Result<()> {
    ctx.require(Perm::Disclosure)?;
    let reason = reason.trim();
    if !is_public && reason.is_empty() {
        return Err(Error::invalid("不公开理由", "不公开须填写理由（如涉密）"));
    }
    if reason.chars().count() > 200 {
        return Err(Error::invalid("不公开理由", "不能超过200个字"));
    }
    let name: Option<String> = match source_kind {
        SOURCE_TARGET => {
            crate::targets::set_public(ctx, source_id, is_public, reason)?;
            return Ok(());
        }
        SOURCE_KEY_EVAL => ctx
            .query_row(
                "SELECT object_name FROM key_eval WHERE id = ?1 AND status = '定稿'
                   AND deleted_at IS NULL",
                [source_id],
                |r| r.get(0),
            )
            .optional()?,
        SOURCE_SELF_EVAL => ctx
            .query_row(
                "SELECT COALESCE(p.name, u.name || '（部门整体）') FROM self_eval s
                 JOIN org_unit u ON u.id = s.unit_id LEFT JOIN project p ON p.id = s.project_id
                 WHERE s.id = ?1 AND s.status = '已提交' AND s.deleted_at IS NULL",
                [source_id],
                |r| r.get(0),
            )
            .optional()?,
        _ => {
            return Err(Error::invalid(
                "公开对象",
                "只能是绩效目标、重点评价报告或单位自评报告",
            ))
        }
    };
    let name = name.ok_or_else(|| {
        Error::NotFound("找不到该评价报告（或尚未定稿/提交），请刷新后重试".into())
    })?;
    let before: Option<(String, bool, String)> = ctx
        .query_row(
            "SELECT id, is_public, reason FROM disclosure WHERE source_kind = ?1
               AND source_id = ?2 AND deleted_at IS NULL",
            params![source_kind, source_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let stored_reason = if is_public { "" } else { reason };
    let id = match &before {
        Some((id, _, _)) => {
            ctx.execute(
                "UPDATE disclosure SET is_public = ?2, reason = ?3, updated_at = ?4
                 WHERE id = ?1",
                params![id, is_public, stored_reason, ctx.now()],
            )?;
            id.clone()
        }
        None => {
            let id = new_id();
            ctx.execute(
                "INSERT INTO disclosure (id, source_kind, source_id, is_public, reason,
                    created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![
                    id,
                    source_kind,
                    source_id,
                    is_public,
                    stored_reason,
                    ctx.now()
                ],
            )?;
            id
        }
    };
    let json = |public: bool, reason: &str| {
        serde_json::json!({"source_kind": source_kind, "source_id": source_id,
            "is_public": public, "reason": reason})
    };
    let (was_public, was_reason) = before
        .as_ref()
        .map_or((true, ""), |(_, p, r)| (*p, r.as_str()));
    ctx.audit(
        if before.is_some() { "update" } else { "create" },
        "disclosure",
        Some(&id),
        &format!(
            "{}：{name}{}",
            if is_public {
                "设为公开"
            } else {
                "设为不公开"
            },
            if is_public {
                String::new()
            } else {
                format!("（{reason}）")
            }
        ),
        Some(&json(was_public, was_reason)),
        Some(&json(is_public, stored_reason)),
    )
}
