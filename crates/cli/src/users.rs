//! `users list | add | disable | passwd` — 用户管理 from the command line. New passwords come
//! from `JIXIAO_NEW_PASSWORD`; the acting administrator signs in with `--user`.

use crate::auth::{actor, secret};
use crate::output::Out;
use clap::Subcommand;
use jixiao_core::access::{accounts, AccountInput, Role};
use jixiao_core::db::Db;
use jixiao_core::{Error, Result};

#[derive(Subcommand)]
pub enum UsersVerb {
    /// 列出账号（--json: [{"login","name","roles":[…],"unit_code","enabled"}]）
    List,
    /// 新增账号；首次密码取自环境变量 JIXIAO_NEW_PASSWORD，登录窗口会要求本人修改
    Add {
        login: String,
        #[arg(long)]
        name: String,
        /// 角色：系统管理员 / 安全审计员 / 绩效管理 / 业务股室 / 单位填报 / 只读（可重复）
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// 所属单位编码（单位填报必填；业务股室填所在股室）
        #[arg(long)]
        unit: Option<String>,
        /// 科室（默认取所属单位名称）
        #[arg(long, default_value = "")]
        dept: String,
    },
    /// 停用账号
    Disable { login: String },
    /// 重置密码（新密码取自环境变量 JIXIAO_NEW_PASSWORD）
    Passwd { login: String },
}

fn find(db: &Db, login: &str) -> Result<accounts::Account> {
    db.read(|c| accounts::find_by_login(c, login))?
        .ok_or_else(|| Error::NotFound(format!("找不到账号『{login}』")))
}

pub fn run(db: &Db, verb: UsersVerb, out: &Out) -> Result<()> {
    match verb {
        UsersVerb::List => {
            let list = db.read(accounts::list)?;
            let rows: Vec<serde_json::Value> = list
                .iter()
                .map(|a| {
                    serde_json::json!({
                        "login": a.login,
                        "name": a.name,
                        "roles": a.roles.iter().map(|r| r.label()).collect::<Vec<_>>(),
                        "unit_code": a.unit_code,
                        "enabled": a.enabled,
                    })
                })
                .collect();
            let text = list
                .iter()
                .map(|a| {
                    format!(
                        "{}\t{}\t{}\t{}\t{}",
                        a.login,
                        a.name,
                        a.roles
                            .iter()
                            .map(|r| r.label())
                            .collect::<Vec<_>>()
                            .join("、"),
                        a.unit_code.as_deref().unwrap_or("-"),
                        if a.enabled { "启用" } else { "停用" }
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out.value(&rows, &format!("{text}\n共 {} 个账号", list.len()))
        }
        UsersVerb::Add {
            login,
            name,
            roles,
            unit,
            dept,
        } => {
            let roles = roles
                .iter()
                .map(|r| {
                    Role::parse(r).ok_or_else(|| {
                        Error::invalid(
                            "角色",
                            format!("『{r}』不是角色，可选：{}", Role::choices()),
                        )
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let me = actor(db)?;
            let password = secret("JIXIAO_NEW_PASSWORD", &format!("{login} 的首次密码："))?;
            let a = db.write(&me, |ctx| {
                accounts::create(
                    ctx,
                    &AccountInput {
                        login: login.clone(),
                        name: name.clone(),
                        dept: dept.clone(),
                        roles: roles.clone(),
                        unit: unit.clone(),
                    },
                    &password,
                )
            })?;
            out.value(&a, &format!("已新增账号 {}（{}）", a.login, a.name))
        }
        UsersVerb::Disable { login } => {
            let me = actor(db)?;
            let a = find(db, &login)?;
            let a = db.write(&me, |ctx| accounts::set_enabled(ctx, &a.id, false))?;
            out.value(&a, &format!("已停用账号 {}", a.login))
        }
        UsersVerb::Passwd { login } => {
            let me = actor(db)?;
            let a = find(db, &login)?;
            let password = secret("JIXIAO_NEW_PASSWORD", &format!("{login} 的新密码："))?;
            let a = db.write(&me, |ctx| accounts::reset_password(ctx, &a.id, &password))?;
            out.value(
                &a,
                &format!("已重置账号 {} 的密码，本人下次登录时须修改", a.login),
            )
        }
    }
}
