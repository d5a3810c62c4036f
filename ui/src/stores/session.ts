/**
 * Who is signed in (what core says the account may do), whether the screen is locked, and on
 * which 预算年度 they work. The header's year switcher writes `year`; every year-scoped list reads
 * it. The screen locks after the 安全设置's idle minutes without a key or mouse press.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import dayjs from 'dayjs'
import { systemApi, type SystemStatus } from '../api/system'
import { orgApi } from '../api/org'
import { setSessionLostHandler, toIpcError, type IpcError } from '../api/invoke'
import { accessApi, type SignedIn } from '../api/access'
import type { MyAccess } from '../api/bindings/MyAccess'
import type { Perm } from '../api/bindings/Perm'
import type { Role } from '../api/bindings/Role'

/**
 * Where the header's year is remembered between runs: the webview's storage, one entry per
 * database file (another database never inherits the year).
 */
export const yearKey = (dbPath: string) => `jixiao.year:${dbPath}`

function rememberedYear(dbPath: string): number | null {
  try {
    const v = Number(globalThis.localStorage?.getItem(yearKey(dbPath)))
    return Number.isInteger(v) && v >= 2000 && v <= 2100 ? v : null
  } catch {
    return null
  }
}

export const useSessionStore = defineStore('session', () => {
  const status = ref<SystemStatus | null>(null)
  const years = ref<number[]>([])
  /** The 年度 picked in the header; the one of the last run if the database has it, else the newest. */
  const year = ref<number>(dayjs().year())
  watch(year, (y) => {
    if (!status.value) return
    try {
      globalThis.localStorage?.setItem(yearKey(status.value.db_path), String(y))
    } catch {
      // Storage unavailable: the year is simply not remembered.
    }
  })
  const loading = ref(false)
  const loadError = ref<IpcError | null>(null)

  /** The signed-in account; null on the login screen. */
  const me = ref<MyAccess | null>(null)
  /** The screen is locked: the lock screen asks the password again. */
  const locked = ref(false)
  /** A first or reset password must be changed before anything else. */
  const mustChange = ref(false)
  const idleMinutes = ref(30)
  const operator = computed(() => me.value)
  const operatorLabel = computed(() => (me.value ? `${me.value.name}（${me.value.dept || me.value.roles.join('、')}）` : ''))
  /** Whether core lets this account do `perm` on this PC (the UI hides what it cannot do). */
  function can(perm: Perm): boolean {
    return me.value?.perms.includes(perm) ?? false
  }
  /** Signed in and core does not grant `perm`: the screen hides the button. */
  function denies(perm: Perm): boolean {
    return me.value !== null && !can(perm)
  }
  function hasRole(...roles: Role[]): boolean {
    return me.value?.roles.some((r) => roles.includes(r)) ?? false
  }
  /** 业务 screens are for business roles; 系统管理员 and 安全审计员 see only their own. */
  const isBusiness = computed(() => hasRole('绩效管理', '业务股室', '单位填报', '只读'))

  let idleTimer: ReturnType<typeof setTimeout> | null = null
  function touch() {
    if (!me.value || locked.value) return
    if (idleTimer) clearTimeout(idleTimer)
    idleTimer = setTimeout(() => void lock(), idleMinutes.value * 60_000)
  }
  if (typeof window !== 'undefined') {
    for (const ev of ['keydown', 'mousedown', 'wheel']) window.addEventListener(ev, touch, { passive: true })
  }
  setSessionLostHandler((code) => {
    if (code === 'Locked') locked.value = true
    else if (me.value) {
      me.value = null
      locked.value = false
    }
  })

  function applySignIn(s: SignedIn) {
    me.value = s.access
    mustChange.value = s.must_change
    idleMinutes.value = s.idle_minutes
    locked.value = false
    touch()
  }

  async function login(loginName: string, password: string) {
    applySignIn(await accessApi.login(loginName.trim(), password))
    applyStatus(await systemApi.status(), true)
  }

  async function unlock(password: string) {
    applySignIn(await accessApi.unlock(password))
  }

  async function lock() {
    if (!me.value) return
    locked.value = true
    await accessApi.lock().catch(() => undefined)
  }

  async function logout() {
    await accessApi.logout().catch(() => undefined)
    me.value = null
    locked.value = false
    mustChange.value = false
    await load()
  }
  /** Years for the switcher: never empty, always contains the selected one. */
  const yearOptions = computed(() => {
    const set = new Set(years.value)
    set.add(year.value)
    return [...set].sort((a, b) => b - a)
  })

  /** `pickNewest`: on start the switcher shows the newest year; later refreshes keep the pick. */
  function applyStatus(s: SystemStatus, pickNewest = false) {
    status.value = s
    setYears(s.years)
    if (pickNewest && years.value.length > 0) {
      const last = rememberedYear(s.db_path)
      year.value = last !== null && years.value.includes(last) ? last : years.value[years.value.length - 1]!
    }
  }

  /** Keeps the selected year if it still exists, else jumps to the newest. */
  function setYears(list: number[]) {
    years.value = [...list].sort((a, b) => a - b)
    if (!years.value.includes(year.value) && years.value.length > 0) {
      year.value = years.value[years.value.length - 1]!
    }
  }

  async function load() {
    loading.value = true
    loadError.value = null
    try {
      applyStatus(await systemApi.status(), true)
    } catch (e) {
      loadError.value = toIpcError(e)
    } finally {
      loading.value = false
    }
  }


  async function addYear(y: number) {
    setYears(await orgApi.yearAdd(y))
    year.value = y
  }

  function setYear(y: number) {
    year.value = y
  }

  return {
    status,
    years,
    year,
    loading,
    loadError,
    operator,
    operatorLabel,
    me,
    locked,
    mustChange,
    can,
    denies,
    hasRole,
    isBusiness,
    login,
    unlock,
    lock,
    logout,
    yearOptions,
    load,
    addYear,
    setYear,
    applyStatus,
  }
})
