/**
 * DEV-ONLY stand-in for the 结果应用 commands (整改台账, 预算挂钩, 信息公开), added to the mock
 * backend so those screens can be previewed in a plain browser. Sample rows shaped like the demo
 * county's; a loose imitation of core (the step rules, the 10% cut), core is the real judge.
 */
import type { DisclosureRow } from '../api/bindings/DisclosureRow'
import type { LinkageRow } from '../api/bindings/LinkageRow'
import type { RectQuery } from '../api/bindings/RectQuery'
import type { RectRow } from '../api/bindings/RectRow'
import type { RectStatus } from '../api/bindings/RectStatus'
import type { IpcError } from '../api/invoke'
import { RECT_STATUSES } from '../views/results/rect'

type Handlers = Record<string, (a: Record<string, any>) => unknown>
type Fail = (code: IpcError['code'], message: string) => never

const PROJECTS = [
  ['2025-NY-007', '高标准农田建设', '县农业农村局'],
  ['2025-JY-001', '义务教育学校校舍维修改造', '县教育局'],
  ['2025-SL-003', '农村饮水安全巩固提升工程', '县水利局'],
  ['2025-WS-012', '基本公共卫生服务', '县卫生健康局'],
  ['2025-JT-004', '农村公路养护', '县交通运输局'],
  ['2025-MZ-002', '城乡低保资金', '县民政局'],
] as const

export function resultsHandlers(fail: Fail, today: string): Handlers {
  const rects: RectRow[] = Array.from({ length: 36 }, (_, i) => {
    const [code, name, unit] = PROJECTS[i % PROJECTS.length]!
    const status = RECT_STATUSES[(i * 7) % 6]!
    const month = 3 + (i % 10)
    const deadline = `2026-${String(month).padStart(2, '0')}-${String(5 + (i % 20)).padStart(2, '0')}`
    const settled = status === '已核实' || status === '销号'
    const days = Math.round((Date.parse(today) - Date.parse(deadline)) / 86_400_000)
    const spot = i % 5 === 4
    return {
      id: `x${i}`,
      fiscal_year: 2025,
      source_kind: spot ? 'spot_check' : 'monitor_task',
      source_id: `s${i}`,
      source_label: spot ? `抽查复核：${name}` : `运行监控（1–8月）：${name}`,
      unit_id: `u${i % 6}`,
      unit_name: unit,
      problem: spot
        ? '抽查复核发现自评结果与复核结果差异较大：自评 95.00 分（优），复核 84.98 分（良），相差 10.02 分，超过 10.00 分的偏差线'
        : `运行监控红色预警：执行率 ${20 + i}.00%，落后时间进度 ${46 - i}.67 个百分点；滞后指标：${code.slice(5)}完成数量（完成率 57.00%，全年有可能完成）`,
      basis: '《预算绩效运行监控管理暂行办法》',
      measure: '加快项目实施和资金拨付进度，按月调度',
      responsible_person: ['王建国', '李红梅', '张志强', '刘芳'][i % 4]!,
      deadline,
      status,
      feedback: ['已反馈', '已核实', '销号', '退回'].includes(status) ? '已召开专题会议分析原因，加快资金支付进度。' : '',
      review_note: status === '退回' ? '佐证材料不足，请补充资金支付凭证后重新反馈。' : '',
      closed_at: status === '销号' ? '2026-10-12T09:00:00+08:00' : null,
      created_at: '2025-09-20T09:00:00+08:00',
      overdue: !settled && days > 0,
      days_overdue: !settled && days > 0 ? days : 0,
      evidence_count: i % 3,
    }
  })
  const linkages: LinkageRow[] = Array.from({ length: 24 }, (_, i) => {
    const [code, name, unit] = PROJECTS[i % PROJECTS.length]!
    const grade = (['优', '良', '中', '良', '优', '差'] as const)[i % 6]
    const amount = (300 + i * 37) * 1_000_000
    const action = ({ 优: '优先保障', 良: '据实安排', 中: '压减', 差: '取消' } as const)[grade]
    return {
      id: `l${i}`,
      source_kind: i % 4 === 0 ? 'key_eval' : 'self_eval',
      source_id: `e${i}`,
      eval_type: i % 4 === 0 ? '重点评价' : '单位自评',
      project_code: code,
      object_name: name,
      unit_name: unit,
      score_cp: { 优: 9350, 良: 8420, 中: 7210, 差: 5480 }[grade],
      grade,
      object_amount: amount,
      action,
      pct_bp: action === '压减' ? 1000 : null,
      amount: action === '压减' ? amount / 10 : action === '取消' ? amount : 0,
      next_year: 2026,
      note: `评价等级为『${grade}』，按规定${action}`,
      suggested: action,
    }
  })
  const disclosures: DisclosureRow[] = PROJECTS.flatMap(([code, name, unit], i) => [
    { source_kind: 'perf_target', source_id: `t${i}`, kind_label: '绩效目标', code, name, unit_name: unit, is_public: i !== 5, reason: i === 5 ? '涉密' : '' },
    { source_kind: 'self_eval', source_id: `e${i}`, kind_label: '单位自评报告', code, name, unit_name: unit, is_public: true, reason: '' },
  ])
  const rect = (id: string) => rects.find((r) => r.id === id) ?? fail('NotFound', '找不到该整改事项')
  const next: Record<string, [RectStatus[], RectStatus]> = {
    start: [['下达', '退回'], '整改中'],
    report: [['整改中'], '已反馈'],
    verify: [['已反馈'], '已核实'],
    reject: [['已反馈'], '退回'],
    close: [['已核实'], '销号'],
  }
  return {
    results_rect_list: (a) => {
      const q = a.query as RectQuery
      const rows = rects.filter((r) => (!q.status || r.status === q.status) && (!q.overdue_only || r.overdue) && (!q.search || r.problem.includes(q.search) || r.unit_name.includes(q.search)))
      return { total: rows.length, rows: rows.slice((q.page - 1) * q.page_size, q.page * q.page_size) }
    },
    results_rect_summary: () => ({
      total: rects.length,
      open: rects.filter((r) => r.status !== '销号').length,
      overdue: rects.filter((r) => r.overdue).length,
      closed: rects.filter((r) => r.status === '销号').length,
      by_status: RECT_STATUSES.map((s) => ({ status: s, count: rects.filter((r) => r.status === s).length })),
    }),
    results_rect_get: (a) => rect(a.id),
    results_rect_update: (a) => Object.assign(rect(a.id), a.input),
    results_rect_step: (a) => {
      const r = rect(a.id)
      const [from, to] = next[a.step]!
      if (!from.includes(r.status)) fail('Conflict', `整改事项当前为『${r.status}』，不能执行该操作`)
      r.status = to
      if (a.step === 'report') r.feedback = a.text
      if (a.step === 'verify' || a.step === 'reject') r.review_note = a.text
      r.overdue = r.overdue && to !== '已核实' && to !== '销号'
      return r
    },
    results_rect_sources: () => ({
      key_evals: [],
      rounds: [{ id: 'r8', label: '1–8月自行监控（已关闭）', problems: 71, in_ledger: 30 }],
      spot_checks: [{ id: 'd1', label: '2025年度抽查复核（抽取 57 个，偏差超过 10.00 分的 16 个）', problems: 16, in_ledger: 6 }],
    }),
    results_rect_generate: () => 10,
    results_rect_evidence: (a) =>
      Array.from({ length: rect(a.id).evidence_count }, (_, k) => ({
        id: `ev${k}`,
        rectification_id: a.id,
        file_name: ['资金支付凭证.pdf', '整改报告.docx'][k]!,
        sha256: 'ab',
        size_bytes: 180_000 + k * 1_000_000,
        added_by: '张三',
        created_at: '2026-10-01T09:00:00+08:00',
      })),
    results_rect_add_evidence: () => fail('File', '（演示模式）不能上传文件'),
    results_rect_save_evidence: () => null,
    results_rect_export: () => rects.length,
    results_linkage_list: () => linkages,
    results_linkage_propose: () => 0,
    results_linkage_save: (a) => {
      const r = linkages.find((x) => x.source_id === a.input.source_id) ?? fail('NotFound', '找不到')
      Object.assign(r, { action: a.input.action, pct_bp: a.input.pct_bp, note: a.input.note })
      r.amount = r.action === '压减' ? Math.round((r.object_amount * (r.pct_bp ?? 0)) / 10_000) : r.action === '取消' || r.action === '暂停' ? r.object_amount : 0
      return r
    },
    results_linkage_export: () => linkages.length,
    results_disclosure_list: () => disclosures,
    results_disclosure_set: (a) => {
      const r = disclosures.find((x) => x.source_id === a.sourceId) ?? fail('NotFound', '找不到')
      Object.assign(r, { is_public: a.isPublic, reason: a.isPublic ? '' : a.reason })
      return null
    },
    results_disclosure_export: () => disclosures.length,
  }
}
