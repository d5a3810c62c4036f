//! What an import lets in, before and after applying: the package must not be this PC's own nor
//! addressed to another PC; a unit or township may send only what its own screens could have
//! written (checked row by row against [`RULES`]); and no applied row may point at data this PC
//! lacks. What admission read of each row (its stored image) also gives the 操作日志 the digest
//! of every row an import changed.
//!
//! A unit package is admitted only if EVERY row passes, checked against the stored rows before
//! anything is applied:
//! - the table is one a unit may write (`Owner::Shared`) and has a rule here;
//! - the unit of the incoming row AND of the stored row (for child tables through the parent:
//!   the parent's image in the same package, else the stored parent, recursively) is in the
//!   sender's unit subtree — so a row of another unit, a child of another unit's target, a row
//!   moved away and a deletion of another unit's row are all refused;
//! - no stored row is deleted (the app only voids rows; a tombstone from a unit is forged);
//! - only the columns the unit's own screens write change, the status only along the unit's
//!   own moves, and 自评 scores equal what the bureau's scoring code computes from the items.
//!
//! A refusal is an [`Error::Forbidden`] naming the row and the reason: `Db::write` rolls the
//! import back and then writes it to the 操作日志 in its own transaction.

use super::package::{Change, PackageHeader};
use super::rows;
use super::site::{self, Site};
use super::tables::{self, Owner, Schema, SyncTable, UnitOf};
use crate::{Error, Result};
use rusqlite::{Connection, OptionalExtension};
use serde_json::{json, Map, Value};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};

type Row = Map<String, Value>;

/// What a unit may do to the rows of one table (tables not listed here: nothing).
struct Rule {
    table: &'static str,
    /// Whether a unit may add rows, and in which status.
    new: New,
    /// The status moves a unit may make (staying is always allowed).
    moves: &'static [(&'static str, &'static str)],
    /// Why other moves are refused.
    moves_why: &'static str,
    /// The columns a unit's screens write (`updated_at` always may change); any other change
    /// is refused.
    may_change: &'static [&'static str],
    /// Columns a unit may only empty (the return reason, cleared when it submits again).
    may_clear: &'static [&'static str],
    /// Stored statuses in which the unit may edit the row at all (empty: any).
    open_in: &'static [&'static str],
    /// Stored statuses of this row in which a unit may add or edit its child rows (empty: any).
    children_in: &'static [&'static str],
    /// A table-specific check; Some(reason) refuses.
    extra: Option<Extra>,
}

#[derive(Clone, Copy, PartialEq)]
enum New {
    /// Rows are opened by the bureau (rounds, 自评 forms, 整改 items, comments).
    No,
    /// New rows, with one of these statuses when the table has a status.
    Yes(&'static [&'static str]),
}

type Extra = fn(&Scope, usize, Option<&Row>, &Row) -> Result<Option<String>>;

/// The one table of what a 单位/乡镇 package may change at the bureau.
const RULES: &[Rule] = &[
    Rule {
        table: "perf_target",
        new: New::Yes(&["编制", "一上"]),
        moves: &[("编制", "一上"), ("一下", "二上")],
        moves_why: "只有财政局能审核、退回和批复",
        may_change: &[
            "status",
            "overall_goal",
            "adjustment_reason",
            "submitted_at",
            "deleted_at",
            "is_current",
        ],
        may_clear: &[],
        open_in: &[], // perf_target_rules: an approved version may only be superseded
        children_in: &["编制", "一下"],
        extra: Some(perf_target_rules),
    },
    Rule {
        table: "target_indicator",
        new: New::Yes(&[]),
        moves: &[],
        moves_why: "",
        may_change: &[
            "seq",
            "level1",
            "level2",
            "name",
            "nature",
            "value",
            "value_high",
            "unit",
            "weight_cp",
            "library_id",
            "is_core",
            "deleted_at",
        ],
        may_clear: &[],
        open_in: &[],
        children_in: &[],
        extra: None,
    },
    Rule {
        table: "target_submission",
        new: New::Yes(&[]),
        moves: &[],
        moves_why: "",
        may_change: &[],
        may_clear: &[],
        open_in: &[],
        children_in: &[],
        extra: None,
    },
    Rule {
        table: "target_comment",
        new: New::No,
        moves: &[],
        moves_why: "",
        may_change: &["resolved", "resolved_at"],
        may_clear: &[],
        open_in: &[],
        children_in: &[],
        extra: None,
    },
    Rule {
        table: "monitor_task",
        new: New::No,
        moves: &[("待填报", "已提交"), ("已退回", "已提交")],
        moves_why: "只有财政局能审核和退回监控情况表",
        may_change: &["status", "executed_fen", "forecast_fen", "submitted_at"],
        may_clear: &["return_reason"],
        open_in: &["待填报", "已退回"],
        children_in: &["待填报", "已退回"],
        extra: None,
    },
    Rule {
        table: "monitor_indicator",
        new: New::No,
        moves: &[],
        moves_why: "",
        may_change: &[
            "actual",
            "forecast",
            "deviation_reason",
            "possibility",
            "measures",
        ],
        may_clear: &[],
        open_in: &[],
        children_in: &[],
        extra: None,
    },
    Rule {
        table: "monitor_action",
        new: New::No,
        moves: &[],
        moves_why: "",
        may_change: &[],
        may_clear: &[],
        open_in: &[],
        children_in: &[],
        extra: None,
    },
    Rule {
        table: "self_eval",
        new: New::No,
        moves: &[
            ("待填报", "填报中"),
            ("待填报", "已提交"),
            ("填报中", "已提交"),
            ("已退回", "填报中"),
            ("已退回", "已提交"),
        ],
        moves_why: "只有财政局能退回自评表",
        // 全年预算数 and the 预算执行率 分值 are on the unit's own form (`save_self_eval`);
        // the scores are recomputed below.
        may_change: &[
            "status",
            "budget_fen",
            "executed_fen",
            "execution_weight_cp",
            "execution_score_cp",
            "total_cp",
            "grade",
            "summary",
            "submitted_by",
            "submitted_at",
        ],
        may_clear: &["return_reason"],
        open_in: &["待填报", "填报中", "已退回"],
        children_in: &["待填报", "填报中", "已退回"],
        extra: Some(self_eval_scores),
    },
    Rule {
        table: "self_eval_item",
        new: New::No,
        moves: &[],
        moves_why: "",
        may_change: &[
            "weight_cp",
            "actual",
            "not_applicable",
            "score_cp",
            "reason",
        ],
        may_clear: &[],
        open_in: &[],
        children_in: &[],
        extra: Some(self_eval_item_scores),
    },
    Rule {
        table: "rectification",
        new: New::No,
        moves: &[
            ("下达", "整改中"),
            ("退回", "整改中"),
            ("下达", "已反馈"),
            ("整改中", "已反馈"),
            ("退回", "已反馈"),
        ],
        moves_why: "核实、退回和销号只有财政局能做",
        may_change: &["status", "feedback"],
        may_clear: &[],
        open_in: &["下达", "整改中", "退回"],
        children_in: &["下达", "整改中", "已反馈", "已核实", "退回"],
        extra: None,
    },
    Rule {
        table: "rectification_evidence",
        new: New::Yes(&[]),
        moves: &[],
        moves_why: "",
        may_change: &[],
        may_clear: &[],
        open_in: &[],
        children_in: &[],
        extra: None,
    },
];

fn rule(table: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.table == table)
}

/// Chinese names of the columns a refusal may name (others by their code).
const COLUMNS: &[(&str, &str)] = &[
    ("status", "状态"),
    ("unit_id", "单位"),
    ("fiscal_year", "预算年度"),
    ("kind", "类别"),
    ("project_id", "预算项目"),
    ("target_id", "绩效目标"),
    ("round_id", "监控轮次"),
    ("task_id", "监控情况表"),
    ("self_eval_id", "单位自评"),
    ("rectification_id", "整改事项"),
    ("version", "版本号"),
    ("is_current", "当前版本"),
    ("previous_id", "上一版本"),
    ("reduction_fen", "核减金额"),
    ("is_public", "是否公开"),
    ("not_public_reason", "不公开理由"),
    ("first_approved_by", "初审人"),
    ("first_approved_at", "初审时间"),
    ("first_approved_account", "初审账号"),
    ("approved_by", "批复人"),
    ("approved_at", "批复时间"),
    ("approved_account", "批复账号"),
    ("budget_fen", "全年预算数"),
    ("return_reason", "退回原因"),
    ("reviewed_by", "审核人"),
    ("reviewed_at", "审核时间"),
    ("execution_weight_cp", "预算执行率分值"),
    ("execution_score_cp", "预算执行率得分"),
    ("total_cp", "总分"),
    ("grade", "等级"),
    ("score_cp", "得分"),
    ("resolved", "是否已整改"),
    ("text", "意见内容"),
    ("problem", "问题"),
    ("measure", "整改措施"),
    ("responsible_person", "责任人"),
    ("deadline", "完成时限"),
    ("review_note", "核实意见"),
    ("closed_at", "销号时间"),
    ("deleted_at", "作废标记"),
    ("nature", "指标性质"),
    ("value", "指标值"),
    ("value_high", "指标值上限"),
    ("name", "名称"),
    ("body_json", "报送内容"),
    ("sha256", "文件校验值"),
    ("file_name", "文件名"),
    ("amount_fen", "金额"),
];

fn col_label(col: &str) -> &str {
    COLUMNS
        .iter()
        .find(|(c, _)| *c == col)
        .map_or(col, |(_, l)| l)
}

/// What admission read: the stored image of each change's row before the import.
pub(super) struct Admitted {
    before: Vec<Option<Row>>,
}

pub(super) fn check_addressing(
    c: &Connection,
    me: &Site,
    h: &PackageHeader,
    changes: &[Change],
) -> Result<Admitted> {
    if h.source.site_id == me.site_id {
        return Err(Error::Invalid {
            field: "数据包".into(),
            message: "这是本机导出的数据包，不需要在本机导入；请把它拷到对方电脑上导入".into(),
        });
    }
    let mine = |id: &str| {
        id == super::export::ALL
            || id == me.site_id
            || me
                .unit_id
                .as_deref()
                .is_some_and(|u| id == format!("unit:{u}"))
    };
    if !mine(&h.to_site_id) {
        return Err(Error::Invalid {
            field: "数据包".into(),
            message: format!(
                "这个数据包是发给『{}』的，不是本机（{}），未导入任何数据",
                h.to_name, me.name
            ),
        });
    }
    let schema = tables::schema(c)?;
    let before = changes
        .iter()
        .map(|ch| match schema.get(ch.table.as_str()) {
            Some(info) => rows::read_row(c, info, &ch.pk),
            None => Ok(None),
        })
        .collect::<Result<Vec<_>>>()?;
    if h.source.kind != "财政局" {
        check_unit_package(c, &schema, h, changes, &before)?;
    }
    Ok(Admitted { before })
}

/// The 操作日志's list of the rows an applied package changed: table, id, unit and the SM3
/// digests of the stored image before and after (null when absent). Rows the package left as
/// they were (duplicates, conflicts kept for a person) are not listed.
pub(super) fn changed_rows(
    c: &Connection,
    admitted: &Admitted,
    changes: &[Change],
) -> Result<Value> {
    let schema = tables::schema(c)?;
    let mut out = Vec::new();
    for (ch, before) in changes.iter().zip(&admitted.before) {
        let (Some(t), Some(info)) = (tables::find(&ch.table), schema.get(ch.table.as_str())) else {
            continue;
        };
        let after = rows::read_row(c, info, &ch.pk)?;
        let (b, a) = (before.as_ref().map(digest), after.as_ref().map(digest));
        if b == a {
            continue;
        }
        let unit = match after.as_ref().or(before.as_ref()) {
            Some(row) => unit_of_image(c, &schema, t, row)?,
            None => None,
        };
        out.push(json!({"table": t.name, "id": ch.pk, "unit": unit, "before": b, "after": a}));
    }
    Ok(Value::Array(out))
}

/// SM3 (as the audit chain) of a row image's JSON, 64 lowercase hex digits.
fn digest(row: &Row) -> String {
    use sm3::{Digest, Sm3};
    let mut h = Sm3::new();
    h.update(Value::Object(row.clone()).to_string().as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The unit of a row image (its own column, or its parent's stored row).
fn unit_of_image(
    c: &Connection,
    schema: &Schema,
    t: &SyncTable,
    row: &Row,
) -> Result<Option<String>> {
    Ok(match t.unit_of {
        UnitOf::Everyone => None,
        UnitOf::Column(col) => row.get(col).and_then(Value::as_str).map(str::to_string),
        UnitOf::Via(fk, parent) => {
            match (row.get(fk).and_then(Value::as_str), tables::find(parent)) {
                (Some(id), Some(p)) => tables::unit_of_row(c, schema, p, id)?,
                _ => None,
            }
        }
    })
}

/// Everything a unit package's rows are checked against.
struct Scope<'a> {
    c: &'a Connection,
    schema: &'a Schema,
    h: &'a PackageHeader,
    units: HashSet<String>,
    /// The package's row images by (table, id).
    images: HashMap<(&'a str, &'a str), (usize, &'a Row)>,
    /// 自评 forms already rescored.
    rescored: RefCell<BTreeSet<String>>,
}

fn check_unit_package(
    c: &Connection,
    schema: &Schema,
    h: &PackageHeader,
    changes: &[Change],
    before: &[Option<Row>],
) -> Result<()> {
    let Some(unit) = &h.source.unit_id else {
        return Err(Error::Forbidden(format!(
            "数据包来自{}『{}』，却没有所属单位，整个数据包被拒收，未导入任何数据",
            h.source.kind, h.source.name
        )));
    };
    let s = Scope {
        c,
        schema,
        h,
        units: site::unit_subtree(c, unit)?,
        images: changes
            .iter()
            .enumerate()
            .filter_map(|(i, ch)| {
                Some(((ch.table.as_str(), ch.pk.as_str()), (i, ch.row.as_ref()?)))
            })
            .collect(),
        rescored: RefCell::new(BTreeSet::new()),
    };
    for (i, (ch, stored)) in changes.iter().zip(before).enumerate() {
        let Some(t) = tables::find(&ch.table) else {
            continue;
        };
        // What the unit changed is measured from the version it started from: when the bureau
        // edited the row meanwhile, the merge base (the import keeps the bureau's side of the
        // fields the unit left alone), else the stored row.
        let ours = super::version::load(c, &ch.table, &ch.pk)?;
        let descends = ours
            .as_ref()
            .is_some_and(|v| v.ver == ch.ver || ch.hist.contains(&v.ver));
        let base = match stored {
            Some(_) if !descends => match super::version::load_base(c, &ch.table, &ch.pk)? {
                Some((ver, image)) if ch.hist.contains(&ver) => Some(image),
                _ => None,
            },
            _ => None,
        };
        // A row the bureau deleted while the unit edited it is not applied but kept as a
        // conflict for a person to settle (both versions shown): not a new row of the unit.
        let kept_as_conflict = stored.is_none()
            && ch.row.is_some()
            && !descends
            && ours.as_ref().is_some_and(|v| v.deleted);
        if kept_as_conflict {
            s.check_row(i, t, &ch.pk, None, None, ch.row.as_ref())?;
            continue;
        }
        s.check_row(
            i,
            t,
            &ch.pk,
            stored.as_ref(),
            Some(base.as_ref().or(stored.as_ref())),
            ch.row.as_ref(),
        )?;
    }
    Ok(())
}

/// How deep child tables nest (rectification_evidence → rectification is 1; a loop is forged).
const MAX_DEPTH: usize = 8;

impl Scope<'_> {
    fn unit_name(&self, id: &str) -> String {
        self.c
            .query_row("SELECT name FROM org_unit WHERE id = ?1", [id], |r| {
                r.get::<_, String>(0)
            })
            .optional()
            .ok()
            .flatten()
            .unwrap_or_else(|| id.to_string())
    }

    fn refuse(&self, i: usize, t: &SyncTable, pk: &str, unit: Option<&str>, why: &str) -> Error {
        let unit = unit
            .filter(|u| !u.is_empty())
            .map(|u| format!("（单位『{}』）", self.unit_name(u)))
            .unwrap_or_default();
        Error::Forbidden(format!(
            "数据包来自{}『{}』，第 {} 条变更『{}』{pk}{unit}{why}，整个数据包被拒收，未导入任何数据",
            self.h.source.kind,
            self.h.source.name,
            i + 1,
            t.label
        ))
    }

    /// The units a row image belongs to: its own column, or (child tables) those of its parent's
    /// image in this package and of the stored parent. None when no parent is found.
    fn units_of(&self, t: &SyncTable, row: &Row, depth: usize) -> Result<Option<BTreeSet<String>>> {
        match t.unit_of {
            UnitOf::Everyone => Ok(Some(BTreeSet::new())),
            UnitOf::Column(col) => Ok(Some(BTreeSet::from([row
                .get(col)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()]))),
            UnitOf::Via(fk, parent) => {
                let (Some(id), Some(p)) =
                    (row.get(fk).and_then(Value::as_str), tables::find(parent))
                else {
                    return Ok(None);
                };
                if depth >= MAX_DEPTH {
                    return Ok(None);
                }
                let mut found = None::<BTreeSet<String>>;
                let mut add = |units: Option<BTreeSet<String>>| {
                    if let Some(u) = units {
                        found.get_or_insert_with(BTreeSet::new).extend(u);
                    }
                };
                if let Some((_, img)) = self.images.get(&(p.name, id)) {
                    add(self.units_of(p, img, depth + 1)?);
                }
                if let Some(stored) = self.stored(p.name, id)? {
                    add(self.units_of(p, &stored, depth + 1)?);
                }
                Ok(found)
            }
        }
    }

    fn stored(&self, table: &str, id: &str) -> Result<Option<Row>> {
        match self.schema.get(table) {
            Some(info) => rows::read_row(self.c, info, id),
            None => Ok(None),
        }
    }

    /// The row's image after this package: the package's if it carries one, else the stored.
    fn image(&self, table: &str, id: &str) -> Result<Option<Row>> {
        match self.images.get(&(table, id)) {
            Some((_, row)) => Ok(Some((*row).clone())),
            None => self.stored(table, id),
        }
    }

    fn check_row(
        &self,
        i: usize,
        t: &SyncTable,
        pk: &str,
        stored: Option<&Row>,
        // What the unit's change is measured from; None: the row is kept as a conflict, only
        // its scope is checked.
        reference: Option<Option<&Row>>,
        new: Option<&Row>,
    ) -> Result<()> {
        let own_unit = |row: Option<&Row>| match t.unit_of {
            UnitOf::Column(col) => row
                .and_then(|r| r.get(col))
                .and_then(Value::as_str)
                .map(str::to_string),
            _ => None,
        };
        let shown = own_unit(new).or(own_unit(stored));
        let shown = shown.as_deref();
        if t.owner == Owner::Bureau {
            let why = format!("，是只能由财政局下发的『{}』数据", t.label);
            return Err(self.refuse(i, t, pk, shown, &why));
        }
        let Some(rule) = rule(t.name) else {
            return Err(self.refuse(i, t, pk, shown, "，单位不能报送这类数据"));
        };
        // Scope: the stored row's unit and the incoming row's unit.
        let mut found = [None, None];
        for (slot, (row, which)) in [(stored, "本机的这条记录"), (new, "数据包中的这条记录")]
            .into_iter()
            .enumerate()
        {
            let Some(row) = row else { continue };
            let Some(units) = self.units_of(t, row, 0)? else {
                let why = format!("：{which}引用了本机没有的数据，无法确定所属单位。请先按导出顺序导入对方较早的数据包，或请对方做一次「完整导出」");
                return Err(self.refuse(i, t, pk, shown, &why));
            };
            found[slot] = Some(units);
        }
        let [old_units, new_units] = found;
        let outside = |u: &Option<BTreeSet<String>>| {
            u.iter()
                .flatten()
                .find(|u| !self.units.contains(*u))
                .cloned()
        };
        if let Some(other) = outside(&old_units) {
            let why = match &new_units {
                None => format!("，删除的是其他单位『{}』的记录", self.unit_name(&other)),
                Some(n) if !n.contains(&other) => format!(
                    "，把其他单位『{}』的记录改到了本单位名下",
                    self.unit_name(&other)
                ),
                Some(_) => format!("，属于其他单位『{}』", self.unit_name(&other)),
            };
            return Err(self.refuse(i, t, pk, Some(&other), &why));
        }
        if let Some(other) = outside(&new_units) {
            let why = match old_units.as_ref().and_then(|o| o.iter().next()) {
                Some(old) => format!(
                    "，把记录从『{}』移到了其他单位『{}』",
                    self.unit_name(old),
                    self.unit_name(&other)
                ),
                None => format!("，属于其他单位『{}』", self.unit_name(&other)),
            };
            return Err(self.refuse(i, t, pk, Some(&other), &why));
        }
        let why = match (stored, new) {
            _ if reference.is_none() => None,
            (None, None) => None,
            (Some(_), None) => Some("，删除了财政局的记录（单位只能作废，不能删除记录）".into()),
            (None, Some(n)) => self.new_row(i, t, rule, n)?,
            (Some(o), Some(n)) => {
                self.changed_row(i, t, rule, reference.flatten().unwrap_or(o), n)?
            }
        };
        match why {
            Some(why) => Err(self.refuse(i, t, pk, shown, &why)),
            None => Ok(()),
        }
    }

    fn new_row(&self, i: usize, t: &SyncTable, rule: &Rule, n: &Row) -> Result<Option<String>> {
        let New::Yes(statuses) = rule.new else {
            return Ok(Some(format!("，新增了『{}』（只有财政局能新增）", t.label)));
        };
        let status = text(n, "status");
        if !statuses.is_empty() && !statuses.contains(&status) {
            return Ok(Some(format!(
                "，新增的记录状态为『{status}』（单位新增只能是『{}』）",
                statuses.join("』或『")
            )));
        }
        if let Some(why) = self.parent_open(t, None, n)? {
            return Ok(Some(why));
        }
        match rule.extra {
            Some(f) => f(self, i, None, n),
            None => Ok(None),
        }
    }

    fn changed_row(
        &self,
        i: usize,
        t: &SyncTable,
        rule: &Rule,
        o: &Row,
        n: &Row,
    ) -> Result<Option<String>> {
        let changed: Vec<&str> = o
            .keys()
            .chain(n.keys())
            .map(String::as_str)
            .filter(|k| *k != "updated_at" && o.get(*k) != n.get(*k))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if changed.is_empty() {
            return Ok(None);
        }
        let (from, to) = (text(o, "status"), text(n, "status"));
        if !rule.open_in.is_empty() && !rule.open_in.contains(&from) {
            return Ok(Some(format!(
                "，修改了状态为『{from}』的记录（单位只能在『{}』时修改）",
                rule.open_in.join("』『")
            )));
        }
        for col in &changed {
            let ok = if *col == "status" {
                rule.moves.contains(&(from, to))
            } else {
                rule.may_change.contains(col)
                    || (rule.may_clear.contains(col) && text(n, col).is_empty())
            };
            if !ok && *col == "status" {
                return Ok(Some(format!(
                    "，把状态从『{from}』改为『{to}』（{}）",
                    if rule.moves_why.is_empty() {
                        "只有财政局能改"
                    } else {
                        rule.moves_why
                    }
                )));
            }
            if !ok {
                return Ok(Some(format!(
                    "，改了『{}』（只有财政局能改）",
                    col_label(col)
                )));
            }
        }
        if let Some(why) = self.parent_open(t, Some(o), n)? {
            return Ok(Some(why));
        }
        match rule.extra {
            Some(f) => f(self, i, Some(o), n),
            None => Ok(None),
        }
    }

    /// A child row may change only while its stored parent is open to the unit (a new parent,
    /// in this package only, is checked by its own rule).
    fn parent_open(&self, t: &SyncTable, o: Option<&Row>, n: &Row) -> Result<Option<String>> {
        let UnitOf::Via(fk, parent) = t.unit_of else {
            return Ok(None);
        };
        let (Some(p), Some(prule)) = (tables::find(parent), rule(parent)) else {
            return Ok(None);
        };
        if prule.children_in.is_empty() {
            return Ok(None);
        }
        let ids: BTreeSet<&str> = [o, Some(n)]
            .into_iter()
            .flatten()
            .filter_map(|r| r.get(fk).and_then(Value::as_str))
            .collect();
        for id in ids {
            if let Some(stored) = self.stored(parent, id)? {
                let status = text(&stored, "status");
                if !prule.children_in.contains(&status) {
                    return Ok(Some(format!(
                        "，所属『{}』{id} 已是『{status}』，单位不能再改它的『{}』",
                        p.label, t.label
                    )));
                }
            }
        }
        Ok(None)
    }

    /// Rescores a 自评 form as the bureau would, from its image after this package and its items
    /// (the package's where it carries them, else the stored).
    fn rescore(&self, id: &str) -> Result<Option<String>> {
        if !self.rescored.borrow_mut().insert(id.to_string()) {
            return Ok(None);
        }
        let Some(form) = self.image("self_eval", id)? else {
            return Ok(None);
        };
        let mut ids: BTreeSet<String> = self
            .c
            .prepare_cached("SELECT id FROM self_eval_item WHERE self_eval_id = ?1")?
            .query_map([id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.extend(
            self.images
                .iter()
                .filter(|((t, _), (_, r))| *t == "self_eval_item" && text(r, "self_eval_id") == id)
                .map(|((_, k), _)| k.to_string()),
        );
        let mut items = Vec::new();
        for item_id in &ids {
            let Some(item) = self.image("self_eval_item", item_id)? else {
                continue;
            };
            if text(&item, "self_eval_id") != id
                || !item.get("deleted_at").is_none_or(Value::is_null)
            {
                continue;
            }
            let weight = int(&item, "weight_cp").unwrap_or(0);
            let na = int(&item, "not_applicable").unwrap_or(0) != 0;
            let expected = crate::indicator::Nature::parse(text(&item, "nature")).and_then(|n| {
                crate::evaluation::item_score_cp(
                    n,
                    text(&item, "value"),
                    item.get("value_high").and_then(Value::as_str),
                    item.get("actual").and_then(Value::as_str),
                    weight,
                    na,
                )
            });
            let got = int(&item, "score_cp");
            if got != expected {
                return Ok(Some(format!(
                    "：自评指标『{}』的得分为 {}，按其实际完成值计算应为 {}（得分由财政局的计分规则算出）",
                    text(&item, "name"),
                    show_cp(got),
                    show_cp(expected)
                )));
            }
            items.push((weight, got, na));
        }
        let scores = |r: &Row| {
            (
                int(r, "execution_score_cp"),
                int(r, "total_cp"),
                r.get("grade").and_then(Value::as_str).map(str::to_string),
            )
        };
        let claimed = scores(&form);
        let stored = self.stored("self_eval", id)?;
        // A form the unit never saved has no scores yet.
        if claimed == (None, None, None) && stored.as_ref().map(scores) == Some(claimed.clone()) {
            return Ok(None);
        }
        let (exec, total, grade) = crate::evaluation::totals(
            self.c,
            int(&form, "executed_fen"),
            int(&form, "budget_fen").unwrap_or(0),
            int(&form, "execution_weight_cp").unwrap_or(0),
            &items,
        )?;
        if claimed != (exec, Some(total), Some(grade.label().to_string())) {
            return Ok(Some(format!(
                "：自评总分 {}、等级『{}』与财政局按自评指标重新计算的 {}、『{}』不符（总分和等级以财政局计算为准）",
                show_cp(claimed.1),
                claimed.2.as_deref().unwrap_or("无"),
                crate::fmt_cp(total),
                grade.label()
            )));
        }
        Ok(None)
    }
}

fn text<'r>(row: &'r Row, col: &str) -> &'r str {
    row.get(col).and_then(Value::as_str).unwrap_or_default()
}

fn int(row: &Row, col: &str) -> Option<i64> {
    row.get(col).and_then(Value::as_i64)
}

fn show_cp(cp: Option<i64>) -> String {
    cp.map_or_else(|| "空".into(), crate::fmt_cp)
}

/// 自评表: its scores are recomputed.
fn self_eval_scores(s: &Scope, _: usize, _: Option<&Row>, n: &Row) -> Result<Option<String>> {
    s.rescore(text(n, "id"))
}

/// 自评指标: the form it belongs to (before and after) is recomputed.
fn self_eval_item_scores(s: &Scope, _: usize, o: Option<&Row>, n: &Row) -> Result<Option<String>> {
    for r in [o, Some(n)].into_iter().flatten() {
        if let Some(why) = s.rescore(text(r, "self_eval_id"))? {
            return Ok(Some(why));
        }
    }
    Ok(None)
}

/// 绩效目标: a new row carries no decision (核减, 批复, 公开 of its own) and is a first version or
/// the adjustment of an approved one; a stored row is edited only in 编制/一下, voided only as
/// a never-submitted draft, and an approved version is only superseded by an adjustment in
/// the same package.
fn perf_target_rules(s: &Scope, _: usize, o: Option<&Row>, n: &Row) -> Result<Option<String>> {
    let Some(o) = o else {
        return new_perf_target(s, n);
    };
    let status = text(o, "status");
    let changed = |col: &str| o.get(col) != n.get(col);
    let content_changed = [
        "status",
        "overall_goal",
        "adjustment_reason",
        "submitted_at",
        "deleted_at",
    ]
    .into_iter()
    .any(changed);
    if content_changed && !["编制", "一下"].contains(&status) {
        return Ok(Some(format!(
            "，修改了已是『{status}』的绩效目标（单位只能在『编制』『一下』时修改）"
        )));
    }
    if changed("deleted_at") && (status != "编制" || !o["submitted_at"].is_null()) {
        return Ok(Some(
            "，作废了已报送过的绩效目标（只有未提交过的草稿能作废）".into(),
        ));
    }
    if changed("is_current") {
        let pk = text(o, "id");
        let superseded = status == "二下"
            && int(n, "is_current") == Some(0)
            && s.images
                .iter()
                .any(|((t, _), (_, r))| *t == "perf_target" && text(r, "previous_id") == pk);
        if !superseded {
            return Ok(Some(
                "，改了『当前版本』（只有申请调整已批复的目标时，新版本才取代旧版本）".into(),
            ));
        }
    }
    Ok(None)
}

fn new_perf_target(s: &Scope, n: &Row) -> Result<Option<String>> {
    for col in [
        "first_approved_by",
        "first_approved_at",
        "first_approved_account",
        "approved_by",
        "approved_at",
        "approved_account",
    ] {
        if !n.get(col).is_none_or(Value::is_null) {
            return Ok(Some(format!(
                "，新增的目标带有『{}』（只有财政局能批复）",
                col_label(col)
            )));
        }
    }
    if int(n, "reduction_fen") != Some(0) {
        return Ok(Some(
            "，新增的目标带有『核减金额』（只有财政局能核减）".into(),
        ));
    }
    let previous = match n.get("previous_id").and_then(Value::as_str) {
        Some(p) => s.stored("perf_target", p)?,
        None => None,
    };
    let same = |p: &Row, col: &str| p.get(col) == n.get(col);
    match previous {
        None if n.get("previous_id").is_some_and(|v| !v.is_null()) => {
            return Ok(Some("，新增的目标的『上一版本』本机没有".into()));
        }
        None => {
            if int(n, "version") != Some(1) || int(n, "is_current") != Some(1) {
                return Ok(Some("，新增的目标『版本号』不是第 1 版".into()));
            }
            if int(n, "is_public") != Some(1) {
                return Ok(Some(
                    "，新增的目标改了『是否公开』（只有财政局能定）".into(),
                ));
            }
        }
        Some(p) => {
            let follows = text(&p, "status") == "二下"
                && int(n, "version") == int(&p, "version").map(|v| v + 1)
                && int(n, "is_current") == Some(1)
                && ["fiscal_year", "kind", "project_id", "unit_id"]
                    .iter()
                    .all(|c| same(&p, c));
            if !follows {
                return Ok(Some(
                    "，新版本与所调整的已批复目标不符（版本号、年度、项目或单位不一致）".into(),
                ));
            }
            if !same(&p, "is_public") || !same(&p, "not_public_reason") {
                return Ok(Some("，调整时改了『是否公开』（只有财政局能定）".into()));
            }
        }
    }
    if let Some(project) = n.get("project_id").and_then(Value::as_str) {
        if let Some(row) = s.stored("project", project)? {
            let unit = text(&row, "unit_id");
            if !s.units.contains(unit) {
                return Ok(Some(format!(
                    "，目标所属的预算项目是其他单位『{}』的",
                    s.unit_name(unit)
                )));
            }
        }
    }
    Ok(None)
}

/// Rows must not point at rows this PC doesn't have (an earlier package not imported yet).
pub(super) fn check_references(c: &Connection, touched: &BTreeSet<&str>) -> Result<()> {
    let mut problems = Vec::new();
    for t in touched {
        let mut stmt = c.prepare(&format!("PRAGMA foreign_key_check({t})"))?;
        let found: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(2))?
            .collect::<rusqlite::Result<_>>()?;
        for parent in found {
            let label = |n: &str| tables::find(n).map_or(n.to_string(), |t| t.label.to_string());
            problems.push(format!("『{}』引用的『{}』", label(t), label(&parent)));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    problems.sort();
    problems.dedup();
    Err(Error::Conflict(format!(
        "数据包中有记录引用了本机没有的数据（{}），未导入任何数据。请先按导出顺序导入对方较早的数据包，或请对方做一次「完整导出」",
        problems.into_iter().take(5).collect::<Vec<_>>().join("、")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_a_unit_may_send_has_exactly_one_rule_and_rules_name_real_tables() {
        for t in tables::SYNC_TABLES {
            let n = RULES.iter().filter(|r| r.table == t.name).count();
            match t.owner {
                Owner::Shared => assert_eq!(n, 1, "{} needs one admission rule", t.name),
                Owner::Bureau => assert_eq!(n, 0, "{} is the bureau's only", t.name),
            }
        }
        assert_eq!(
            RULES.len(),
            RULES
                .iter()
                .filter(|r| tables::find(r.table).is_some())
                .count()
        );
    }
}
