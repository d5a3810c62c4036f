import { describe, expect, it } from 'vitest'
import ProjectsView from '../src/views/projects/ProjectsView.vue'
import type { ProjectQuery } from '../src/api/bindings/ProjectQuery'
import { useSessionStore } from '../src/stores/session'
import { useProjectsStore } from '../src/stores/projects'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { project, STATUS, UNITS } from './fixtures'

const PAGE = {
  total: 57,
  // Sum over all 57 matching rows, not just the two on this page.
  total_adjusted: 98765432100,
  rows: [
    project({}),
    project({
      id: 'p2',
      code: '2025-JY-002',
      name: '学生营养改善计划',
      new_or_continuing: '延续',
      period_start: 2024,
      period_end: 2026,
      initial_budget: 12865000,
      adjusted_budget: 12870000,
      grade: null,
    }),
  ],
}

function setup() {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  const calls = mockBackend({ org_units: () => UNITS, projects_list: () => PAGE })
  const queries = () => calls.filter((c) => c.cmd === 'projects_list').map((c) => c.args.query as ProjectQuery)
  return { pinia, calls, queries }
}

const last = <T>(list: T[]): T | undefined => list[list.length - 1]

const BLANK: ProjectQuery = {
  year: 2025,
  unit_id: null,
  budget_type: null,
  category: null,
  grade: null,
  min_wan: null,
  max_wan: null,
  search: null,
  page: 1,
  page_size: 20,
}

describe('ProjectsView', () => {
  it('asks for page 1 of the header year with no filters', async () => {
    const { pinia, queries } = setup()
    await mountWith(ProjectsView, { pinia })
    expect(queries()).toEqual([BLANK])
  })

  it('renders the rows and the total line from the ProjectPage', async () => {
    const { pinia } = setup()
    const { wrapper } = await mountWith(ProjectsView, { pinia })
    const table = wrapper.find('[data-testid=project-table]')
    expect(table.classes()).toContain('el-table')
    const text = table.text()
    expect(text).toContain('2025-JY-001')
    expect(text).toContain('义务教育学校校舍维修改造')
    expect(text).toContain('县第一中学')
    expect(text).toContain('1,286.50')
    expect(text).toContain('12.87') // 12870000 分
    expect(text).toContain('2024–2026')
    expect(text).toContain('延续')
    expect(wrapper.find('[data-testid=project-total]').text().replace(/\s+/g, '')).toBe(
      '共57个项目，调整后预算合计98,765.43万元',
    )
  })

  it('sends the search text (debounced) and resets to page 1', async () => {
    const { pinia, queries } = setup()
    const { wrapper } = await mountWith(ProjectsView, { pinia })
    useProjectsStore().page = 3
    await typeInto(wrapper.find('[data-testid=project-search] input').element, ' 校舍 ')
    expect(queries()).toHaveLength(1) // not yet: debounce
    await settle(350)
    expect(last(queries())).toEqual({ ...BLANK, search: '校舍', page: 1 })
  })

  it('sends the select filters and the 万元 range as text', async () => {
    const { pinia, queries } = setup()
    const { wrapper } = await mountWith(ProjectsView, { pinia })
    const f = useProjectsStore().filters
    f.unitId = 'u-edu'
    f.budgetType = '政府性基金预算'
    f.category = '运转类'
    f.grade = 'B'
    await settle()
    await typeInto(wrapper.find('[data-testid=project-min]').element, '100')
    await typeInto(wrapper.find('[data-testid=project-max]').element, '2000.5')
    await settle(350)
    expect(last(queries())).toEqual({
      ...BLANK,
      unit_id: 'u-edu',
      budget_type: '政府性基金预算',
      category: '运转类',
      grade: 'B',
      min_wan: '100',
      max_wan: '2000.5',
    })
  })

  it('does not query with an amount that is not a number', async () => {
    const { pinia, queries } = setup()
    const { wrapper } = await mountWith(ProjectsView, { pinia })
    await typeInto(wrapper.find('[data-testid=project-min]').element, '一百')
    await settle(350)
    expect(queries()).toHaveLength(1)
  })

  it('asks for the next page and for a clicked page number', async () => {
    const { pinia, queries } = setup()
    const { wrapper } = await mountWith(ProjectsView, { pinia })
    await wrapper.find('.el-pagination .btn-next').trigger('click')
    await settle()
    expect(last(queries())).toEqual({ ...BLANK, page: 2 })
    await wrapper.find('.el-pager li:nth-child(3)').trigger('click')
    await settle()
    expect(last(queries())).toEqual({ ...BLANK, page: 3 })
  })

  it('follows the header year back to page 1', async () => {
    const { pinia, queries } = setup()
    await mountWith(ProjectsView, { pinia })
    useProjectsStore().page = 2
    useSessionStore().setYear(2024)
    await settle()
    expect(last(queries())).toEqual({ ...BLANK, year: 2024, page: 1 })
  })
})

describe('ProjectsView page size', () => {
  it('asks for page 1 with the new page size', async () => {
    const { pinia, queries } = setup()
    const { wrapper } = await mountWith(ProjectsView, { pinia })
    useProjectsStore().page = 2
    wrapper.findComponent({ name: 'ElPagination' }).vm.$emit('size-change', 50)
    await settle()
    expect(last(queries())).toEqual({ ...BLANK, page: 1, page_size: 50 })
  })
})
