//! Who runs a command: `--user LOGIN` with the password from `JIXIAO_PASSWORD` (or typed at a
//! terminal). Core checks the account's permissions exactly as in the window; this module only
//! signs in, once per process.

use jixiao_core::access::{login, Actor};
use jixiao_core::db::Db;
use jixiao_core::{Error, Result};
use std::io::IsTerminal;
use std::sync::OnceLock;

static USER: OnceLock<Option<String>> = OnceLock::new();
static SIGNED_IN: OnceLock<Actor> = OnceLock::new();

pub fn set_user(user: Option<String>) {
    let _ = USER.set(user.filter(|u| !u.trim().is_empty()));
}

/// A secret from `var`, or typed at a terminal (not echoed).
pub fn secret(var: &str, prompt: &str) -> Result<String> {
    if let Ok(v) = std::env::var(var) {
        return Ok(v);
    }
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(prompt)
            .map_err(|e| Error::File(format!("无法读取密码：{e}")));
    }
    Err(Error::Unauthenticated(format!(
        "未提供密码：请在环境变量 {var} 中提供"
    )))
}

/// The signed-in account for a command that changes data.
pub fn actor(db: &Db) -> Result<Actor> {
    if let Some(a) = SIGNED_IN.get() {
        return Ok(a.clone());
    }
    let Some(user) = USER.get().cloned().flatten() else {
        return Err(Error::Unauthenticated(
            "此命令会修改数据：请用 --user 登录名 指定账号，并在环境变量 JIXIAO_PASSWORD 中提供密码"
                .into(),
        ));
    };
    let password = secret("JIXIAO_PASSWORD", &format!("{user} 的密码："))?;
    let (actor, _) = login::login(db, &user, &password)?;
    Ok(SIGNED_IN.get_or_init(|| actor).clone())
}

/// The actor of a read: the signed-in account when `--user` is given (its unit scope applies),
/// else the program itself (the whole county, as the other read commands).
pub fn reader(db: &Db) -> Result<Actor> {
    if USER.get().cloned().flatten().is_some() {
        return actor(db);
    }
    Ok(Actor::system("命令行"))
}
