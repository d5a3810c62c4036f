//! 登录与用户管理: sign-in, lock/unlock, first start (the 系统管理员), the migrated
//! administrator's first password, recovery, 修改密码, 用户管理 and 安全设置. Core checks every
//! password and permission; the session here only remembers who signed in.

use crate::ipc_error::IpcError;
use crate::state::AppState;
use jixiao_core::access::login::{self, AdminCreated, SecuritySettings};
use jixiao_core::access::{accounts, my_access, Account, AccountInput, MyAccess, Perm};
use jixiao_core::system::{self, FirstStartInput};
use jixiao_core::Error;
use tauri::State;

fn me(state: &AppState) -> Result<MyAccess, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.read(|c| my_access(c, &actor))?)
}

/// The signed-in account and what it may do on this PC.
#[tauri::command(async)]
pub fn access_me(state: State<'_, AppState>) -> Result<MyAccess, IpcError> {
    me(&state)
}

/// 登录: must_change tells the window to ask for a new password first.
#[derive(serde::Serialize)]
pub struct SignedIn {
    pub access: MyAccess,
    pub must_change: bool,
    pub idle_minutes: u32,
}

fn signed_in(
    state: &AppState,
    actor: &jixiao_core::access::Actor,
    must_change: bool,
) -> Result<SignedIn, IpcError> {
    state.sign_in(actor);
    let db = state.db_unsigned();
    Ok(SignedIn {
        access: db.read(|c| my_access(c, actor))?,
        must_change,
        idle_minutes: db.read(login::settings)?.idle_minutes,
    })
}

#[tauri::command(async)]
pub fn access_login(
    state: State<'_, AppState>,
    login: String,
    password: String,
) -> Result<SignedIn, IpcError> {
    let (actor, account) = login::login(state.db_unsigned(), &login, &password)?;
    signed_in(&state, &actor, account.must_change)
}

#[tauri::command(async)]
pub fn access_logout(state: State<'_, AppState>) -> Result<(), IpcError> {
    if let Some(actor) = state.sign_out() {
        login::logout(state.db_unsigned(), &actor, "退出登录")?;
    }
    Ok(())
}

/// Locks the screen (idle or on request); the session stays, its commands are refused.
#[tauri::command(async)]
pub fn access_lock(state: State<'_, AppState>) -> Result<(), IpcError> {
    state.lock();
    Ok(())
}

/// 解锁: the locked session's own password (counted toward its lockout like a login).
#[tauri::command(async)]
pub fn access_unlock(state: State<'_, AppState>, password: String) -> Result<SignedIn, IpcError> {
    let id = state
        .locked_account()
        .ok_or_else(|| IpcError::from(Error::Unauthenticated("请先登录".into())))?;
    let db = state.db_unsigned();
    let account = db.read(|c| accounts::get(c, &id))?;
    let (actor, account) = login::login(db, &account.login, &password)?;
    state.unlock();
    signed_in(&state, &actor, account.must_change)
}

/// 首次使用: the 系统管理员 (and a blank or demo database when it is empty). Signs the
/// administrator in and returns the recovery code, shown once.
#[tauri::command(async)]
pub fn access_first_start(
    state: State<'_, AppState>,
    input: FirstStartInput,
) -> Result<AdminCreated, IpcError> {
    let created = system::first_start(state.db_unsigned(), &input)?;
    let (actor, _) = login::login(state.db_unsigned(), &input.login, &input.password)?;
    state.sign_in(&actor);
    Ok(created)
}

/// 用入网文件加入: a new unit/township PC joins from the 入网文件 the dialog returned, then gets
/// its 系统管理员 (signed in); returns the recovery code, shown once.
#[tauri::command(async)]
pub fn access_join(
    state: State<'_, AppState>,
    path: String,
    input: FirstStartInput,
) -> Result<AdminCreated, IpcError> {
    let path = state.picked(&path)?;
    let created = system::join(state.db_unsigned(), &path, &input)?;
    let (actor, _) = login::login(state.db_unsigned(), &input.login, &input.password)?;
    state.sign_in(&actor);
    Ok(created)
}

/// The administrator migrated from an older version sets its password.
#[tauri::command(async)]
pub fn access_set_pending_password(
    state: State<'_, AppState>,
    login: String,
    password: String,
) -> Result<AdminCreated, IpcError> {
    Ok(login::set_pending_password(
        state.db_unsigned(),
        &login,
        &password,
    )?)
}

/// 忘记密码 (系统管理员): the recovery code sets a new password; a new code is returned.
#[tauri::command(async)]
pub fn access_recover(
    state: State<'_, AppState>,
    login: String,
    code: String,
    new_password: String,
) -> Result<AdminCreated, IpcError> {
    Ok(login::recover_admin(
        state.db_unsigned(),
        &login,
        &code,
        &new_password,
    )?)
}

#[tauri::command(async)]
pub fn access_change_password(
    state: State<'_, AppState>,
    old_password: String,
    new_password: String,
) -> Result<Account, IpcError> {
    let actor = state.actor()?;
    Ok(state.db()?.write(&actor, |ctx| {
        accounts::change_own_password(ctx, &old_password, &new_password)
    })?)
}

#[tauri::command(async)]
pub fn access_users_list(state: State<'_, AppState>) -> Result<Vec<Account>, IpcError> {
    let actor = state.actor()?;
    let db = state.db()?;
    db.authorize(&actor, Perm::AccountsManage)?;
    Ok(db.read(accounts::list)?)
}

#[tauri::command(async)]
pub fn access_users_create(
    state: State<'_, AppState>,
    input: AccountInput,
    password: String,
) -> Result<Account, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| accounts::create(ctx, &input, &password))?)
}

#[tauri::command(async)]
pub fn access_users_update(
    state: State<'_, AppState>,
    id: String,
    input: AccountInput,
) -> Result<Account, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| accounts::update(ctx, &id, &input))?)
}

#[tauri::command(async)]
pub fn access_users_set_enabled(
    state: State<'_, AppState>,
    id: String,
    enabled: bool,
) -> Result<Account, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| accounts::set_enabled(ctx, &id, enabled))?)
}

#[tauri::command(async)]
pub fn access_users_reset_password(
    state: State<'_, AppState>,
    id: String,
    password: String,
) -> Result<Account, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| accounts::reset_password(ctx, &id, &password))?)
}

#[tauri::command(async)]
pub fn access_security_get(state: State<'_, AppState>) -> Result<SecuritySettings, IpcError> {
    Ok(state.db()?.read(login::settings)?)
}

#[tauri::command(async)]
pub fn access_security_save(
    state: State<'_, AppState>,
    settings: SecuritySettings,
) -> Result<SecuritySettings, IpcError> {
    let actor = state.actor()?;
    Ok(state
        .db()?
        .write(&actor, |ctx| login::set_settings(ctx, &settings))?)
}
