import { describe, expect, it } from 'vitest'
import LibraryView from '../src/views/library/LibraryView.vue'
import IndicatorForm from '../src/views/library/IndicatorForm.vue'
import type { IndicatorCategory } from '../src/api/bindings/IndicatorCategory'
import type { LibraryIndicator } from '../src/api/bindings/LibraryIndicator'
import type { LibraryIndicatorInput } from '../src/api/bindings/LibraryIndicatorInput'
import type { LibraryQuery } from '../src/api/bindings/LibraryQuery'
import { useLibraryStore } from '../src/stores/library'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'

const $ = (sel: string) => document.body.querySelector(sel)
const $$ = (sel: string) => [...document.body.querySelectorAll<HTMLElement>(sel)]

const CATEGORIES: IndicatorCategory[] = [
  { id: 'c-edu', name: '教育', sort: 1, indicator_count: 25, case_count: 2 },
  { id: 'c-agri', name: '农业农村', sort: 2, indicator_count: 12, case_count: 1 },
]

function indicator(over: Partial<LibraryIndicator>): LibraryIndicator {
  return {
    id: 'i1',
    category_id: 'c-edu',
    category_name: '教育',
    level1: '产出指标',
    level2: '数量指标',
    name: '资助学生人数',
    explanation: '当年资助的家庭经济困难学生人次',
    unit: '人次',
    nature: '≥',
    reference: '≥1000',
    is_core: true,
    project_kinds: '补助类',
    source: '内置',
    updated_at: '2025-03-01T10:00:00+08:00',
    ...over,
  }
}

const PAGE = {
  total: 37,
  rows: [
    indicator({}),
    indicator({ id: 'i2', level2: '质量指标', name: '校舍验收合格率', nature: '=', reference: '100%', is_core: false }),
  ],
}

const CASE = {
  case: {
    id: 'k1',
    category_id: 'c-edu',
    category_name: '教育',
    title: '学生资助项目',
    project_example: '家庭经济困难学生资助',
    overall_goal: '应助尽助，资助资金按时足额发放。',
    indicator_count: 2,
  },
  indicators: [
    { id: 'x1', seq: 1, level1: '产出指标', level2: '数量指标', name: '资助学生人数', nature: '≥', value: '1200', value_high: null, value_text: '1200', unit: '人次', weight_cp: 3000 },
    { id: 'x2', seq: 2, level1: '产出指标', level2: '质量指标', name: '资助准确率', nature: '区间', value: '95', value_high: '100', value_text: '95-100', unit: '%', weight_cp: 1250 },
  ],
}

function setup(handlers: Record<string, (a: Record<string, any>) => unknown> = {}) {
  const pinia = freshPinia()
  const calls = mockBackend({
    library_categories: () => CATEGORIES,
    library_list: () => PAGE,
    library_cases: () => [CASE.case],
    library_case_get: () => CASE,
    library_create: (a) => indicator({ id: 'new', name: a.input.name }),
    library_update: (a) => indicator({ id: a.id }),
    ...handlers,
  })
  const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)
  const queries = () => sent('library_list').map((a) => a.query as LibraryQuery)
  return { pinia, calls, sent, queries }
}

const last = <T>(list: T[]): T | undefined => list[list.length - 1]

const BLANK: LibraryQuery = {
  category_id: null,
  level1: null,
  level2: null,
  nature: null,
  core_only: false,
  search: null,
  page: 1,
  page_size: 20,
}

/** Opens an el-select by its test id and returns the texts of its visible options. */
async function openSelect(testId: string, popper?: string): Promise<HTMLElement[]> {
  ;($(`[data-testid=${testId}] .el-select__wrapper`) as HTMLElement).click()
  await settle(20)
  const items = $$(`${popper ? `.${popper} ` : ''}.el-select-dropdown__item`)
  return items.filter((o) => o.style.display !== 'none')
}

describe('LibraryView', () => {
  it('asks for page 1 with no filters and shows the categories with their counts', async () => {
    const { pinia, queries } = setup()
    const { wrapper } = await mountWith(LibraryView, { pinia })
    expect(queries()).toEqual([BLANK])
    const cats = wrapper.find('[data-testid=library-categories]').text().replace(/\s+/g, '')
    expect(cats).toBe('全部37教育25农业农村12')
    const table = wrapper.find('[data-testid=library-table]').text()
    for (const t of ['资助学生人数', '校舍验收合格率', '数量指标', '≥1000', '人次', '核心']) expect(table).toContain(t)
    expect(wrapper.find('[data-testid=library-total]').text().replace(/\s+/g, '')).toBe('共37个指标')
  })

  it('clicking a category asks for that category from page 1; 全部 clears it', async () => {
    const { pinia, queries } = setup()
    const { wrapper } = await mountWith(LibraryView, { pinia })
    useLibraryStore().page = 2
    const item = wrapper.findAll('[data-testid=library-categories] li').find((li) => li.text().startsWith('农业农村'))!
    await item.trigger('click')
    await settle()
    expect(last(queries())).toEqual({ ...BLANK, category_id: 'c-agri' })
    expect(wrapper.find('[data-testid=library-total]').text()).toContain('（农业农村）')
    await wrapper.find('[data-testid=library-category-all]').trigger('click')
    await settle()
    expect(last(queries())).toEqual(BLANK)
  })

  it('sends the search text trimmed, after the debounce', async () => {
    const { pinia, queries } = setup()
    const { wrapper } = await mountWith(LibraryView, { pinia })
    await typeInto(wrapper.find('[data-testid=library-search] input').element, ' 满意度 ')
    expect(queries()).toHaveLength(1)
    await settle(350)
    expect(last(queries())).toEqual({ ...BLANK, search: '满意度' })
  })

  it('sends 一级, 二级, 性质 and 仅核心指标; a new 一级 drops a 二级 that is not under it', async () => {
    const { pinia, queries } = setup()
    await mountWith(LibraryView, { pinia })
    const f = useLibraryStore().filters
    f.level1 = '效益指标'
    f.level2 = '社会效益指标'
    f.nature = '定性'
    f.coreOnly = true
    await settle()
    expect(last(queries())).toEqual({
      ...BLANK,
      level1: '效益指标',
      level2: '社会效益指标',
      nature: '定性',
      core_only: true,
    })
    f.level1 = '产出指标'
    await settle()
    expect(last(queries())).toEqual({ ...BLANK, level1: '产出指标', nature: '定性', core_only: true })
  })

  it('offers only the 二级 of the chosen 一级 in the filter', async () => {
    const { pinia } = setup()
    await mountWith(LibraryView, { pinia })
    useLibraryStore().filters.level1 = '满意度指标'
    await settle()
    const options = await openSelect('library-filter-level2', 'library-filter-level2-dropdown')
    expect(options.map((o) => o.textContent?.trim())).toEqual(['服务对象满意度指标'])
  })

  it('asks for the next page on the server', async () => {
    const { pinia, queries } = setup()
    const { wrapper } = await mountWith(LibraryView, { pinia })
    await wrapper.find('.el-pagination .btn-next').trigger('click')
    await settle()
    expect(last(queries())).toEqual({ ...BLANK, page: 2 })
  })

  it('the 案例 tab lists the category cases and shows the goal and rows of the clicked one', async () => {
    const { pinia, sent } = setup()
    const { wrapper } = await mountWith(LibraryView, { pinia })
    useLibraryStore().filters.categoryId = 'c-edu'
    await settle()
    const tab = wrapper.findAll('.el-tabs__item').find((t) => t.text() === '案例')!
    await tab.trigger('click')
    await settle(20)
    expect(sent('library_cases')).toEqual([{ categoryId: 'c-edu' }])
    expect(wrapper.find('[data-testid=library-cases]').text()).toContain('学生资助项目')
    expect(sent('library_case_get')).toEqual([{ id: 'k1' }])
    expect(wrapper.find('[data-testid=library-case-goal]').text()).toBe('应助尽助，资助资金按时足额发放。')
    const rows = wrapper.findAll('[data-testid=library-case-table] .el-table__body tr').map((tr) =>
      tr.findAll('td').map((td) => td.text()),
    )
    expect(rows).toEqual([
      ['1', '产出指标', '数量指标', '资助学生人数', '≥', '1200', '人次', '30'],
      ['2', '产出指标', '质量指标', '资助准确率', '区间', '95-100', '%', '12.5'],
    ])
    expect(wrapper.find('[data-testid=library-case-detail]').text()).toContain('分值合计 42.5 分')
  })
})

describe('IndicatorForm', () => {
  async function mountForm(handlers: Record<string, (a: Record<string, any>) => unknown> = {}, props: Record<string, unknown> = {}) {
    const s = setup(handlers)
    useLibraryStore().categories = CATEGORIES
    const m = await mountWith(IndicatorForm, { pinia: s.pinia, props: { modelValue: true, indicator: null, defaultCategoryId: 'c-edu', ...props } })
    return { ...s, ...m }
  }

  async function clickSave() {
    ;($('[data-testid=library-save]') as HTMLButtonElement).click()
    await settle(150)
  }

  it('offers the 二级 of the chosen 一级 and clears a 二级 that does not belong', async () => {
    await mountForm()
    let options = await openSelect('library-form-level2', 'library-level2-dropdown')
    expect(options.map((o) => o.textContent?.trim())).toEqual(['数量指标', '质量指标', '时效指标', '成本指标'])

    const l1 = await openSelect('library-form-level1', 'library-level1-dropdown')
    l1.find((o) => o.textContent?.trim() === '效益指标')!.click()
    await settle(20)
    expect(($('[data-testid=library-form-level2] .el-select__placeholder') as HTMLElement).textContent?.trim()).toBe('选择二级指标')
    options = await openSelect('library-form-level2', 'library-level2-dropdown')
    expect(options.map((o) => o.textContent?.trim())).toEqual(['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'])

    // 满意度 has one 二级: it is taken.
    const l1b = await openSelect('library-form-level1', 'library-level1-dropdown')
    l1b.find((o) => o.textContent?.trim() === '满意度指标')!.click()
    await settle(20)
    expect($('[data-testid=library-form-level2]')!.textContent).toContain('服务对象满意度指标')
  })

  it('sends the trimmed input to library_create', async () => {
    const { sent, wrapper } = await mountForm()
    await typeInto($('[data-testid=library-form-name] input'), ' 资助准确率 ')
    await typeInto($('[data-testid=library-form-unit] input'), '%')
    await typeInto($('[data-testid=library-form-reference] input'), ' ≥98% ')
    await clickSave()
    const input = sent('library_create')[0]!.input as LibraryIndicatorInput
    expect(input).toEqual({
      category_id: 'c-edu',
      level1: '产出指标',
      level2: '数量指标',
      name: '资助准确率',
      explanation: '',
      unit: '%',
      nature: '≥',
      reference: '≥98%',
      is_core: false,
      project_kinds: '',
    })
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })

  it('requires a 三级指标 name without calling the backend', async () => {
    const { sent } = await mountForm()
    await clickSave()
    expect(sent('library_create')).toEqual([])
    expect($('[data-testid=library-form-name]')!.textContent).toContain('请填写三级指标名称')
  })

  it('shows a duplicate refused by core under the 三级指标 field and keeps the dialog open', async () => {
    const message = '「教育」分类的「产出指标 › 数量指标」下已有三级指标「资助学生人数」，请换一个名称'
    const { wrapper } = await mountForm({
      library_create: () => {
        throw { code: 'Conflict', message, problems: [] }
      },
    })
    await typeInto($('[data-testid=library-form-name] input'), '资助学生人数')
    await clickSave()
    expect($('[data-testid=library-form-name]')!.textContent).toContain(message)
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('shows any other save error as a message', async () => {
    await mountForm({
      library_update: () => {
        throw { code: 'NotFound', message: '找不到该指标，可能已被删除，请刷新后重试', problems: [] }
      },
    }, { indicator: indicator({}) })
    expect(($('[data-testid=library-form-name] input') as HTMLInputElement).value).toBe('资助学生人数')
    await clickSave()
    expect(document.body.textContent).toContain('找不到该指标，可能已被删除，请刷新后重试')
  })
})
