//! 工作台 — what the signed-in account must do today: one card per kind of waiting work (targets
//! to review or returned, monitoring sheets to fill / due in ≤ 7 days / overdue, sheets to
//! review, 自评 to fill, spot checks to review, 重点评价 steps due, 整改 to answer or to verify,
//! letters drafted not issued, exchange conflicts), the items that became overdue since the
//! account's previous login, and for the bureau the year's progress strip.
//!
//! Invariants: a card appears only for a permission the account may use on this PC (the same
//! table `access::my_access` gives the menu), and counts only records within the reach of a role
//! granting it (单位填报: its own unit and sub-units; 业务股室: projects its 股室 manages and
//! those projects' units; 绩效管理: every unit) — the rule `WriteCtx::require_row` applies.
//! Unit work (填报, 整改反馈) is shown to unit-scoped accounts; the bureau sees the same deadlines
//! as 催报 cards (overdue sheets and 整改 of every unit). Days are calendar days: `days_left` =
//! deadline − today, negative when overdue; due soon = 0 ≤ days_left ≤ 7.

use crate::access::{my_access, Actor, Perm, Role};
use crate::Result;
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use ts_rs::TS;

/// Items of a card listed on the 工作台 (most urgent first); the card's list screen has all.
pub const ITEMS_PER_CARD: usize = 20;
/// 「即将到期」: the deadline is at most this many days away.
pub const DUE_SOON_DAYS: i64 = 7;

/// One waiting record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TodoItem {
    pub id: String,
    /// 项目名称, or 「单位 部门整体」, or the document title.
    pub name: String,
    pub unit_name: String,
    /// Deadline (YYYY-MM-DD), when the work has one.
    pub due: Option<String>,
    /// Deadline − today in days; negative = overdue by that many days.
    pub days_left: Option<i64>,
    /// The screen that opens this record.
    pub route: String,
}

/// One kind of waiting work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TodoCard {
    /// Stable code: target_returned, target_draft, target_review, monitor_fill, monitor_review,
    /// monitor_overdue, self_fill, spot_review, key_eval, rect_answer, rect_verify,
    /// rect_overdue, doc_draft, sync_conflict, sync_missing.
    pub kind: String,
    pub title: String,
    pub count: i64,
    pub overdue: i64,
    pub due_soon: i64,
    /// The list screen with its filter (router path + query).
    pub route: String,
    pub query: BTreeMap<String, String>,
    pub items: Vec<TodoItem>,
}

/// Something of mine whose deadline passed since my previous login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewlyOverdue {
    pub kind: String,
    /// The card's title (监控情况表 …).
    pub what: String,
    pub item: TodoItem,
}

/// One stage of the year's progress strip: `done` of `total` (share in bp, 0 when total is 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StageProgress {
    pub stage: String,
    pub done: i64,
    pub total: i64,
    pub share_bp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Workbench {
    pub today: String,
    pub cards: Vec<TodoCard>,
    /// Since the account's previous login (empty at a first login).
    pub newly_overdue: Vec<NewlyOverdue>,
    /// The previous login (RFC 3339), when there was one.
    pub previous_login: Option<String>,
    /// For the bureau (绩效管理, 只读): targets approved, rounds closed, 自评 submitted,
    /// letters issued, 整改 closed, in `year`.
    pub progress: Vec<StageProgress>,
}

/// Which units' records a permission reaches for this account.
struct Reach {
    all: bool,
    units: HashSet<String>,
    dept: Option<String>,
    dept_units: HashSet<String>,
    /// Some role granting it is unit-scoped (单位填报).
    unit_scoped: bool,
}

impl Reach {
    fn sees(&self, unit_id: Option<&str>, managing: Option<&str>) -> bool {
        if self.all {
            return true;
        }
        let Some(unit) = unit_id else { return false };
        if self.units.contains(unit) {
            return true;
        }
        match (&self.dept, managing) {
            (Some(d), Some(m)) => d == m,
            (Some(_), None) => self.dept_units.contains(unit),
            _ => false,
        }
    }
}

fn subtree(c: &Connection, root: &str) -> Result<HashSet<String>> {
    let mut st = c.prepare(
        "WITH RECURSIVE down(id, depth) AS (
             SELECT id, 0 FROM org_unit WHERE id = ?1
             UNION ALL
             SELECT o.id, down.depth + 1 FROM org_unit o JOIN down ON o.parent_id = down.id
             WHERE down.depth < 64)
         SELECT id FROM down",
    )?;
    let ids = st
        .query_map([root], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

fn reach(c: &Connection, actor: &Actor, usable: &[Perm], perm: Perm) -> Result<Option<Reach>> {
    if !usable.contains(&perm) {
        return Ok(None);
    }
    let mut r = Reach {
        all: actor.is_system(),
        units: HashSet::new(),
        dept: None,
        dept_units: HashSet::new(),
        unit_scoped: false,
    };
    for role in actor.roles_with(perm) {
        match (role.reach(), actor.unit_id.as_deref()) {
            (crate::access::roles::Reach::All, _)
            | (crate::access::roles::Reach::ManagedBy, None) => r.all = true,
            (crate::access::roles::Reach::OwnUnit, Some(u)) => {
                r.unit_scoped = true;
                r.units.extend(subtree(c, u)?);
            }
            (crate::access::roles::Reach::OwnUnit, None) => r.unit_scoped = true,
            (crate::access::roles::Reach::ManagedBy, Some(d)) => {
                r.dept = Some(d.to_string());
                let mut st = c.prepare(
                    "SELECT DISTINCT unit_id FROM project
                     WHERE managing_dept_id = ?1 AND deleted_at IS NULL",
                )?;
                let ids: Vec<String> = st
                    .query_map([d], |row| row.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                r.dept_units.extend(ids);
            }
        }
    }
    Ok(Some(r))
}

/// A record as the card queries return it.
struct Row {
    id: String,
    name: String,
    unit_id: Option<String>,
    unit_name: String,
    managing: Option<String>,
    due: Option<String>,
    /// The list the record belongs to (the round of a sheet).
    group: Option<String>,
}

fn rows(c: &Connection, sql: &str) -> Result<Vec<Row>> {
    let mut st = c.prepare(sql)?;
    let out = st
        .query_map([], |r| {
            Ok(Row {
                id: r.get(0)?,
                name: r.get(1)?,
                unit_id: r.get(2)?,
                unit_name: r.get(3)?,
                managing: r.get(4)?,
                due: r.get(5)?,
                group: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

fn days_left(due: Option<&str>, today: NaiveDate) -> Option<i64> {
    let d = NaiveDate::parse_from_str(due?.get(..10)?, "%Y-%m-%d").ok()?;
    Some((d - today).num_days())
}

struct Spec {
    kind: &'static str,
    title: &'static str,
    perm: Perm,
    /// Shown only to unit-scoped accounts (the unit's own work) / only to all-reach accounts.
    who: Who,
    sql: String,
    /// Item route: the prefix the id is appended to, or a fixed list route.
    item_route: fn(&Row) -> String,
    list_route: fn(Option<&Row>) -> String,
    query: &'static [(&'static str, &'static str)],
    /// Only the overdue rows count (催报 cards).
    overdue_only: bool,
    /// Deadlines of this card are "mine" for the login notice.
    mine: bool,
    /// A review card: the record's deadline was the unit's, so it has none here.
    review: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Who {
    Anyone,
    UnitOnly,
    BureauOnly,
}

const TARGET_SQL: &str = "SELECT t.id, COALESCE(p.name, u.name || ' 部门整体'), t.unit_id, u.name,
       p.managing_dept_id, NULL, NULL
     FROM perf_target t JOIN org_unit u ON u.id = t.unit_id
     LEFT JOIN project p ON p.id = t.project_id
     WHERE t.is_current = 1 AND t.deleted_at IS NULL AND t.status IN ";

const SHEET_SQL: &str = "SELECT k.id, COALESCE(p.name, u.name || ' 部门整体'), k.unit_id, u.name,
       p.managing_dept_id, r.due_date, r.id
     FROM monitor_task k JOIN monitor_round r ON r.id = k.round_id
     JOIN org_unit u ON u.id = k.unit_id LEFT JOIN project p ON p.id = k.project_id
     WHERE k.deleted_at IS NULL AND r.deleted_at IS NULL AND r.status = '进行中' AND k.status IN ";

const RECT_SQL: &str = "SELECT x.id, x.problem, x.unit_id, u.name, NULL, x.deadline, NULL
     FROM rectification x JOIN org_unit u ON u.id = x.unit_id
     WHERE x.deleted_at IS NULL AND x.status IN ";

fn specs() -> Vec<Spec> {
    let target = |r: &Row| format!("/targets/{}", r.id);
    let sheet = |r: &Row| format!("/monitoring/sheet/{}", r.id);
    let round = |r: Option<&Row>| match r.and_then(|r| r.group.clone()) {
        Some(g) => format!("/monitoring/{g}"),
        None => "/monitoring".into(),
    };
    let rect = |r: &Row| format!("/results/rect?id={}", r.id);
    vec![
        Spec {
            kind: "target_returned",
            title: "退回修改的绩效目标",
            perm: Perm::TargetEdit,
            who: Who::UnitOnly,
            sql: format!("{TARGET_SQL} ('一下')"),
            item_route: target,
            list_route: |_| "/targets".into(),
            query: &[("status", "一下")],
            overdue_only: false,
            mine: false,
            review: false,
        },
        Spec {
            kind: "target_draft",
            title: "待提交的绩效目标",
            perm: Perm::TargetEdit,
            who: Who::UnitOnly,
            sql: format!("{TARGET_SQL} ('编制')"),
            item_route: target,
            list_route: |_| "/targets".into(),
            query: &[("status", "编制")],
            overdue_only: false,
            mine: false,
            review: false,
        },
        Spec {
            kind: "target_review",
            title: "待审核的绩效目标（一上/二上）",
            perm: Perm::TargetReview,
            who: Who::Anyone,
            sql: format!("{TARGET_SQL} ('一上', '二上')"),
            item_route: target,
            list_route: |_| "/targets".into(),
            query: &[],
            overdue_only: false,
            mine: false,
            review: true,
        },
        Spec {
            kind: "monitor_fill",
            title: "待填报的监控情况表",
            perm: Perm::MonitorFill,
            who: Who::UnitOnly,
            sql: format!("{SHEET_SQL} ('待填报', '已退回')"),
            item_route: sheet,
            list_route: round,
            query: &[("status", "待填报")],
            overdue_only: false,
            mine: true,
            review: false,
        },
        Spec {
            kind: "monitor_review",
            title: "待审核的监控情况表",
            perm: Perm::MonitorReview,
            who: Who::Anyone,
            sql: format!("{SHEET_SQL} ('已提交')"),
            item_route: sheet,
            list_route: round,
            query: &[("status", "已提交")],
            overdue_only: false,
            mine: false,
            review: true,
        },
        Spec {
            kind: "monitor_overdue",
            title: "逾期未报的监控情况表（催报）",
            perm: Perm::MonitorReview,
            who: Who::BureauOnly,
            sql: format!("{SHEET_SQL} ('待填报', '已退回')"),
            item_route: sheet,
            list_route: round,
            query: &[("status", "待填报")],
            overdue_only: true,
            mine: false,
            review: false,
        },
        Spec {
            kind: "self_fill",
            title: "待填报的自评表",
            perm: Perm::SelfEvalFill,
            who: Who::UnitOnly,
            sql: "SELECT e.id, COALESCE(p.name, u.name || ' 部门整体'), e.unit_id, u.name,
                    p.managing_dept_id, NULL, NULL
                  FROM self_eval e JOIN org_unit u ON u.id = e.unit_id
                  LEFT JOIN project p ON p.id = e.project_id
                  WHERE e.deleted_at IS NULL AND e.status IN ('待填报', '填报中', '已退回')"
                .into(),
            item_route: |r| format!("/evaluation/self/{}", r.id),
            list_route: |_| "/evaluation/self".into(),
            query: &[("status", "待填报")],
            overdue_only: false,
            mine: false,
            review: false,
        },
        Spec {
            kind: "spot_review",
            title: "待复核的抽查项目",
            perm: Perm::SpotCheck,
            who: Who::Anyone,
            sql: "SELECT s.id, COALESCE(p.name, u.name || ' 部门整体'), e.unit_id, u.name,
                    p.managing_dept_id, NULL, NULL
                  FROM spot_check s JOIN spot_check_draw d ON d.id = s.draw_id
                  JOIN self_eval e ON e.id = s.self_eval_id
                  JOIN org_unit u ON u.id = e.unit_id LEFT JOIN project p ON p.id = e.project_id
                  WHERE s.deleted_at IS NULL AND d.deleted_at IS NULL AND d.is_current = 1
                    AND s.status = '待复核'"
                .into(),
            item_route: |_| "/evaluation/spot".into(),
            list_route: |_| "/evaluation/spot".into(),
            query: &[],
            overdue_only: false,
            mine: false,
            review: false,
        },
        Spec {
            kind: "key_eval",
            title: "进行中的重点评价",
            perm: Perm::KeyEval,
            who: Who::Anyone,
            sql: "SELECT k.id, k.object_name, k.unit_id, COALESCE(u.name, ''), NULL,
                    k.plan_end, NULL
                  FROM key_eval k LEFT JOIN org_unit u ON u.id = k.unit_id
                  WHERE k.deleted_at IS NULL AND k.status <> '定稿'"
                .into(),
            item_route: |r| format!("/evaluation/key/{}", r.id),
            list_route: |_| "/evaluation/key".into(),
            query: &[],
            overdue_only: false,
            mine: true,
            review: false,
        },
        Spec {
            kind: "rect_answer",
            title: "待反馈的整改事项",
            perm: Perm::RectFeedback,
            who: Who::UnitOnly,
            sql: format!("{RECT_SQL} ('下达', '整改中', '退回')"),
            item_route: rect,
            list_route: |_| "/results/rect".into(),
            query: &[],
            overdue_only: false,
            mine: true,
            review: false,
        },
        Spec {
            kind: "rect_verify",
            title: "待核实的整改反馈",
            perm: Perm::RectManage,
            who: Who::Anyone,
            sql: format!("{RECT_SQL} ('已反馈')"),
            item_route: rect,
            list_route: |_| "/results/rect".into(),
            query: &[("status", "已反馈")],
            overdue_only: false,
            mine: false,
            review: true,
        },
        Spec {
            kind: "rect_overdue",
            title: "逾期未整改的事项（催办）",
            perm: Perm::RectManage,
            who: Who::BureauOnly,
            sql: format!("{RECT_SQL} ('下达', '整改中', '退回')"),
            item_route: rect,
            list_route: |_| "/results/rect".into(),
            query: &[("overdue", "1")],
            overdue_only: true,
            mine: false,
            review: false,
        },
        Spec {
            kind: "doc_draft",
            title: "已起草未印发的文书",
            perm: Perm::Documents,
            who: Who::Anyone,
            sql: "SELECT d.id, d.title, d.unit_id, COALESCE(u.name, ''), NULL, NULL, NULL
                  FROM document d LEFT JOIN org_unit u ON u.id = d.unit_id
                  WHERE d.deleted_at IS NULL AND d.status = '草稿'"
                .into(),
            item_route: |r| format!("/results/documents/{}", r.id),
            list_route: |_| "/results/documents".into(),
            query: &[("status", "草稿")],
            overdue_only: false,
            mine: false,
            review: false,
        },
    ]
}

fn card(spec: &Spec, reach: &Reach, all: Vec<Row>, today: NaiveDate) -> TodoCard {
    let mut rows: Vec<(Row, Option<i64>)> = all
        .into_iter()
        .filter(|r| reach.sees(r.unit_id.as_deref(), r.managing.as_deref()))
        .map(|mut r| {
            if spec.review {
                r.due = None;
            }
            let d = days_left(r.due.as_deref(), today);
            (r, d)
        })
        .filter(|(_, d)| !spec.overdue_only || d.is_some_and(|d| d < 0))
        .collect();
    // Most urgent first; records without a deadline after those with one.
    rows.sort_by(|a, b| {
        (a.1.is_none(), a.1, &a.0.name, &a.0.id).cmp(&(b.1.is_none(), b.1, &b.0.name, &b.0.id))
    });
    let overdue = rows
        .iter()
        .filter(|(_, d)| d.is_some_and(|d| d < 0))
        .count() as i64;
    let due_soon = rows
        .iter()
        .filter(|(_, d)| d.is_some_and(|d| (0..=DUE_SOON_DAYS).contains(&d)))
        .count() as i64;
    let route = (spec.list_route)(rows.first().map(|(r, _)| r));
    TodoCard {
        kind: spec.kind.into(),
        title: spec.title.into(),
        count: rows.len() as i64,
        overdue,
        due_soon,
        route,
        query: spec
            .query
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        items: rows
            .iter()
            .take(ITEMS_PER_CARD)
            .map(|(r, d)| TodoItem {
                id: r.id.clone(),
                name: r.name.clone(),
                unit_name: r.unit_name.clone(),
                due: r.due.clone(),
                days_left: *d,
                route: (spec.item_route)(r),
            })
            .collect(),
    }
}

/// The account's previous login (the one before the current session), if any.
fn previous_login(c: &Connection, actor: &Actor) -> Result<Option<String>> {
    let Some(id) = actor.id.as_deref() else {
        return Ok(None);
    };
    Ok(c.query_row(
        "SELECT prev_login_at FROM account WHERE id = ?1",
        [id],
        |r| r.get::<_, Option<String>>(0),
    )
    .or_else(|e| match e {
        rusqlite::Error::QueryReturnedNoRows => Ok(None),
        e => Err(e),
    })?)
}

/// The 工作台 of `actor` on `today`; the progress strip is of `year`.
pub fn todo(c: &Connection, actor: &Actor, year: i32, today: NaiveDate) -> Result<Workbench> {
    let usable = my_access(c, actor)?.perms;
    let mut cards = Vec::new();
    let mut newly = Vec::new();
    let previous = previous_login(c, actor)?;
    let since = previous
        .as_deref()
        .and_then(|p| p.get(..10))
        .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
    for spec in specs() {
        let Some(r) = reach(c, actor, &usable, spec.perm)? else {
            continue;
        };
        let shown = match spec.who {
            Who::Anyone => true,
            Who::UnitOnly => r.unit_scoped,
            Who::BureauOnly => r.all,
        };
        if !shown {
            continue;
        }
        let card = card(&spec, &r, rows(c, &spec.sql)?, today);
        if spec.mine {
            if let Some(since) = since {
                // Overdue since the previous login: the deadline passed (due < today) and it
                // was still open on that day (due ≥ the previous login's date).
                let from = (since - today).num_days();
                for item in card
                    .items
                    .iter()
                    .filter(|i| i.days_left.is_some_and(|d| d < 0 && d >= from))
                {
                    newly.push(NewlyOverdue {
                        kind: card.kind.clone(),
                        what: card.title.clone(),
                        item: item.clone(),
                    });
                }
            }
        }
        cards.push(card);
    }
    if usable.contains(&Perm::Exchange) {
        let open: i64 = c.query_row(
            "SELECT COUNT(*) FROM sync_conflict WHERE status = '待处理'",
            [],
            |r| r.get(0),
        )?;
        cards.push(TodoCard {
            kind: "sync_conflict".into(),
            title: "待处理的数据冲突".into(),
            count: open,
            overdue: 0,
            due_soon: 0,
            route: "/sync/conflicts".into(),
            query: BTreeMap::new(),
            items: Vec::new(),
        });
        // Packages known to be lost (a gap in a PC's numbers): each PC is an item saying which.
        let gaps = crate::sync::history::gaps(c)?;
        cards.push(TodoCard {
            kind: "sync_missing".into(),
            title: "缺少的数据包".into(),
            count: gaps.iter().map(|g| g.missing.len() as i64).sum(),
            overdue: 0,
            due_soon: 0,
            route: "/sync/site".into(),
            query: BTreeMap::new(),
            items: gaps
                .iter()
                .map(|g| TodoItem {
                    id: g.site_id.clone(),
                    name: g.message.clone(),
                    unit_name: g.name.clone(),
                    due: None,
                    days_left: None,
                    route: "/sync/site".into(),
                })
                .collect(),
        });
    }
    let bureau = actor.is_system()
        || actor
            .roles
            .iter()
            .any(|r| matches!(r, Role::PerfMgmt | Role::ReadOnly));
    let progress = if bureau {
        year_progress(c, year)?
    } else {
        Vec::new()
    };
    Ok(Workbench {
        today: today.format("%Y-%m-%d").to_string(),
        cards,
        newly_overdue: newly,
        previous_login: previous,
        progress,
    })
}

fn stage(c: &Connection, stage: &str, sql: &str, year: i32) -> Result<StageProgress> {
    let (done, total): (i64, i64) =
        c.query_row(sql, params![year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(StageProgress {
        stage: stage.into(),
        done,
        total,
        share_bp: crate::rate::rate_bp(done, total).unwrap_or(0),
    })
}

/// The lifecycle stages of `year` with their completion share.
pub fn year_progress(c: &Connection, year: i32) -> Result<Vec<StageProgress>> {
    Ok(vec![
        stage(
            c,
            "目标批复",
            "SELECT COALESCE(SUM(status = '二下'), 0), COUNT(*) FROM perf_target
             WHERE fiscal_year = ?1 AND is_current = 1 AND deleted_at IS NULL",
            year,
        )?,
        stage(
            c,
            "监控轮次关闭",
            "SELECT COALESCE(SUM(status = '已关闭'), 0), COUNT(*) FROM monitor_round
             WHERE fiscal_year = ?1 AND deleted_at IS NULL",
            year,
        )?,
        stage(
            c,
            "自评提交",
            "SELECT COALESCE(SUM(status = '已提交'), 0), COUNT(*) FROM self_eval
             WHERE fiscal_year = ?1 AND deleted_at IS NULL",
            year,
        )?,
        stage(
            c,
            "文书印发",
            "SELECT COALESCE(SUM(status = '已印发'), 0), COUNT(*) FROM document
             WHERE fiscal_year = ?1 AND deleted_at IS NULL",
            year,
        )?,
        stage(
            c,
            "整改销号",
            "SELECT COALESCE(SUM(status = '销号'), 0), COUNT(*) FROM rectification
             WHERE fiscal_year = ?1 AND deleted_at IS NULL",
            year,
        )?,
    ])
}

/// The budget year a date falls in (the default year of the progress strip).
pub fn year_of(d: NaiveDate) -> i32 {
    d.year()
}
