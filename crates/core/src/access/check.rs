//! The checks a core write makes before it touches a row: the permission, the unit reach of the
//! role that grants it, and this PC's authority (a 单位/乡镇 site decides nothing for the bureau
//! and touches only its own unit). Also what the UI asks to know which screens to show.

use super::roles::{Perm, Reach, Role};
use super::Actor;
use crate::db::WriteCtx;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// This PC's authority, read from the exchange identity (`sync_local`).
struct SiteAuthority {
    bureau: bool,
    kind: String,
    unit_id: Option<String>,
    unit_name: String,
}

fn site(c: &Connection) -> Result<SiteAuthority> {
    let row = c
        .query_row(
            "SELECT s.kind, s.unit_id, COALESCE(u.name, '')
             FROM sync_local s LEFT JOIN org_unit u ON u.id = s.unit_id WHERE s.id = 1",
            [],
            |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    // A database without an identity row yet (opened before the exchange installed it) is the
    // bureau's: that is what a new database becomes.
    let (kind, unit_id, unit_name) = row.unwrap_or_else(|| ("财政局".into(), None, String::new()));
    Ok(SiteAuthority {
        bureau: kind == "财政局",
        kind,
        unit_id,
        unit_name,
    })
}

fn unit_name(c: &Connection, unit_id: &str) -> Result<String> {
    Ok(
        c.query_row("SELECT name FROM org_unit WHERE id = ?1", [unit_id], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or_else(|| unit_id.to_string()),
    )
}

/// Whether `unit_id` is `scope` or below it in the unit tree.
pub(crate) fn within(c: &Connection, unit_id: &str, scope: &str) -> Result<bool> {
    Ok(c.query_row(
        "WITH RECURSIVE up(id, parent_id, depth) AS (
             SELECT id, parent_id, 0 FROM org_unit WHERE id = ?1
             UNION ALL
             SELECT o.id, o.parent_id, up.depth + 1 FROM org_unit o JOIN up ON o.id = up.parent_id
             WHERE up.depth < 64)
         SELECT EXISTS (SELECT 1 FROM up WHERE id = ?2)",
        params![unit_id, scope],
        |r| r.get(0),
    )?)
}

/// What a unit-scoped record belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Owner<'a> {
    pub unit_id: &'a str,
    /// The project's 主管股室 (业务股室 reach), when the record is a project's.
    pub managing_dept_id: Option<&'a str>,
}

fn refused(actor: &Actor, perm: Perm) -> Error {
    let who = if actor.roles.is_empty() {
        actor.name.clone()
    } else {
        actor.describe()
    };
    Error::Forbidden(format!(
        "无权限『{}』：当前账号 {who} 没有此权限，未做任何修改。如需办理，请联系系统管理员分配角色。",
        perm.label()
    ))
}

fn site_refusal(perm: Perm, s: &SiteAuthority) -> Error {
    Error::Forbidden(format!(
        "本机是{}的电脑（{}），『{}』是财政局的决定，须在财政局的电脑上办理，未做任何修改。",
        s.kind,
        if s.unit_name.is_empty() {
            "未绑定单位"
        } else {
            &s.unit_name
        },
        perm.label()
    ))
}

/// Refuses unless `actor` holds `perm` and, for a 财政局 decision, this PC is the bureau's.
pub fn require(c: &Connection, actor: &Actor, perm: Perm) -> Result<()> {
    if actor.is_system() {
        return Ok(());
    }
    if actor.roles_with(perm).next().is_none() {
        return Err(refused(actor, perm));
    }
    if perm.is_bureau_decision() {
        let s = site(c)?;
        if !s.bureau {
            return Err(site_refusal(perm, &s));
        }
    }
    Ok(())
}

/// [`require`], and the record's unit lies within the reach of a role granting `perm` and, on a
/// 单位/乡镇 PC, within that PC's unit.
pub fn require_owner(c: &Connection, actor: &Actor, perm: Perm, owner: Owner) -> Result<()> {
    require(c, actor, perm)?;
    if actor.is_system() {
        return Ok(());
    }
    let s = site(c)?;
    if let (false, Some(site_unit)) = (s.bureau, s.unit_id.as_deref()) {
        if !within(c, owner.unit_id, site_unit)? {
            return Err(Error::Forbidden(format!(
                "本机只办理{}及其下级单位的事项，『{}』不在其中，未做任何修改。",
                s.unit_name,
                unit_name(c, owner.unit_id)?
            )));
        }
    }
    for role in actor.roles_with(perm) {
        if reaches(c, actor, role, owner)? {
            return Ok(());
        }
    }
    let scope = match actor.unit_id.as_deref() {
        Some(u) => unit_name(c, u)?,
        None => "（未设置所属单位）".into(),
    };
    Err(Error::Forbidden(format!(
        "无权限『{}』：『{}』不在账号 {} 的办理范围（{scope}）内，未做任何修改。",
        perm.label(),
        unit_name(c, owner.unit_id)?,
        actor.describe()
    )))
}

fn reaches(c: &Connection, actor: &Actor, role: Role, owner: Owner) -> Result<bool> {
    match (role.reach(), actor.unit_id.as_deref()) {
        (Reach::All, _) | (Reach::ManagedBy, None) => Ok(true),
        (Reach::OwnUnit, None) => Ok(false),
        (Reach::OwnUnit, Some(scope)) => within(c, owner.unit_id, scope),
        (Reach::ManagedBy, Some(dept)) => match owner.managing_dept_id {
            Some(m) => Ok(m == dept),
            // A unit's own record (部门整体): the unit has a project this 股室 manages.
            None => Ok(c.query_row(
                "SELECT EXISTS (SELECT 1 FROM project WHERE unit_id = ?1
                     AND managing_dept_id = ?2 AND deleted_at IS NULL)",
                params![owner.unit_id, dept],
                |r| r.get(0),
            )?),
        },
    }
}

/// The owner of a project: its unit and 主管股室.
pub fn project_owner(c: &Connection, project_id: &str) -> Result<(String, Option<String>)> {
    c.query_row(
        "SELECT unit_id, managing_dept_id FROM project WHERE id = ?1",
        [project_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("项目不存在或已删除".into()))
}

/// Records owned by a unit (and, for a project's, by its 主管股室).
#[derive(Debug, Clone, Copy)]
pub enum Owned {
    /// perf_target
    Target,
    /// monitor_task (监控情况表)
    MonitorSheet,
    /// self_eval (自评表)
    SelfEval,
    /// rectification (整改事项)
    Rectification,
}

impl Owned {
    fn sql(self) -> &'static str {
        match self {
            Owned::Target => {
                "SELECT t.unit_id, p.managing_dept_id FROM perf_target t
                 LEFT JOIN project p ON p.id = t.project_id WHERE t.id = ?1"
            }
            Owned::MonitorSheet => {
                "SELECT t.unit_id, p.managing_dept_id FROM monitor_task t
                 LEFT JOIN project p ON p.id = t.project_id WHERE t.id = ?1"
            }
            Owned::SelfEval => {
                "SELECT t.unit_id, p.managing_dept_id FROM self_eval t
                 LEFT JOIN project p ON p.id = t.project_id WHERE t.id = ?1"
            }
            Owned::Rectification => "SELECT unit_id, NULL FROM rectification WHERE id = ?1",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Owned::Target => "绩效目标",
            Owned::MonitorSheet => "监控情况表",
            Owned::SelfEval => "自评表",
            Owned::Rectification => "整改事项",
        }
    }
}

impl WriteCtx<'_> {
    /// [`Self::require`] for an existing record: its unit (and project's 主管股室) must be in reach.
    pub fn require_row(&self, perm: Perm, kind: Owned, id: &str) -> Result<()> {
        let (unit_id, managing): (String, Option<String>) = self
            .query_row(kind.sql(), [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("{}不存在或已删除", kind.what())))?;
        require_owner(
            self,
            self.actor,
            perm,
            Owner {
                unit_id: &unit_id,
                managing_dept_id: managing.as_deref(),
            },
        )
    }

    /// Refuses (changing nothing) unless the acting account may `perm` on this PC.
    pub fn require(&self, perm: Perm) -> Result<()> {
        require(self, self.actor, perm)
    }

    /// [`Self::require`] for a record of `unit_id` (no 主管股室).
    pub fn require_unit(&self, perm: Perm, unit_id: &str) -> Result<()> {
        require_owner(
            self,
            self.actor,
            perm,
            Owner {
                unit_id,
                managing_dept_id: None,
            },
        )
    }

    /// [`Self::require`] for a project of `unit_id` managed by 股室 `managing_dept_id`.
    pub fn require_unit_managed(
        &self,
        perm: Perm,
        unit_id: &str,
        managing_dept_id: Option<&str>,
    ) -> Result<()> {
        require_owner(
            self,
            self.actor,
            perm,
            Owner {
                unit_id,
                managing_dept_id,
            },
        )
    }

    /// [`Self::require`] for a record of project `project_id` (its unit and 主管股室).
    pub fn require_project(&self, perm: Perm, project_id: &str) -> Result<()> {
        let (unit_id, managing) = project_owner(self, project_id)?;
        require_owner(
            self,
            self.actor,
            perm,
            Owner {
                unit_id: &unit_id,
                managing_dept_id: managing.as_deref(),
            },
        )
    }
}

/// What the signed-in account may do on this PC — the UI hides what is not listed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MyAccess {
    pub account_id: Option<String>,
    pub login: String,
    pub name: String,
    pub dept: String,
    pub roles: Vec<Role>,
    pub unit_id: Option<String>,
    pub unit_name: Option<String>,
    /// Permissions usable on this PC (bureau decisions left out on a 单位/乡镇 PC).
    pub perms: Vec<Perm>,
    /// 财政局 / 预算单位 / 乡镇.
    pub site_kind: String,
    pub site_unit_name: Option<String>,
}

pub fn my_access(c: &Connection, actor: &Actor) -> Result<MyAccess> {
    let s = site(c)?;
    let perms = Perm::ALL
        .iter()
        .copied()
        .filter(|p| actor.is_system() || actor.roles_with(*p).next().is_some())
        .filter(|p| s.bureau || !p.is_bureau_decision())
        .collect();
    let unit_name = match actor.unit_id.as_deref() {
        Some(u) => Some(unit_name(c, u)?),
        None => None,
    };
    Ok(MyAccess {
        account_id: actor.id.clone(),
        login: actor.login.clone(),
        name: actor.name.clone(),
        dept: actor.dept.clone(),
        roles: actor.roles.clone(),
        unit_id: actor.unit_id.clone(),
        unit_name,
        perms,
        site_kind: s.kind,
        site_unit_name: (!s.unit_name.is_empty()).then_some(s.unit_name),
    })
}
