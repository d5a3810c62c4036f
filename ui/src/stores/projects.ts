/**
 * 基础数据 › 项目: filters, paging and the current page. Paging and filtering run in core;
 * the year comes from the session store so the list follows the header's 年度.
 */
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import { projectsApi } from '../api/projects'
import type { BudgetType } from '../api/bindings/BudgetType'
import type { Project } from '../api/bindings/Project'
import type { ProjectCategory } from '../api/bindings/ProjectCategory'
import type { ProjectGrade } from '../api/bindings/ProjectGrade'
import type { ProjectQuery } from '../api/bindings/ProjectQuery'
import { toIpcError } from '../api/invoke'
import { useSessionStore } from './session'

export interface ProjectFilters {
  search: string
  unitId: string | null
  budgetType: BudgetType | null
  category: ProjectCategory | null
  grade: ProjectGrade | null
  /** 万元 text as typed. */
  minWan: string
  maxWan: string
}

export const PAGE_SIZES = [20, 50, 100] as const

function blankFilters(): ProjectFilters {
  return { search: '', unitId: null, budgetType: null, category: null, grade: null, minWan: '', maxWan: '' }
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim())

export const useProjectsStore = defineStore('projects', () => {
  const session = useSessionStore()
  const filters = reactive<ProjectFilters>(blankFilters())
  const page = ref(1)
  const pageSize = ref<number>(20)
  const rows = ref<Project[]>([])
  const total = ref(0)
  const totalAdjusted = ref(0)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let seq = 0

  function query(): ProjectQuery {
    return {
      year: session.year,
      unit_id: filters.unitId || null,
      budget_type: filters.budgetType || null,
      category: filters.category || null,
      grade: filters.grade || null,
      min_wan: orNull(filters.minWan),
      max_wan: orNull(filters.maxWan),
      search: orNull(filters.search),
      page: page.value,
      page_size: pageSize.value,
    }
  }

  /** Fetches the current page; a slower, older answer never overwrites a newer one. */
  async function load() {
    const mine = ++seq
    loading.value = true
    try {
      const res = await projectsApi.list(query())
      if (mine !== seq) return
      rows.value = res.rows
      total.value = res.total
      totalAdjusted.value = res.total_adjusted
      error.value = null
      // Deleting the last row of the last page: step back one page.
      if (res.rows.length === 0 && res.total > 0 && page.value > 1) {
        page.value = Math.max(1, Math.ceil(res.total / pageSize.value))
        await load()
      }
    } catch (e) {
      if (mine === seq) error.value = toIpcError(e).message
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function resetFilters() {
    Object.assign(filters, blankFilters())
  }

  async function remove(id: string) {
    await projectsApi.delete(id)
    await load()
  }

  return { filters, page, pageSize, rows, total, totalAdjusted, loading, error, query, load, resetFilters, remove }
})
