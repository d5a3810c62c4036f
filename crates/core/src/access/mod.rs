//! 账号、角色与权限 (accounts, roles, authority). Owns who acts ([`Actor`]), the permission table
//! ([`roles`]), the checks every core write makes before it touches a row ([`check`]), accounts
//! with argon2id passwords and lockout ([`accounts`], [`login`]).
//!
//! Invariants: a write names its actor; core refuses a permission the actor's roles lack, a unit
//! outside the role's reach, and a 财政局 decision on a 单位/乡镇 PC — the UI only hides what core
//! would refuse. A refusal changes nothing and is itself audited (by `Db::write`).

pub mod accounts;
pub mod check;
pub mod login;
pub mod roles;

pub use accounts::{Account, AccountInput};
pub use check::{my_access, MyAccess, Owned};
pub use login::{SecondReviewer, SecuritySettings};
pub use roles::{Perm, Role};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who performs an action: a signed-in account, or the program itself (migrations, the shipped
/// 指标库, automatic backups, the demo generator).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Actor {
    /// The account id (None only for the program itself).
    pub id: Option<String>,
    pub name: String,
    /// 科室 / 单位, e.g. 绩效股.
    pub dept: String,
    /// 登录名.
    pub login: String,
    pub roles: Vec<Role>,
    /// The account's unit: the scope of 单位填报, the 股室 of 业务股室.
    pub unit_id: Option<String>,
    /// The program itself: holds every permission. Never deserialised from outside.
    #[serde(skip)]
    #[ts(skip)]
    system: bool,
}

impl Actor {
    /// The program itself, for actions no person performs (start-up, migrations, demo data).
    pub fn system(name: &str) -> Actor {
        Actor {
            id: None,
            name: name.to_string(),
            dept: "系统".to_string(),
            login: String::new(),
            roles: Vec::new(),
            unit_id: None,
            system: true,
        }
    }

    /// A named person of the demo county (王晓梅 of 绩效股 …) doing the demo's steps, so the
    /// 操作日志 shows who did what; holds only `roles`. `system::demo_accounts` later creates
    /// accounts with the same logins and names.
    pub fn demo_person(login: &str, name: &str, dept: &str, roles: Vec<Role>) -> Actor {
        Actor {
            id: None,
            name: name.to_string(),
            dept: dept.to_string(),
            login: login.to_string(),
            roles,
            unit_id: None,
            system: false,
        }
    }

    /// An account's actor (built by [`login`] and by tests).
    pub fn account(
        id: &str,
        login: &str,
        name: &str,
        dept: &str,
        roles: Vec<Role>,
        unit_id: Option<String>,
    ) -> Actor {
        Actor {
            id: Some(id.to_string()),
            name: name.to_string(),
            dept: dept.to_string(),
            login: login.to_string(),
            roles,
            unit_id,
            system: false,
        }
    }

    pub fn is_system(&self) -> bool {
        self.system
    }

    /// Roles of this actor that grant `perm`.
    pub fn roles_with(&self, perm: Perm) -> impl Iterator<Item = Role> + '_ {
        self.roles
            .iter()
            .copied()
            .filter(move |r| r.perms().contains(&perm))
    }

    /// 「张三（绩效管理）」 for messages.
    pub fn describe(&self) -> String {
        let roles: Vec<&str> = self.roles.iter().map(|r| r.label()).collect();
        if roles.is_empty() {
            self.name.clone()
        } else {
            format!("{}（{}）", self.name, roles.join("、"))
        }
    }
}
