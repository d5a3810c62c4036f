/** 登录与用户管理: sign-in, lock, first start, 修改密码, 用户管理, 安全设置 (core decides every check). */
import { call } from './invoke'
import type { Account } from './bindings/Account'
import type { AccountInput } from './bindings/AccountInput'
import type { AdminCreated } from './bindings/AdminCreated'
import type { FirstStartInput } from './bindings/FirstStartInput'
import type { MyAccess } from './bindings/MyAccess'
import type { SecuritySettings } from './bindings/SecuritySettings'

/** A successful sign-in: what the account may do; `must_change` asks for a new password first. */
export interface SignedIn {
  access: MyAccess
  must_change: boolean
  idle_minutes: number
}

export const accessApi = {
  me: () => call<MyAccess>('access_me'),
  login: (login: string, password: string) => call<SignedIn>('access_login', { login, password }),
  logout: () => call<void>('access_logout'),
  lock: () => call<void>('access_lock'),
  unlock: (password: string) => call<SignedIn>('access_unlock', { password }),
  firstStart: (input: FirstStartInput) => call<AdminCreated>('access_first_start', { input }),
  /** 用入网文件加入: `path` from the open dialog. */
  join: (path: string, input: FirstStartInput) => call<AdminCreated>('access_join', { path, input }),
  setPendingPassword: (login: string, password: string) =>
    call<AdminCreated>('access_set_pending_password', { login, password }),
  recover: (login: string, code: string, newPassword: string) =>
    call<AdminCreated>('access_recover', { login, code, newPassword }),
  changePassword: (oldPassword: string, newPassword: string) =>
    call<Account>('access_change_password', { oldPassword, newPassword }),
  users: () => call<Account[]>('access_users_list'),
  createUser: (input: AccountInput, password: string) => call<Account>('access_users_create', { input, password }),
  updateUser: (id: string, input: AccountInput) => call<Account>('access_users_update', { id, input }),
  setEnabled: (id: string, enabled: boolean) => call<Account>('access_users_set_enabled', { id, enabled }),
  resetPassword: (id: string, password: string) => call<Account>('access_users_reset_password', { id, password }),
  security: () => call<SecuritySettings>('access_security_get'),
  saveSecurity: (settings: SecuritySettings) => call<SecuritySettings>('access_security_save', { settings }),
}
