/**
 * DEV-ONLY 重点评价 and 第三方机构 commands for the in-memory preview backend (see
 * mockBackend.ts): three evaluations, two agencies (one flagged), so the screens can be looked at
 * in a plain browser. Not a specification: core is.
 */
import type { AgencyRow } from '../api/bindings/AgencyRow'
import type { EngagementView } from '../api/bindings/EngagementView'
import type { KeyEval } from '../api/bindings/KeyEval'
import type { KeyEvalQuery } from '../api/bindings/KeyEvalQuery'
import type { KeyEvalRow } from '../api/bindings/KeyEvalRow'
import type { KeyItem } from '../api/bindings/KeyItem'
import type { KeyItemInput } from '../api/bindings/KeyItemInput'
import type { KeyKind } from '../api/bindings/KeyKind'
import { deductionScoreCp, gradeOf } from '../views/evaluation/keySheet'
import { nextStatus, previousStatus } from '../views/evaluation/keyLabels'

type Row = [string, string, string, number, string?, string?, number?]
const SHEETS: Record<'项目' | '部门整体', Row[]> = {
  项目: [
    ['决策', '项目立项', '立项依据充分性', 5], ['决策', '绩效目标', '绩效目标合理性', 5], ['决策', '资金投入', '预算编制科学性', 10],
    ['过程', '资金管理', '预算执行率', 10], ['过程', '组织实施', '管理制度健全性', 10],
    ['产出', '产出数量', '实际完成率', 15], ['产出', '产出质量', '质量达标率', 15],
    ['效益', '项目效益', '社会效益', 20], ['效益', '满意度', '服务对象满意度', 10],
  ],
  部门整体: [
    ['投入', '目标设定', '绩效目标合理性', 12], ['投入', '预算配置', '在职人员控制率', 5, '扣分', '100', 50], ['投入', '预算配置', '“三公经费”变动率', 8, '扣分', '0', 80],
    ['过程', '预算执行', '预算完成率', 25], ['产出', '职责履行', '实际完成率', 25], ['效果', '履职效益', '社会效益', 25],
  ],
}

function items(kind: '项目' | '部门整体', lossCp: number, scored: boolean): KeyItem[] {
  let left = lossCp
  return SHEETS[kind].map(([l1, l2, l3, pts, rule = '评分', threshold, deduct], i) => {
    const w = pts * 100
    const take = rule === '评分' ? Math.min(left, Math.floor(w / 4)) : 0
    left -= take
    const actual = rule === '扣分' ? (threshold === '100' ? '103.5' : '-2.1') : scored ? '达到评分标准' : null
    const score = !scored ? null : rule === '扣分' ? deductionScoreCp(actual!, threshold!, deduct!, w) : w - take
    return {
      id: `${kind}-${i}`, seq: i + 1, level1: l1, level2: l2, level3: l3, weight_cp: w, standard: '按评价标准评分',
      rule, threshold: threshold ?? null, deduct_cp: deduct ?? null, actual, score_cp: score, note: '',
    }
  })
}

export function keyMock(): Record<string, (a: Record<string, any>) => unknown> {
  const agencies: AgencyRow[] = [
    {
      unit_id: 'ag1', code: '801', name: '华信正和会计师事务所有限公司', contact: '王敏', phone: '0635-8123456', registered: true,
      agency_type: '会计师事务所', qualification: '会计师事务所执业证书；已在省财政厅名录备案', record: '近三年无重大违法违规记录',
      engagements: 2, latest_grades: ['不合格', '不合格'], flagged_for_exclusion: true, relations: [],
    },
    {
      unit_id: 'ag2', code: '802', name: '恒信绩效评价咨询有限公司', contact: '刘洋', phone: '13805351234', registered: true,
      agency_type: '咨询机构', qualification: '工程咨询单位资信', record: '', engagements: 1, latest_grades: ['合格'],
      flagged_for_exclusion: false, relations: [{ id: 'r1', agency_id: 'ag2', unit_id: 'u', unit_name: '县水利局', note: '2024年为该单位提供审计服务' }],
    },
  ]
  const engagement: EngagementView = {
    id: 'e1', key_eval_id: 'k1', fiscal_year: 2025, kind: '项目', object_name: '农村公路提档升级工程', agency_id: 'ag2',
    agency_name: '恒信绩效评价咨询有限公司', fee_fen: 186_000_000, contract_date: '2025-04-08', conflict_declaration: '本机构与被评价单位无关联关系',
    status: '已验收', review: null,
  }
  const base = (id: string, kind: KeyKind, name: string, unit: string, status: KeyEval['status'], its: KeyItem[]): KeyEval => ({
    id, fiscal_year: 2025, kind, object_name: name, project_id: null, project_code: kind === '项目' ? '104-2025-003' : null,
    unit_id: 'u', unit_name: unit, amount_fen: 2_360_000_000, method: id === 'k2' ? '财政评价' : '第三方机构评价',
    team: '县财政局绩效评价股', plan_start: '2025-04-15', plan_end: '2025-07-15', status, previous_id: null,
    basis: '《项目支出绩效评价管理办法》（财预〔2020〕10号）', summary: '', unit_feedback: '', total_cp: 0, grade: '差',
    weight_total_cp: 10000, unscored: 0, finalized_by: null, finalized_at: null, created_by: '张三（绩效股）', updated_at: '',
    items: its, level1_totals: [], engagement: id === 'k1' ? engagement : null,
    findings: [{ id: 'f1', seq: 1, category: '资金使用', problem: '部分资金拨付滞后于项目进度', basis: '财预〔2020〕10号', recommendation: '建立资金拨付台账，按序时进度拨付' }],
    stages: [{ id, fiscal_year: 2025, object_name: name, status, total_cp: null, grade: null, is_self: true }],
  })
  const evals: KeyEval[] = [
    base('k1', '项目', '农村公路提档升级工程', '县交通运输局', '定稿', items('项目', 1050, true)),
    base('k2', '部门整体', '县教育局部门整体支出', '县教育局', '实施', items('部门整体', 0, true)),
    base('k3', '项目', '城乡供水一体化工程', '县水利局', '计划', items('项目', 0, false)),
  ]
  const refresh = (k: KeyEval) => {
    k.total_cp = k.items.reduce((s, i) => s + (i.score_cp ?? 0), 0)
    k.unscored = k.items.filter((i) => i.score_cp === null).length
    if (k.status !== '定稿' || k.grade === '差') k.grade = gradeOf(k.total_cp)
    return k
  }
  evals.forEach(refresh)
  const byId = (id: string) => evals.find((k) => k.id === id)!
  const row = (k: KeyEval): KeyEvalRow => ({
    id: k.id, fiscal_year: k.fiscal_year, kind: k.kind, object_name: k.object_name, project_code: k.project_code,
    unit_name: k.unit_name, amount_fen: k.amount_fen, method: k.method, agency_name: k.engagement?.agency_name ?? null,
    status: k.status, total_cp: k.status === '定稿' ? k.total_cp : null, grade: k.status === '定稿' ? k.grade : null, findings: k.findings.length,
  })
  return {
    evaluation_key_list: (a) => {
      const q = a.query as KeyEvalQuery
      const rows = evals.filter((k) => k.fiscal_year === q.year && (!q.kind || k.kind === q.kind) && (!q.status || k.status === q.status))
      return { total: rows.length, amount_fen: rows.reduce((s, k) => s + k.amount_fen, 0), rows: rows.map(row) }
    },
    evaluation_key_stats: () => ({
      count: evals.length, amount_fen: evals.reduce((s, k) => s + k.amount_fen, 0),
      by_kind: { 项目: 2, 部门整体: 1, 政策: 0, 乡镇: 0 }, grades: { 优: 0, 良: 1, 中: 0, 差: 0 },
    }),
    evaluation_key_get: (a) => byId(a.id),
    evaluation_key_save_sheet: (a) => {
      const k = byId(a.id)
      k.items = (a.items as KeyItemInput[]).map((i, n) => ({
        ...i, id: i.id ?? `new-${n}`, seq: n + 1,
        score_cp: i.rule === '扣分' ? deductionScoreCp(i.actual ?? '', i.threshold ?? '0', i.deduct_cp ?? 0, i.weight_cp) : i.score_cp,
      }))
      return refresh(k)
    },
    evaluation_key_save_texts: (a) => Object.assign(byId(a.id), { summary: a.summary, unit_feedback: a.unitFeedback }),
    evaluation_key_save_findings: (a) => Object.assign(byId(a.id), { findings: a.findings.map((f: object, n: number) => ({ ...f, id: `f${n}`, seq: n + 1 })) }),
    evaluation_key_advance: (a) => {
      const k = byId(a.id)
      k.status = nextStatus(k.status) ?? k.status
      return refresh(k)
    },
    evaluation_key_return: (a) => {
      const k = byId(a.id)
      k.status = previousStatus(k.status) ?? k.status
      return k
    },
    evaluation_key_export_sheet: () => 9,
    evaluation_agency_list: () => agencies,
    evaluation_agency_engagements: (a) => (a.agencyId === 'ag2' ? [engagement] : []),
  }
}
