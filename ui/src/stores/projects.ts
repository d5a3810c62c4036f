/**
 * 基础数据 › 项目: filters, paging and the current page. Paging and filtering run in core;
 * the year comes from the session store so the list follows the header's 年度.
 */
import { defineStore } from 'pinia'
import { computed, reactive } from 'vue'
import { PAGE_SIZES, usePagedList } from '../composables/usePagedList'
import type { ProjectPage } from '../api/bindings/ProjectPage'
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

export { PAGE_SIZES }

function blankFilters(): ProjectFilters {
  return { search: '', unitId: null, budgetType: null, category: null, grade: null, minWan: '', maxWan: '' }
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim())

export const useProjectsStore = defineStore('projects', () => {
  const session = useSessionStore()
  const filters = reactive<ProjectFilters>(blankFilters())
  const list = usePagedList<Project, ProjectPage>((p: number, size: number) => projectsApi.list(query(p, size)), {
    errorText: (e) => toIpcError(e).message,
  })
  const { page, pageSize, rows, total, loading, error, load } = list
  const totalAdjusted = computed(() => list.last.value?.total_adjusted ?? 0)

  function query(p: number = list.page.value, size: number = list.pageSize.value): ProjectQuery {
    return {
      year: session.year,
      unit_id: filters.unitId || null,
      budget_type: filters.budgetType || null,
      category: filters.category || null,
      grade: filters.grade || null,
      min_wan: orNull(filters.minWan),
      max_wan: orNull(filters.maxWan),
      search: orNull(filters.search),
      page: p,
      page_size: size,
    }
  }

  function resetFilters() {
    Object.assign(filters, blankFilters())
  }

  async function remove(id: string) {
    await projectsApi.delete(id)
    await load()
  }

  return {
    filters,
    page,
    pageSize,
    rows,
    total,
    totalAdjusted,
    loading,
    error,
    query,
    load,
    reloadFirstPage: list.reloadFirstPage,
    reloadSoon: list.reloadSoon,
    setPage: list.setPage,
    setPageSize: list.setPageSize,
    resetFilters,
    remove,
  }
})
