/**
 * DEV-ONLY in-memory 指标库 for the mock backend (see mockBackend.ts): a few categories,
 * generated indicators and one case per category, with the list's filters and paging.
 */
import type { IndicatorCategory } from '../api/bindings/IndicatorCategory'
import type { LibraryCaseDetail } from '../api/bindings/LibraryCaseDetail'
import type { LibraryIndicator } from '../api/bindings/LibraryIndicator'
import type { LibraryIndicatorInput } from '../api/bindings/LibraryIndicatorInput'
import type { LibraryQuery } from '../api/bindings/LibraryQuery'
import type { IpcError } from '../api/invoke'
import { LEVEL1S, LEVEL2_UNDER, LEVEL2S } from '../utils/indicatorVocab'

type Handler = (a: Record<string, any>) => unknown

function fail(code: IpcError['code'], message: string, problems: IpcError['problems'] = []): never {
  throw { code, message, problems } satisfies IpcError
}

const NAMES = ['教育', '卫生健康', '农业农村', '社会保障', '交通', '城乡建设', '水利', '生态环保', '文化旅游', '乡村振兴']
const TEMPLATES: [string, string, string, LibraryIndicator['nature'], string][] = [
  ['数量指标', '项目完成数量', '个', '≥', '≥10'],
  ['数量指标', '受益人数', '人次', '≥', '≥1000'],
  ['质量指标', '验收合格率', '%', '=', '100%'],
  ['时效指标', '按期完成率', '%', '≥', '≥95%'],
  ['成本指标', '单位成本控制', '万元', '≤', '≤预算'],
  ['经济效益指标', '带动增收', '万元', '≥', '≥50'],
  ['社会效益指标', '服务水平', '', '定性', '明显提升'],
  ['可持续影响指标', '长效管护机制', '', '定性', '健全'],
  ['服务对象满意度指标', '服务对象满意度', '%', '≥', '≥90%'],
]

export function libraryHandlers(newId: () => string, now: () => string): Record<string, Handler> {
  const cats: IndicatorCategory[] = NAMES.map((name, i) => ({ id: newId(), name, sort: i + 1, indicator_count: 0, case_count: 1 }))
  const rows: LibraryIndicator[] = []
  const cases: LibraryCaseDetail[] = []
  for (const c of cats) {
    TEMPLATES.forEach(([l2, name, unit, nature, reference], i) => {
      const level2 = l2 as LibraryIndicator['level2']
      rows.push({
        id: newId(),
        category_id: c.id,
        category_name: c.name,
        level1: LEVEL1S.find((l) => LEVEL2_UNDER[l].includes(level2))!,
        level2,
        name: `${c.name}${name}`,
        explanation: `反映${c.name}${name}情况`,
        unit,
        nature,
        reference,
        is_core: i % 3 === 0,
        project_kinds: '补助类',
        source: '内置',
        updated_at: now(),
      })
    })
    const id = newId()
    cases.push({
      case: {
        id,
        category_id: c.id,
        category_name: c.name,
        title: `${c.name}典型项目`,
        project_example: `某县${c.name}专项资金项目`,
        overall_goal: `完成年度${c.name}建设任务，服务水平明显提升，群众满意度不低于90%。`,
        indicator_count: 4,
      },
      indicators: [
        { id: newId(), seq: 1, level1: '产出指标', level2: '数量指标', name: '项目完成数量', nature: '≥', value: '12', value_high: null, value_text: '12', unit: '个', weight_cp: 3000 },
        { id: newId(), seq: 2, level1: '产出指标', level2: '质量指标', name: '验收合格率', nature: '区间', value: '95', value_high: '100', value_text: '95-100', unit: '%', weight_cp: 2000 },
        { id: newId(), seq: 3, level1: '效益指标', level2: '社会效益指标', name: '服务水平', nature: '定性', value: '明显提升', value_high: null, value_text: '明显提升', unit: '', weight_cp: 3000 },
        { id: newId(), seq: 4, level1: '满意度指标', level2: '服务对象满意度指标', name: '服务对象满意度', nature: '≥', value: '90', value_high: null, value_text: '90', unit: '%', weight_cp: 1000 },
      ],
    })
  }
  const counted = () =>
    cats.map((c) => ({
      ...c,
      indicator_count: rows.filter((r) => r.category_id === c.id).length,
      case_count: cases.filter((k) => k.case.category_id === c.id).length,
    }))
  const order = (r: LibraryIndicator) =>
    `${String(cats.findIndex((c) => c.id === r.category_id)).padStart(3, '0')}${LEVEL2S.indexOf(r.level2)}${r.name}`

  function list(q: LibraryQuery) {
    const s = q.search?.toLowerCase() ?? null
    const hits = rows
      .filter(
        (r) =>
          (!q.category_id || r.category_id === q.category_id) &&
          (!q.level1 || r.level1 === q.level1) &&
          (!q.level2 || r.level2 === q.level2) &&
          (!q.nature || r.nature === q.nature) &&
          (!q.core_only || r.is_core) &&
          (!s || `${r.name} ${r.explanation}`.toLowerCase().includes(s)),
      )
      .sort((a, b) => order(a).localeCompare(order(b)))
    const start = (q.page - 1) * q.page_size
    return { total: hits.length, rows: q.page === 0 ? hits : hits.slice(start, start + q.page_size) }
  }

  function save(input: LibraryIndicatorInput, id: string | null): LibraryIndicator {
    if (!LEVEL2_UNDER[input.level1].includes(input.level2))
      fail('Invalid', `『二级指标』「${input.level2}」不属于「${input.level1}」`, [
        { row: 0, column: '二级指标', message: `「${input.level2}」不属于「${input.level1}」` },
      ])
    const cat = cats.find((c) => c.id === input.category_id) ?? fail('Invalid', '『指标分类』请选择指标分类')
    const dup = rows.find(
      (r) => r.category_id === cat.id && r.level1 === input.level1 && r.level2 === input.level2 && r.name === input.name && r.id !== id,
    )
    if (dup)
      fail('Conflict', `「${cat.name}」分类的「${input.level1} › ${input.level2}」下已有三级指标「${input.name}」，请换一个名称`)
    const old = rows.find((r) => r.id === id)
    const row: LibraryIndicator = { ...input, id: id ?? newId(), category_name: cat.name, source: old?.source ?? '新建', updated_at: now() }
    if (old) rows.splice(rows.indexOf(old), 1, row)
    else rows.push(row)
    return row
  }

  return {
    library_categories: () => counted(),
    library_category_create: (a) => {
      const c = { id: newId(), name: a.name, sort: cats.length + 1, indicator_count: 0, case_count: 0 }
      cats.push(c)
      return c
    },
    library_category_rename: (a) => {
      const c = cats.find((x) => x.id === a.id) ?? fail('NotFound', '找不到该指标分类')
      c.name = a.name
      return c
    },
    library_category_delete: (a) => {
      const c = counted().find((x) => x.id === a.id) ?? fail('NotFound', '找不到该指标分类')
      if (c.indicator_count + c.case_count > 0)
        fail('Conflict', `指标分类「${c.name}」下还有 ${c.indicator_count} 个指标、${c.case_count} 个案例，请先删除或移走后再删除分类`)
      cats.splice(cats.findIndex((x) => x.id === a.id), 1)
      return null
    },
    library_list: (a) => list(a.query),
    library_get: (a) => rows.find((r) => r.id === a.id) ?? fail('NotFound', '找不到该指标'),
    library_create: (a) => save(a.input, null),
    library_update: (a) => save(a.input, a.id),
    library_delete: (a) => {
      const i = rows.findIndex((r) => r.id === a.id)
      if (i >= 0) rows.splice(i, 1)
      return null
    },
    library_cases: (a) => cases.filter((k) => !a.categoryId || k.case.category_id === a.categoryId).map((k) => k.case),
    library_case_get: (a) => cases.find((k) => k.case.id === a.id) ?? fail('NotFound', '找不到该案例'),
    library_case_delete: (a) => {
      const i = cases.findIndex((k) => k.case.id === a.id)
      if (i >= 0) cases.splice(i, 1)
      return null
    },
    library_import: () => ({ rows: 120, created: 20, updated: 5, unchanged: 95, locked: 0, submitted: 0 }),
    library_export: () => rows.length,
  }
}
