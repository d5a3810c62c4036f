/**
 * Who is working and on which 预算年度. The header's year switcher writes `year`; every
 * year-scoped list (projects today, targets/monitoring later) reads it.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import dayjs from 'dayjs'
import { systemApi, type SystemStatus } from '../api/system'
import { orgApi } from '../api/org'
import { toIpcError, type IpcError } from '../api/invoke'

export const useSessionStore = defineStore('session', () => {
  const status = ref<SystemStatus | null>(null)
  const years = ref<number[]>([])
  /** The 年度 picked in the header; defaults to the newest year. */
  const year = ref<number>(dayjs().year())
  const loading = ref(false)
  const loadError = ref<IpcError | null>(null)

  const operator = computed(() => status.value?.operator ?? null)
  const operatorLabel = computed(() =>
    operator.value ? `${operator.value.name}（${operator.value.dept}）` : '',
  )
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
    if (pickNewest && years.value.length > 0) year.value = years.value[years.value.length - 1]!
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

  async function firstStart(name: string, dept: string, loadDemo: boolean) {
    const s = await systemApi.firstStart(name.trim(), dept.trim(), loadDemo)
    applyStatus(s, true)
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
    yearOptions,
    load,
    firstStart,
    addYear,
    setYear,
    applyStatus,
  }
})
