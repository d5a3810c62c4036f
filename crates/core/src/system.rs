//! 系统 — what the app shows about its database before and after sign-in, and first start: the
//! 系统管理员 account plus a blank or demo database, in one transaction.

use crate::access::accounts::{self, AccountInput};
use crate::access::login::{self, AdminCreated};
use crate::access::{Actor, Role};
use crate::db::{latest_version, Db};
use crate::{demo, library, org, Error, Result};
use chrono::Datelike;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SystemStatus {
    pub db_path: String,
    pub schema_version: i64,
    pub app_version: String,
    /// Accounts on this PC (0 = first start: create the 系统管理员).
    pub account_count: u32,
    /// The 登录名 of a migrated administrator who still has to set a password.
    pub pending_admin: Option<String>,
    /// The database already holds units or projects (first start then never offers 新建/示例).
    pub has_data: bool,
    pub years: Vec<i32>,
    pub unit_count: u32,
    pub project_count: u32,
}

pub fn status(db: &Db) -> Result<SystemStatus> {
    db.read(|c| {
        let count = |sql: &str| c.query_row(sql, [], |r| r.get::<_, u32>(0));
        let unit_count = count("SELECT COUNT(*) FROM org_unit WHERE deleted_at IS NULL")?;
        let project_count = count("SELECT COUNT(*) FROM project WHERE deleted_at IS NULL")?;
        Ok(SystemStatus {
            db_path: db
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "（内存数据库）".into()),
            schema_version: latest_version(),
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            account_count: accounts::count(c)? as u32,
            pending_admin: login::pending_admin(c)?.map(|a| a.login),
            has_data: unit_count > 0 || project_count > 0,
            years: org::list_years(c)?,
            unit_count,
            project_count,
        })
    })
}

/// What the first-start form sends.
#[derive(Debug, Clone, serde::Deserialize, TS)]
#[ts(export)]
pub struct FirstStartInput {
    pub login: String,
    pub name: String,
    pub dept: String,
    pub password: String,
    /// Load the 示例县 (only on an empty database); its accounts get the same password.
    pub load_demo: bool,
}

/// First start of a unit or township PC: joins the county from its 入网文件 (the reference data
/// and the unit's rows come from the bureau, so no shipped 指标库 and no blank year), then creates
/// the 系统管理员.
pub fn join(db: &Db, file: &std::path::Path, input: &FirstStartInput) -> Result<AdminCreated> {
    crate::sync::enrol::join(db, file)?;
    first_start(
        db,
        &FirstStartInput {
            load_demo: false,
            ..input.clone()
        },
    )
}

/// First start: creates the 系统管理员 and, on an empty database, the shipped 指标库 and either
/// the demo county (with one account per role) or the current year — all or nothing. A database
/// that already holds data only gets its administrator: nothing of it is replaced.
pub fn first_start(db: &Db, input: &FirstStartInput) -> Result<AdminCreated> {
    let year = db.clock().today().year();
    let has_data = status(db)?.has_data;
    if has_data && input.load_demo {
        return Err(Error::Conflict(
            "数据库中已有单位或项目，不能载入示例数据；只需创建系统管理员".into(),
        ));
    }
    let created = login::setup_admin(db, &input.login, &input.name, &input.dept, &input.password)?;
    if !has_data {
        db.write(&Actor::system("首次使用"), |ctx| {
            // The library first: the demo's 绩效目标 draw their indicators from it.
            library::install_starter(ctx)?;
            if input.load_demo {
                demo::generate_in(ctx, demo::DEFAULT_SEED)?;
                demo_accounts(ctx, &input.password)?;
            } else {
                org::ensure_year(ctx, year)?;
            }
            Ok(())
        })?;
    }
    Ok(created)
}

/// The demo county's accounts, one per role and one 单位填报 per township, all with `password`:
/// 审计员 `shenji`, 绩效管理 `jxg` (王晓梅) and `jxg2`, 业务股室 `ywgs`, 只读 `lingdao`, and
/// `xz` + the township's code for each 乡镇.
pub fn demo_accounts(ctx: &crate::db::WriteCtx, password: &str) -> Result<Vec<accounts::Account>> {
    let mut out = Vec::new();
    let mut add = |login: &str, name: &str, dept: &str, role: Role, unit: Option<String>| {
        if accounts::find_by_login(ctx, login)?.is_some() {
            return Ok(());
        }
        accounts::insert(
            ctx,
            &AccountInput {
                login: login.into(),
                name: name.into(),
                dept: dept.into(),
                roles: vec![role],
                unit,
            },
            Some(password),
            false,
        )
        .map(|a| out.push(a))
    };
    add("shenji", "刘审计", "办公室", Role::Auditor, None)?;
    add("jxg", "王晓梅", "绩效股", Role::PerfMgmt, None)?;
    add("jxg2", "陈志刚", "绩效股", Role::PerfMgmt, None)?;
    add("ywgs", "赵建国", "预算股", Role::BizDept, None)?;
    add("lingdao", "孙局长", "局领导", Role::ReadOnly, None)?;
    let townships: Vec<(String, String)> = ctx
        .prepare(
            "SELECT id, code FROM org_unit WHERE kind = '乡镇' AND deleted_at IS NULL ORDER BY code",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, code) in townships {
        add(
            &format!("xz{code}"),
            &format!("{code}填报员"),
            "",
            Role::UnitFiller,
            Some(id),
        )?;
    }
    Ok(out)
}
