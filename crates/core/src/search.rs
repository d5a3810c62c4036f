//! 全局搜索 (Ctrl+K in the header): 项目 by code or name, 单位, 目标 (through their project or
//! unit), 文书 by 文号 or title, 整改事项 by their problem text — grouped, newest year first, an
//! exact code first. Served by the FTS5 index of migration 0015 (trigram tokenizer: any fragment
//! of three or more characters; one or two characters are matched with LIKE on the same index).
//! A 单位填报 account finds only its own unit subtree.

use crate::access::Actor;
use crate::review::{read_scope, scope_sql};
use crate::Result;
use rusqlite::{params_from_iter, types::Value, Connection};
use serde::Serialize;
use ts_rs::TS;

/// How many hits each group shows at most.
pub const PER_GROUP: usize = 8;

/// One thing found; `kind` says which screen opens it (项目 / 单位 / 目标 / 文书 / 整改).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SearchHit {
    pub kind: String,
    pub id: String,
    /// 项目编码, 单位编码, 文号 (empty for a draft or an 整改事项).
    pub code: String,
    pub title: String,
    /// A second line: unit, year, status.
    pub detail: String,
    pub fiscal_year: Option<i32>,
}

/// The hits of one kind, in the order the dialog shows the groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SearchGroup {
    pub kind: String,
    /// 项目 / 单位 / 绩效目标 / 文书 / 整改事项.
    pub label: String,
    pub hits: Vec<SearchHit>,
}

/// The match condition on `search_index` (alias `s`) for `text`, with its parameter.
fn matcher(text: &str) -> (String, Value) {
    if text.chars().count() >= 3 {
        // A quoted FTS5 string is matched as a substring by the trigram tokenizer.
        let phrase = format!("\"{}\"", text.replace('"', "\"\""));
        ("search_index MATCH ?1".into(), Value::Text(phrase))
    } else {
        let like = crate::listing::like_pattern(text);
        (
            "(s.code LIKE ?1 ESCAPE '\\' OR s.title LIKE ?1 ESCAPE '\\')".into(),
            Value::Text(like),
        )
    }
}

fn rows(c: &Connection, sql: &str, params: &[Value], kind: &str) -> Result<Vec<SearchHit>> {
    let mut stmt = c.prepare(sql)?;
    let hits = stmt
        .query_map(params_from_iter(params.iter()), |r| {
            Ok(SearchHit {
                kind: kind.into(),
                id: r.get(0)?,
                code: r.get(1)?,
                title: r.get(2)?,
                detail: r.get(3)?,
                fiscal_year: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(hits)
}

/// Searches everything the actor may read. Empty or blank text finds nothing.
pub fn search(c: &Connection, actor: &Actor, text: &str) -> Result<Vec<SearchGroup>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let text: String = text.chars().take(100).collect();
    let (cond, needle) = matcher(&text);
    let scope = read_scope(actor);
    // ?1 the match, ?2 the text (exact code first), ?3 the scope unit.
    let mut params = vec![needle, Value::Text(text.clone())];
    let scoped = |col: &str| match &scope {
        Some(_) => scope_sql(col, 3),
        None => String::new(),
    };
    if let Some(unit) = &scope {
        params.push(Value::Text(unit.clone()));
    }
    let limit = PER_GROUP;

    let projects = rows(
        c,
        &format!(
            "SELECT p.id, p.code, p.name, u.name || ' · ' || p.fiscal_year || '年度', p.fiscal_year
             FROM search_index s JOIN project p ON p.id = s.ref_id JOIN org_unit u ON u.id = p.unit_id
             WHERE s.kind = '项目' AND {cond}{}
             ORDER BY (p.code = ?2) DESC, p.fiscal_year DESC, p.code LIMIT {limit}",
            scoped("s.unit_id")
        ),
        &params,
        "项目",
    )?;
    let units = rows(
        c,
        &format!(
            "SELECT u.id, u.code, u.name, u.kind, NULL
             FROM search_index s JOIN org_unit u ON u.id = s.ref_id
             WHERE s.kind = '单位' AND {cond}{}
             ORDER BY (u.code = ?2) DESC, u.code LIMIT {limit}",
            scoped("s.unit_id")
        ),
        &params,
        "单位",
    )?;
    // 目标: the current version of every target whose project or (部门整体) unit matches.
    let targets = rows(
        c,
        &format!(
            "SELECT t.id, COALESCE(p.code, u.code),
                    CASE WHEN t.kind = '项目' THEN p.name ELSE u.name || ' 部门整体绩效目标' END,
                    t.fiscal_year || '年度 · ' || t.status, t.fiscal_year
             FROM search_index s
             JOIN perf_target t ON t.is_current = 1 AND t.deleted_at IS NULL AND (
                  (s.kind = '项目' AND t.kind = '项目' AND t.project_id = s.ref_id)
               OR (s.kind = '单位' AND t.kind = '部门整体' AND t.unit_id = s.ref_id))
             LEFT JOIN project p ON p.id = t.project_id
             JOIN org_unit u ON u.id = t.unit_id
             WHERE s.kind IN ('项目', '单位') AND {cond}{}
             ORDER BY (COALESCE(p.code, u.code) = ?2) DESC, t.fiscal_year DESC LIMIT {limit}",
            scoped("t.unit_id")
        ),
        &params,
        "目标",
    )?;
    let documents = rows(
        c,
        &format!(
            "SELECT d.id, s.code, d.title, d.doc_type || ' · ' || d.status, d.fiscal_year
             FROM search_index s JOIN document d ON d.id = s.ref_id
             WHERE s.kind = '文书' AND {cond}{}
             ORDER BY (s.code = ?2) DESC, d.fiscal_year DESC, d.doc_seq DESC LIMIT {limit}",
            scoped("s.unit_id")
        ),
        &params,
        "文书",
    )?;
    let rects = rows(
        c,
        &format!(
            "SELECT r.id, '', r.problem, u.name || ' · ' || r.status, r.fiscal_year
             FROM search_index s JOIN rectification r ON r.id = s.ref_id
             JOIN org_unit u ON u.id = r.unit_id
             WHERE s.kind = '整改' AND {cond}{}
             ORDER BY (r.problem = ?2) DESC, r.fiscal_year DESC, r.deadline LIMIT {limit}",
            scoped("s.unit_id")
        ),
        &params,
        "整改",
    )?;
    Ok([
        ("项目", "项目", projects),
        ("单位", "单位", units),
        ("目标", "绩效目标", targets),
        ("文书", "文书", documents),
        ("整改", "整改事项", rects),
    ]
    .into_iter()
    .filter(|(_, _, hits)| !hits.is_empty())
    .map(|(kind, label, hits)| SearchGroup {
        kind: kind.into(),
        label: label.into(),
        hits,
    })
    .collect())
}
