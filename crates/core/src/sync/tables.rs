//! Which tables travel between PCs, who may send them, how a row finds its unit (to send a unit
//! only its own data), and the change triggers that stamp a version on every local change.
//!
//! The triggers are generated from each table's live column list at open, so a later migration
//! that adds a column gets fresh triggers without anyone remembering to write them.

use crate::Result;
use rusqlite::{Connection, OptionalExtension};

/// Who may send a table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// Reference data and decisions: only the 财政局 sends them.
    Bureau,
    /// A unit's own work (targets, monitoring, self-evaluation, 整改 feedback): both sides send.
    Shared,
}

/// How a row finds the unit it belongs to.
#[derive(Debug, Clone, Copy)]
pub enum UnitOf {
    /// Not unit data: sent to every destination.
    Everyone,
    /// The row's own column.
    Column(&'static str),
    /// Through a parent row: (foreign-key column, parent table).
    Via(&'static str, &'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct SyncTable {
    pub name: &'static str,
    pub label: &'static str,
    pub owner: Owner,
    pub unit_of: UnitOf,
}

const fn t(name: &'static str, label: &'static str, owner: Owner, unit_of: UnitOf) -> SyncTable {
    SyncTable {
        name,
        label,
        owner,
        unit_of,
    }
}

use Owner::{Bureau, Shared};
use UnitOf::{Column, Everyone, Via};

/// Every synced table, parents before children.
pub const SYNC_TABLES: &[SyncTable] = &[
    t("fiscal_year", "预算年度", Bureau, Everyone),
    t("org_unit", "单位", Bureau, Everyone),
    t("rule_set", "规则设置", Bureau, Everyone),
    t("indicator_category", "指标库分类", Bureau, Everyone),
    t("library_indicator", "指标库指标", Bureau, Everyone),
    t("library_case", "指标库案例", Bureau, Everyone),
    t("library_case_indicator", "案例指标", Bureau, Everyone),
    t("project", "预算项目", Bureau, Column("unit_id")),
    t(
        "exante_designation",
        "事前评估范围",
        Bureau,
        Via("project_id", "project"),
    ),
    t(
        "exante_assessment",
        "事前绩效评估",
        Bureau,
        Via("project_id", "project"),
    ),
    t("perf_target", "绩效目标", Shared, Column("unit_id")),
    t(
        "target_indicator",
        "绩效指标",
        Shared,
        Via("target_id", "perf_target"),
    ),
    t(
        "target_submission",
        "目标报送记录",
        Shared,
        Via("target_id", "perf_target"),
    ),
    t(
        "target_comment",
        "审核意见",
        Shared,
        Via("target_id", "perf_target"),
    ),
    t("monitor_round", "监控轮次", Bureau, Everyone),
    t("monitor_task", "监控情况表", Shared, Column("unit_id")),
    t(
        "monitor_indicator",
        "监控指标",
        Shared,
        Via("task_id", "monitor_task"),
    ),
    t(
        "monitor_action",
        "纠偏措施",
        Shared,
        Via("task_id", "monitor_task"),
    ),
    t("self_eval", "单位自评", Shared, Column("unit_id")),
    t(
        "self_eval_item",
        "自评指标",
        Shared,
        Via("self_eval_id", "self_eval"),
    ),
    t("spot_check_draw", "抽查抽取", Bureau, Everyone),
    t(
        "spot_check",
        "抽查复核",
        Bureau,
        Via("self_eval_id", "self_eval"),
    ),
    t(
        "spot_check_item",
        "复核指标",
        Bureau,
        Via("spot_check_id", "spot_check"),
    ),
    t("key_eval", "重点评价", Bureau, Column("unit_id")),
    t(
        "key_eval_item",
        "重点评价评分",
        Bureau,
        Via("key_eval_id", "key_eval"),
    ),
    t(
        "key_eval_finding",
        "重点评价问题",
        Bureau,
        Via("key_eval_id", "key_eval"),
    ),
    t("agency", "第三方机构", Bureau, Everyone),
    t("agency_relation", "机构关联关系", Bureau, Everyone),
    t(
        "engagement",
        "委托评价",
        Bureau,
        Via("key_eval_id", "key_eval"),
    ),
    t(
        "engagement_review",
        "委托质量考核",
        Bureau,
        Via("engagement_id", "engagement"),
    ),
    t("document", "公文", Bureau, Column("unit_id")),
    t(
        "doc_number",
        "发文登记",
        Bureau,
        Via("document_id", "document"),
    ),
    t("rectification", "整改事项", Shared, Column("unit_id")),
    t(
        "rectification_evidence",
        "佐证材料",
        Shared,
        Via("rectification_id", "rectification"),
    ),
    t("budget_linkage", "预算挂钩", Bureau, Column("unit_id")),
    t("disclosure", "公开", Bureau, Everyone),
    t("assess_rule_set", "考核规则", Bureau, Everyone),
    t("assess_sheet", "绩效管理工作考核", Bureau, Everyone),
    t("assess_hand", "考核手工评分", Bureau, Column("unit_id")),
    t(
        "review_risk_decision",
        "疑点处理",
        Bureau,
        Column("unit_id"),
    ),
    t("annual_report", "年度工作报告", Bureau, Everyone),
    t("policy", "政策", Bureau, Column("dept_unit_id")),
    t(
        "policy_project",
        "政策关联项目",
        Bureau,
        Via("policy_id", "policy"),
    ),
    t(
        "policy_assessment",
        "政策事前评估",
        Bureau,
        Via("policy_id", "policy"),
    ),
    t(
        "cycle_decision",
        "全周期调整决定",
        Bureau,
        Column("unit_id"),
    ),
    t("cost_field", "成本领域", Bureau, Everyone),
    t(
        "cost_item",
        "成本测算",
        Bureau,
        Via("project_id", "project"),
    ),
    t("cost_standard", "成本定额标准", Bureau, Everyone),
];

/// Tables of this PC only: never sent, never overwritten by a package.
pub const LOCAL_ONLY: &[&str] = &[
    "local_setting",
    "audit_log",
    "operator",
    "account",
    "sync_local",
    "sync_row",
    "sync_peer",
    "sync_package",
    "sync_conflict",
    "sync_key",
    "sync_enrolment",
    "search_key",
    "search_index",
    "search_index_data",
    "search_index_idx",
    "search_index_content",
    "search_index_docsize",
    "search_index_config",
];

pub fn find(name: &str) -> Option<&'static SyncTable> {
    SYNC_TABLES.iter().find(|t| t.name == name)
}

/// A table's primary key and columns, as SQLite reports them.
#[derive(Debug, Clone)]
pub struct Columns {
    pub table: String,
    pub pk: String,
    pub cols: Vec<String>,
}

/// The columns of every synced table, read once per exchange.
pub type Schema = std::collections::HashMap<&'static str, Columns>;

pub fn schema(c: &Connection) -> Result<Schema> {
    SYNC_TABLES
        .iter()
        .map(|t| {
            let (pk, cols) = columns(c, t.name)?;
            Ok((
                t.name,
                Columns {
                    table: t.name.to_string(),
                    pk,
                    cols,
                },
            ))
        })
        .collect()
}

/// The (primary key, columns) of a table, as SQLite reports them.
pub fn columns(c: &Connection, table: &str) -> Result<(String, Vec<String>)> {
    let mut pk = String::new();
    let mut cols = Vec::new();
    let mut stmt = c.prepare(&format!("PRAGMA table_info(\"{table}\")"))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(5)?)))?;
    for row in rows {
        let (name, is_pk) = row?;
        if is_pk == 1 {
            pk = name.clone();
        }
        cols.push(name);
    }
    Ok((pk, cols))
}

/// The BLOB columns of a table (kept out of the merge base).
pub fn blob_columns(c: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = c.prepare(&format!("PRAGMA table_info(\"{table}\")"))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (name, ty) = row?;
        if ty.eq_ignore_ascii_case("BLOB") {
            out.push(name);
        }
    }
    Ok(out)
}

/// The unit a row belongs to (None: not unit data, or the row is gone).
pub fn unit_of_row(
    c: &Connection,
    schema: &Schema,
    table: &SyncTable,
    pk: &str,
) -> Result<Option<String>> {
    let pk_col = schema.get(table.name).map_or("id", |c| c.pk.as_str());
    match table.unit_of {
        UnitOf::Everyone => Ok(None),
        UnitOf::Column(col) => Ok(c
            .prepare_cached(&format!(
                "SELECT {col} FROM {} WHERE {pk_col} = ?1",
                table.name
            ))?
            .query_row([pk], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten()),
        UnitOf::Via(fk, parent) => {
            let parent_pk: Option<String> = c
                .prepare_cached(&format!(
                    "SELECT {fk} FROM {} WHERE {pk_col} = ?1",
                    table.name
                ))?
                .query_row([pk], |r| r.get(0))
                .optional()?
                .flatten();
            match (parent_pk, find(parent)) {
                (Some(id), Some(p)) => unit_of_row(c, schema, p, &id),
                _ => Ok(None),
            }
        }
    }
}

const APPLYING: &str = "COALESCE((SELECT applying FROM sync_local WHERE id = 1), 0) = 0";

fn trigger_sql(table: &str, pk: &str, cols: &[String], blobs: &[String], op: &str) -> String {
    let (event, row, deleted) = match op {
        "ins" => ("INSERT", "NEW", 0),
        "upd" => ("UPDATE", "NEW", 0),
        _ => ("DELETE", "OLD", 1),
    };
    // An UPDATE that changes nothing but updated_at is a touch, not a new version: stamping it
    // would make two PCs that merely re-saved the same row look like a conflict.
    let changed = if op == "upd" {
        let diffs: Vec<String> = cols
            .iter()
            .filter(|c| c.as_str() != "updated_at")
            .map(|c| format!("OLD.{c} IS NOT NEW.{c}"))
            .collect();
        format!(" AND ({})", diffs.join(" OR "))
    } else {
        String::new()
    };
    // The first local edit after a shared version keeps that version's image (the common
    // ancestor for a field-by-field merge); BLOB columns can't go into JSON and are left out.
    let base = if op == "upd" {
        let pairs: Vec<String> = cols
            .iter()
            .filter(|c| !blobs.contains(c))
            .map(|c| format!("'{c}', OLD.{c}"))
            .collect();
        format!(
            ",\n    base_ver = CASE WHEN shared = 1 THEN ver ELSE base_ver END,\n    base_json = CASE WHEN shared = 1 THEN json_object({}) ELSE base_json END",
            pairs.join(", ")
        )
    } else {
        String::new()
    };
    format!(
        "CREATE TRIGGER sync_{op}_{table} AFTER {event} ON {table}
WHEN {APPLYING}{changed}
BEGIN
  INSERT INTO sync_row (tbl, pk, ver, hist, seq, origin, deleted, shared)
  VALUES ('{table}', {row}.{pk}, lower(hex(randomblob(8))), '[]',
          (SELECT COALESCE(MAX(seq), 0) + 1 FROM sync_row),
          COALESCE((SELECT site_id FROM sync_local WHERE id = 1), ''), {deleted}, 0)
  ON CONFLICT (tbl, pk) DO UPDATE SET
    hist = CASE WHEN shared = 0 THEN hist
                ELSE json_insert(CASE WHEN json_array_length(hist) >= 32
                                      THEN json_remove(hist, '$[0]') ELSE hist END, '$[#]', ver)
           END,
    ver = excluded.ver, seq = excluded.seq, origin = excluded.origin, deleted = {deleted},
    shared = 0{base};
END"
    )
}

/// Creates (or refreshes, when a table's columns changed) the change triggers of every synced
/// table. A table that had no triggers yet has its existing rows recorded as the common base
/// (version "0", seq 0): two PCs that start from the same file agree on them.
pub fn install_triggers(c: &Connection) -> Result<()> {
    for table in SYNC_TABLES {
        let (pk, cols) = columns(c, table.name)?;
        let blobs = blob_columns(c, table.name)?;
        let mut fresh = true;
        for op in ["ins", "upd", "del"] {
            let name = format!("sync_{op}_{}", table.name);
            let want = trigger_sql(table.name, &pk, &cols, &blobs, op);
            let have: Option<String> = c
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                    [&name],
                    |r| r.get(0),
                )
                .optional()?;
            match have {
                Some(sql) if sql == want => fresh = false,
                Some(_) => {
                    fresh = false;
                    c.execute_batch(&format!("DROP TRIGGER {name}; {want};"))?;
                }
                None => c.execute_batch(&format!("{want};"))?,
            }
        }
        if fresh {
            c.execute(
                &format!(
                    "INSERT OR IGNORE INTO sync_row (tbl, pk, ver, hist, seq, origin, deleted, shared)
                     SELECT '{0}', {pk}, '0', '[]', 0, '', 0, 1 FROM {0}",
                    table.name
                ),
                [],
            )?;
        }
    }
    Ok(())
}
