//! 用户管理: accounts of this PC (登录名, 姓名, 科室/单位, roles, 启用/停用) and their passwords.
//! Passwords are argon2id PHC strings (salted, parameters inside), never stored, logged or
//! audited in clear. Accounts never travel in exchange packages: each PC has its own.

use super::roles::{validate_roles, Perm, Role};
use crate::db::{new_id, WriteCtx};
use crate::{Error, Result};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Account {
    pub id: String,
    pub login: String,
    pub name: String,
    pub dept: String,
    pub unit_id: Option<String>,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    pub roles: Vec<Role>,
    pub enabled: bool,
    /// The person must choose a new password at the next login (a first or reset password).
    pub must_change: bool,
    /// No password yet: set at the next start (an administrator migrated from an older version).
    pub needs_password: bool,
    pub locked_until: Option<String>,
    pub last_login_at: Option<String>,
}

/// What 用户管理 sends to add or edit an account.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AccountInput {
    pub login: String,
    pub name: String,
    /// 科室 (bureau staff) — defaults to the unit's name.
    #[serde(default)]
    pub dept: String,
    pub roles: Vec<Role>,
    /// 所属单位: an org unit id or code (required for 单位填报).
    #[serde(default)]
    pub unit: Option<String>,
}

const COLUMNS: &str = "a.id, a.login, a.name, a.dept, a.unit_id, u.code, u.name, a.roles,
    a.enabled, a.must_change, a.password_hash IS NULL, a.locked_until, a.last_login_at";

fn from_row(r: &Row) -> rusqlite::Result<Account> {
    let roles: String = r.get(7)?;
    Ok(Account {
        id: r.get(0)?,
        login: r.get(1)?,
        name: r.get(2)?,
        dept: r.get(3)?,
        unit_id: r.get(4)?,
        unit_code: r.get(5)?,
        unit_name: r.get(6)?,
        roles: parse_roles(&roles),
        enabled: r.get(8)?,
        must_change: r.get(9)?,
        needs_password: r.get(10)?,
        locked_until: r.get(11)?,
        last_login_at: r.get(12)?,
    })
}

pub(crate) fn parse_roles(json: &str) -> Vec<Role> {
    serde_json::from_str::<Vec<String>>(json)
        .unwrap_or_default()
        .iter()
        .filter_map(|s| Role::parse(s))
        .collect()
}

fn roles_json(roles: &[Role]) -> String {
    serde_json::Value::from(roles.iter().map(|r| r.label()).collect::<Vec<_>>()).to_string()
}

/// Every account, by 登录名.
pub fn list(c: &Connection) -> Result<Vec<Account>> {
    let mut stmt = c.prepare(&format!(
        "SELECT {COLUMNS} FROM account a LEFT JOIN org_unit u ON u.id = a.unit_id
         WHERE a.deleted_at IS NULL ORDER BY a.login"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(c: &Connection, id: &str) -> Result<Account> {
    c.query_row(
        &format!(
            "SELECT {COLUMNS} FROM account a LEFT JOIN org_unit u ON u.id = a.unit_id
             WHERE a.id = ?1 AND a.deleted_at IS NULL"
        ),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("账号不存在".into()))
}

pub fn find_by_login(c: &Connection, login: &str) -> Result<Option<Account>> {
    Ok(c.query_row(
        &format!(
            "SELECT {COLUMNS} FROM account a LEFT JOIN org_unit u ON u.id = a.unit_id
             WHERE a.login = ?1 AND a.deleted_at IS NULL"
        ),
        [login.trim()],
        from_row,
    )
    .optional()?)
}

/// How many accounts exist (0 = first start).
pub fn count(c: &Connection) -> Result<i64> {
    Ok(c.query_row(
        "SELECT COUNT(*) FROM account WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// Password rule: at least 8 characters, with letters and digits.
pub fn check_password(field: &str, password: &str) -> Result<()> {
    let long = password.chars().count() >= 8;
    let letters = password.chars().any(|c| c.is_alphabetic());
    let digits = password.chars().any(|c| c.is_ascii_digit());
    if !(long && letters && digits) {
        return Err(Error::invalid(field, "至少 8 位，且须同时包含字母和数字"));
    }
    Ok(())
}

/// argon2id with the crate's default parameters (19 MiB, 2 passes), a fresh random salt.
pub(crate) fn hash_secret(secret: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| Error::File(format!("无法取得随机数：{e}")))?;
    let salt =
        SaltString::encode_b64(&salt).map_err(|e| Error::File(format!("无法生成口令盐值：{e}")))?;
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::File(format!("口令处理失败：{e}")))
}

pub(crate) fn verify_secret(secret: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(secret.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

fn resolve_unit(c: &Connection, unit: Option<&str>) -> Result<Option<(String, String)>> {
    let Some(key) = unit.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    c.query_row(
        "SELECT id, name FROM org_unit WHERE (id = ?1 OR code = ?1) AND deleted_at IS NULL",
        [key],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .map(Some)
    .ok_or_else(|| Error::invalid("所属单位", format!("找不到单位『{key}』，请填写单位编码")))
}

struct Checked {
    login: String,
    name: String,
    dept: String,
    unit_id: Option<String>,
}

fn validate(c: &Connection, input: &AccountInput, own_id: Option<&str>) -> Result<Checked> {
    let login = input.login.trim();
    if login.is_empty() || login.chars().count() > 32 || login.chars().any(char::is_whitespace) {
        return Err(Error::invalid("登录名", "请填写 1–32 个字符，不含空格"));
    }
    let name = input.name.trim();
    if name.is_empty() {
        return Err(Error::invalid("姓名", "不能为空"));
    }
    validate_roles(&input.roles)?;
    let unit = resolve_unit(c, input.unit.as_deref())?;
    if input.roles.iter().any(|r| r.needs_unit()) && unit.is_none() {
        return Err(Error::invalid(
            "所属单位",
            "『单位填报』账号须选择所属单位（只能办理该单位及其下级单位的事项）",
        ));
    }
    if let Some(other) = find_by_login(c, login)? {
        if Some(other.id.as_str()) != own_id {
            return Err(Error::Conflict(format!(
                "登录名『{login}』已被使用，请换一个"
            )));
        }
    }
    let dept = match (input.dept.trim(), &unit) {
        ("", Some((_, unit_name))) => unit_name.clone(),
        (d, _) => d.to_string(),
    };
    Ok(Checked {
        login: login.to_string(),
        name: name.to_string(),
        dept,
        unit_id: unit.map(|(id, _)| id),
    })
}

/// Inserts an account (no permission check: first start and `create` call it).
pub(crate) fn insert(
    ctx: &WriteCtx,
    input: &AccountInput,
    password: Option<&str>,
    must_change: bool,
) -> Result<Account> {
    let v = validate(ctx, input, None)?;
    let hash = match password {
        Some(p) => {
            check_password("密码", p)?;
            Some(hash_secret(p)?)
        }
        None => None,
    };
    let id = new_id();
    ctx.execute(
        "INSERT INTO account (id, login, name, dept, unit_id, roles, password_hash, must_change,
                              created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            id,
            v.login,
            v.name,
            v.dept,
            v.unit_id,
            roles_json(&input.roles),
            hash,
            must_change,
            ctx.now()
        ],
    )?;
    let account = get(ctx, &id)?;
    ctx.audit(
        "create",
        "account",
        Some(&id),
        &format!(
            "新建账号 {}（{}）",
            account.login,
            role_list(&account.roles)
        ),
        None,
        Some(&serde_json::to_value(&account)?),
    )?;
    Ok(account)
}

fn role_list(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.label())
        .collect::<Vec<_>>()
        .join("、")
}

/// 用户管理 › 新增: the first password is given by the administrator; the person changes it at
/// the first login.
pub fn create(ctx: &WriteCtx, input: &AccountInput, first_password: &str) -> Result<Account> {
    ctx.require(Perm::AccountsManage)?;
    insert(ctx, input, Some(first_password), true)
}

/// 用户管理 › 编辑: name, 科室, roles and unit (the 登录名 too, if still free).
pub fn update(ctx: &WriteCtx, id: &str, input: &AccountInput) -> Result<Account> {
    ctx.require(Perm::AccountsManage)?;
    let before = get(ctx, id)?;
    let v = validate(ctx, input, Some(id))?;
    if before.roles.contains(&Role::SysAdmin) && !input.roles.contains(&Role::SysAdmin) {
        ensure_another_admin(ctx, id)?;
    }
    ctx.execute(
        "UPDATE account SET login = ?2, name = ?3, dept = ?4, unit_id = ?5, roles = ?6,
                updated_at = ?7 WHERE id = ?1",
        params![
            id,
            v.login,
            v.name,
            v.dept,
            v.unit_id,
            roles_json(&input.roles),
            ctx.now()
        ],
    )?;
    let after = get(ctx, id)?;
    ctx.audit(
        "update",
        "account",
        Some(id),
        &format!("修改账号 {}（{}）", after.login, role_list(&after.roles)),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

fn ensure_another_admin(c: &Connection, id: &str) -> Result<()> {
    let others: i64 = c.query_row(
        "SELECT COUNT(*) FROM account WHERE id <> ?1 AND enabled = 1 AND deleted_at IS NULL
             AND roles LIKE '%系统管理员%'",
        [id],
        |r| r.get(0),
    )?;
    if others == 0 {
        return Err(Error::Conflict(
            "这是唯一启用的系统管理员账号，不能停用或取消其系统管理员角色".into(),
        ));
    }
    Ok(())
}

/// 启用 / 停用. A disabled account cannot log in; its history stays.
pub fn set_enabled(ctx: &WriteCtx, id: &str, enabled: bool) -> Result<Account> {
    ctx.require(Perm::AccountsManage)?;
    let before = get(ctx, id)?;
    if !enabled {
        if ctx.actor.id.as_deref() == Some(id) {
            return Err(Error::Conflict("不能停用当前登录的账号".into()));
        }
        if before.roles.contains(&Role::SysAdmin) {
            ensure_another_admin(ctx, id)?;
        }
    }
    ctx.execute(
        "UPDATE account SET enabled = ?2, failed_count = 0, locked_until = NULL, updated_at = ?3
         WHERE id = ?1",
        params![id, enabled, ctx.now()],
    )?;
    let after = get(ctx, id)?;
    ctx.audit(
        if enabled { "enable" } else { "disable" },
        "account",
        Some(id),
        &format!(
            "{}账号 {}",
            if enabled { "启用" } else { "停用" },
            after.login
        ),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// 重置密码 by the administrator: the person must change it at the next login; a lockout ends.
pub fn reset_password(ctx: &WriteCtx, id: &str, new_password: &str) -> Result<Account> {
    ctx.require(Perm::AccountsManage)?;
    check_password("新密码", new_password)?;
    let before = get(ctx, id)?;
    ctx.execute(
        "UPDATE account SET password_hash = ?2, must_change = 1, failed_count = 0,
                locked_until = NULL, updated_at = ?3 WHERE id = ?1",
        params![id, hash_secret(new_password)?, ctx.now()],
    )?;
    ctx.audit(
        "reset_password",
        "account",
        Some(id),
        &format!("重置账号 {} 的密码", before.login),
        None,
        None,
    )?;
    get(ctx, id)
}

/// 修改密码: the signed-in person, who proves the old one.
pub fn change_own_password(ctx: &WriteCtx, old: &str, new: &str) -> Result<Account> {
    let id = ctx
        .actor
        .id
        .clone()
        .ok_or_else(|| Error::Forbidden("请先登录".into()))?;
    let phc: Option<String> = ctx.query_row(
        "SELECT password_hash FROM account WHERE id = ?1 AND deleted_at IS NULL",
        [&id],
        |r| r.get(0),
    )?;
    if !phc.as_deref().is_some_and(|h| verify_secret(old, h)) {
        return Err(Error::invalid("原密码", "不正确"));
    }
    check_password("新密码", new)?;
    if old == new {
        return Err(Error::invalid("新密码", "不能与原密码相同"));
    }
    ctx.execute(
        "UPDATE account SET password_hash = ?2, must_change = 0, updated_at = ?3 WHERE id = ?1",
        params![id, hash_secret(new)?, ctx.now()],
    )?;
    ctx.audit("passwd", "account", Some(&id), "修改本人密码", None, None)?;
    get(ctx, &id)
}
