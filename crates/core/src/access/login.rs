//! 登录: password check with lockout (N wrong passwords lock the account for M minutes), the
//! idle-lock setting, first start (the 系统管理员 and its one-time recovery code), and the A类
//! second reviewer's password check. Every attempt, success or not, is audited — in its own
//! transaction, so a refused login still leaves its trace.

use super::accounts::{self, check_password, hash_secret, verify_secret, Account, AccountInput};
use super::roles::{Perm, Role};
use super::Actor;
use crate::db::{Db, WriteCtx};
use crate::{Error, Result};
use chrono::{DateTime, Duration, Local};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// 安全设置 of this PC (系统设置 › 用户管理).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SecuritySettings {
    /// Wrong passwords in a row before the account locks (default 5).
    pub max_failed: u32,
    /// Minutes an account stays locked (default 15).
    pub lock_minutes: u32,
    /// Idle minutes before the screen locks (default 30).
    pub idle_minutes: u32,
}

impl Default for SecuritySettings {
    fn default() -> Self {
        SecuritySettings {
            max_failed: 5,
            lock_minutes: 15,
            idle_minutes: 30,
        }
    }
}

const SETTINGS_KEY: &str = "security_settings";

pub fn settings(c: &Connection) -> Result<SecuritySettings> {
    let json: Option<String> = c
        .query_row(
            "SELECT value FROM local_setting WHERE key = ?1",
            [SETTINGS_KEY],
            |r| r.get(0),
        )
        .optional()?;
    Ok(json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default())
}

pub fn set_settings(ctx: &WriteCtx, s: &SecuritySettings) -> Result<SecuritySettings> {
    ctx.require(Perm::AccountsManage)?;
    if !(3..=10).contains(&s.max_failed) {
        return Err(Error::invalid("连续输错次数", "须在 3–10 次之间"));
    }
    if !(1..=1440).contains(&s.lock_minutes) {
        return Err(Error::invalid("锁定时长（分钟）", "须在 1–1440 分钟之间"));
    }
    if !(1..=240).contains(&s.idle_minutes) {
        return Err(Error::invalid("无操作锁屏（分钟）", "须在 1–240 分钟之间"));
    }
    let before = settings(ctx)?;
    ctx.execute(
        "INSERT INTO local_setting (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        params![SETTINGS_KEY, serde_json::to_string(s)?, ctx.now()],
    )?;
    ctx.audit(
        "update",
        "security_settings",
        None,
        &format!(
            "安全设置：连续输错 {} 次锁定 {} 分钟，无操作 {} 分钟锁屏",
            s.max_failed, s.lock_minutes, s.idle_minutes
        ),
        Some(&serde_json::to_value(before)?),
        Some(&serde_json::to_value(s)?),
    )?;
    Ok(*s)
}

fn actor_of(a: &Account) -> Actor {
    Actor::account(
        &a.id,
        &a.login,
        &a.name,
        &a.dept,
        a.roles.clone(),
        a.unit_id.clone(),
    )
}

/// The actor of a signed-in account, read again (roles or unit may have changed).
pub fn actor_for(c: &Connection, account_id: &str) -> Result<Actor> {
    let a = accounts::get(c, account_id)?;
    if !a.enabled {
        return Err(Error::Unauthenticated(
            "该账号已停用，请联系系统管理员".into(),
        ));
    }
    Ok(actor_of(&a))
}

const WRONG: &str = "登录名或密码不正确";

/// Checks a password with the lockout rule. `Ok(Err(_))` is a refusal whose traces (failed
/// count, lockout, audit row) must still be committed.
fn attempt(ctx: &WriteCtx, login: &str, password: &str, what: &str) -> Result<Result<Account>> {
    let Some(a) = accounts::find_by_login(ctx, login)? else {
        ctx.audit(
            "login_failed",
            "account",
            None,
            &format!("{what}失败：登录名『{}』不存在", login.trim()),
            None,
            None,
        )?;
        return Ok(Err(Error::Unauthenticated(WRONG.into())));
    };
    if !a.enabled {
        ctx.audit(
            "login_failed",
            "account",
            Some(&a.id),
            &format!("{what}失败：账号 {} 已停用", a.login),
            None,
            None,
        )?;
        return Ok(Err(Error::Unauthenticated(
            "该账号已停用，请联系系统管理员".into(),
        )));
    }
    let now = ctx.clock.now();
    if let Some(until) = a.locked_until.as_deref().and_then(parse_stamp) {
        if until > now {
            ctx.audit(
                "login_failed",
                "account",
                Some(&a.id),
                &format!("{what}失败：账号 {} 锁定中", a.login),
                None,
                None,
            )?;
            return Ok(Err(Error::Unauthenticated(format!(
                "连续输错密码，账号已锁定，请于 {} 后再试，或请系统管理员重置密码",
                until.format("%H:%M")
            ))));
        }
    }
    let phc: Option<String> = ctx.query_row(
        "SELECT password_hash FROM account WHERE id = ?1",
        [&a.id],
        |r| r.get(0),
    )?;
    let Some(phc) = phc else {
        return Ok(Err(Error::Unauthenticated(format!(
            "账号 {} 尚未设置密码，请先设置密码",
            a.login
        ))));
    };
    if verify_secret(password, &phc) {
        ctx.execute(
            "UPDATE account SET failed_count = 0, locked_until = NULL WHERE id = ?1",
            [&a.id],
        )?;
        return Ok(Ok(a));
    }
    let s = settings(ctx)?;
    let failed: u32 = ctx.query_row(
        "UPDATE account SET failed_count = failed_count + 1 WHERE id = ?1 RETURNING failed_count",
        [&a.id],
        |r| r.get(0),
    )?;
    ctx.audit(
        "login_failed",
        "account",
        Some(&a.id),
        &format!(
            "{what}失败：账号 {} 密码错误（连续第 {failed} 次）",
            a.login
        ),
        None,
        None,
    )?;
    if failed >= s.max_failed {
        let until = now + Duration::minutes(i64::from(s.lock_minutes));
        ctx.execute(
            "UPDATE account SET failed_count = 0, locked_until = ?2 WHERE id = ?1",
            params![
                a.id,
                until.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
            ],
        )?;
        ctx.audit(
            "lockout",
            "account",
            Some(&a.id),
            &format!(
                "账号 {} 连续 {failed} 次密码错误，锁定 {} 分钟",
                a.login, s.lock_minutes
            ),
            None,
            None,
        )?;
        return Ok(Err(Error::Unauthenticated(format!(
            "连续 {failed} 次密码错误，账号已锁定 {} 分钟",
            s.lock_minutes
        ))));
    }
    Ok(Err(Error::Unauthenticated(format!(
        "{WRONG}（再错 {} 次将锁定账号）",
        s.max_failed - failed
    ))))
}

fn parse_stamp(s: &str) -> Option<DateTime<Local>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&Local))
}

/// 登录. Returns the account's actor; a refusal is audited and counted toward the lockout.
pub fn login(db: &Db, login: &str, password: &str) -> Result<(Actor, Account)> {
    let who = Actor::system(&format!("登录：{}", login.trim()));
    let a = db.write(&who, |ctx| attempt(ctx, login, password, "登录"))??;
    let actor = actor_of(&a);
    // The success is recorded as the account itself, not the program.
    db.write(&actor, |ctx| {
        ctx.execute(
            "UPDATE account SET prev_login_at = last_login_at, last_login_at = ?2 WHERE id = ?1",
            params![a.id, ctx.now()],
        )?;
        ctx.audit(
            "login",
            "account",
            Some(&a.id),
            &format!("登录：{}", a.login),
            None,
            None,
        )
    })?;
    Ok((actor, a))
}

/// Records a sign-out or screen lock.
pub fn logout(db: &Db, actor: &Actor, why: &str) -> Result<()> {
    db.write(actor, |ctx| {
        ctx.audit("logout", "account", actor.id.as_deref(), why, None, None)
    })
}

/// A one-time recovery code: 4 groups of 4 characters without look-alikes.
fn recovery_code() -> Result<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| Error::File(format!("无法取得随机数：{e}")))?;
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    Ok(chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

/// What first start returns once: the administrator and the recovery code to write down.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AdminCreated {
    pub account: Account,
    /// Shown once; with it a forgotten administrator password can be reset.
    pub recovery_code: String,
}

/// First start: creates the 系统管理员 of an empty account table.
pub fn setup_admin(
    db: &Db,
    login: &str,
    name: &str,
    dept: &str,
    password: &str,
) -> Result<AdminCreated> {
    db.write(&Actor::system("首次使用"), |ctx| {
        create_admin(ctx, login, name, dept, password)
    })
}

/// [`setup_admin`] inside a larger first-start transaction (the CLI's `demo --admin`).
pub fn create_admin(
    ctx: &WriteCtx,
    login: &str,
    name: &str,
    dept: &str,
    password: &str,
) -> Result<AdminCreated> {
    if accounts::count(ctx)? > 0 {
        return Err(Error::Conflict(
            "本机已有账号，不能再次创建首个管理员；请用已有账号登录".into(),
        ));
    }
    let code = recovery_code()?;
    let account = accounts::insert(
        ctx,
        &AccountInput {
            login: login.into(),
            name: name.into(),
            dept: dept.into(),
            roles: vec![Role::SysAdmin],
            unit: None,
        },
        Some(password),
        false,
    )?;
    ctx.execute(
        "UPDATE account SET recovery_hash = ?2 WHERE id = ?1",
        params![account.id, hash_secret(&code)?],
    )?;
    Ok(AdminCreated {
        account,
        recovery_code: code,
    })
}

/// The administrator of an older database (migrated from the operator profile), whose password
/// is set at the next start; None when every account has one.
pub fn pending_admin(c: &Connection) -> Result<Option<Account>> {
    Ok(accounts::list(c)?
        .into_iter()
        .find(|a| a.needs_password && a.roles.contains(&Role::SysAdmin)))
}

/// Sets the first password of the migrated administrator and issues its recovery code.
pub fn set_pending_password(db: &Db, login: &str, password: &str) -> Result<AdminCreated> {
    check_password("密码", password)?;
    let code = recovery_code()?;
    let (hash, code_hash) = (hash_secret(password)?, hash_secret(&code)?);
    db.write(&Actor::system("首次使用"), |ctx| {
        let a = pending_admin(ctx)?
            .filter(|a| a.login == login.trim())
            .ok_or_else(|| Error::Conflict("该账号已设置密码，请直接登录".into()))?;
        ctx.execute(
            "UPDATE account SET password_hash = ?2, recovery_hash = ?3, must_change = 0,
                    updated_at = ?4 WHERE id = ?1",
            params![a.id, hash, code_hash, ctx.now()],
        )?;
        ctx.audit(
            "set_password",
            "account",
            Some(&a.id),
            &format!("系统管理员 {} 设置首次密码", a.login),
            None,
            None,
        )?;
        Ok(AdminCreated {
            account: accounts::get(ctx, &a.id)?,
            recovery_code: code.clone(),
        })
    })
}

/// 忘记密码: the administrator's recovery code sets a new password and issues a new code.
pub fn recover_admin(db: &Db, login: &str, code: &str, new_password: &str) -> Result<AdminCreated> {
    check_password("新密码", new_password)?;
    let next = recovery_code()?;
    let (hash, next_hash) = (hash_secret(new_password)?, hash_secret(&next)?);
    let who = Actor::system(&format!("找回密码：{}", login.trim()));
    db.write(&who, |ctx| {
        let a = accounts::find_by_login(ctx, login)?.filter(|a| a.roles.contains(&Role::SysAdmin));
        let stored: Option<String> = match &a {
            Some(a) => ctx.query_row(
                "SELECT recovery_hash FROM account WHERE id = ?1",
                [&a.id],
                |r| r.get(0),
            )?,
            None => None,
        };
        let code = code.trim().to_uppercase();
        let (Some(a), true) = (
            a,
            stored.as_deref().is_some_and(|h| verify_secret(&code, h)),
        ) else {
            ctx.audit(
                "recover_failed",
                "account",
                None,
                &format!("找回密码失败：{}", login.trim()),
                None,
                None,
            )?;
            return Ok(Err(Error::Unauthenticated(
                "登录名或恢复码不正确（恢复码只对系统管理员有效）".into(),
            )));
        };
        ctx.execute(
            "UPDATE account SET password_hash = ?2, recovery_hash = ?3, must_change = 0,
                    failed_count = 0, locked_until = NULL, updated_at = ?4 WHERE id = ?1",
            params![a.id, hash, next_hash, ctx.now()],
        )?;
        ctx.audit(
            "recover",
            "account",
            Some(&a.id),
            &format!("系统管理员 {} 用恢复码重设密码", a.login),
            None,
            None,
        )?;
        Ok(Ok(AdminCreated {
            account: accounts::get(ctx, &a.id)?,
            recovery_code: next.clone(),
        }))
    })?
}

/// An A类 复核人 whose password was checked by core; only [`verify_second_reviewer`] makes one
/// (`non_exhaustive`: no code outside core can build one without the password).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SecondReviewer {
    /// None only for the demo county's generated approvals.
    pub account_id: Option<String>,
    pub login: String,
    pub name: String,
}

impl SecondReviewer {
    /// The demo county's named 复核人 (its approvals are generated, not signed by a person).
    pub(crate) fn demo(name: &str) -> SecondReviewer {
        SecondReviewer {
            account_id: None,
            login: String::new(),
            name: name.to_string(),
        }
    }
}

/// The A类 two-person rule: a second account holding 业务股室 or 绩效管理, not the actor, proves
/// itself with its own password. Wrong passwords count toward that account's lockout.
pub fn verify_second_reviewer(
    db: &Db,
    actor: &Actor,
    login: &str,
    password: &str,
) -> Result<SecondReviewer> {
    if login.trim().is_empty() {
        return Err(Error::invalid(
            "复核人",
            "A类项目的绩效目标须经第二人复核：请复核人输入其登录名和密码",
        ));
    }
    let a = db.write(actor, |ctx| attempt(ctx, login, password, "复核人验证"))?;
    let a = a.map_err(|e| Error::invalid("复核人", e.to_string()))?;
    if actor.id.as_deref() == Some(a.id.as_str()) {
        return Err(Error::invalid(
            "复核人",
            "复核人不能是审核人本人，请由另一位工作人员输入其账号和密码",
        ));
    }
    if !a
        .roles
        .iter()
        .any(|r| matches!(r, Role::BizDept | Role::PerfMgmt))
    {
        return Err(Error::invalid(
            "复核人",
            format!(
                "账号 {} 没有『业务股室』或『绩效管理』角色，不能作复核人",
                a.login
            ),
        ));
    }
    Ok(SecondReviewer {
        account_id: Some(a.id),
        login: a.login,
        name: a.name,
    })
}
