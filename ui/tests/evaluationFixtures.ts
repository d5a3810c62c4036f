/** 自评 forms, spot-check draws and the year's figures for the 绩效评价 screens' tests. */
import type { CoverageRow } from '../src/api/bindings/CoverageRow'
import type { DrawSummary } from '../src/api/bindings/DrawSummary'
import type { EvaluationStats } from '../src/api/bindings/EvaluationStats'
import type { SelfEvalForm } from '../src/api/bindings/SelfEvalForm'
import type { SelfEvalItem } from '../src/api/bindings/SelfEvalItem'
import type { SelfEvalRow } from '../src/api/bindings/SelfEvalRow'
import type { SpotDetail } from '../src/api/bindings/SpotDetail'
import type { SpotRow } from '../src/api/bindings/SpotRow'

export function selfRow(over: Partial<SelfEvalRow> = {}): SelfEvalRow {
  return {
    id: 's1',
    fiscal_year: 2025,
    target_id: 't1',
    kind: '项目',
    project_id: 'p1',
    code: '2025-JY-001',
    name: '义务教育营养餐',
    unit_id: 'u3',
    unit_name: '城关小学',
    status: '填报中',
    budget: 10000_000000,
    executed: 9317_000000,
    execution_bp: 9317,
    execution_weight_cp: 1000,
    execution_score_cp: 932,
    total_cp: 8950,
    grade: '良',
    return_reason: '',
    submitted_at: null,
    ...over,
  }
}

export function selfItem(over: Partial<SelfEvalItem> = {}): SelfEvalItem {
  return {
    id: 'i1',
    seq: 1,
    level1: '产出指标',
    level2: '数量指标',
    name: '受益学生人数',
    nature: '≥',
    value: '5000',
    value_high: null,
    unit: '人',
    weight_cp: 5000,
    actual: '4800',
    not_applicable: false,
    score_cp: 4800,
    reason: '',
    ...over,
  }
}

export function selfForm(over: Partial<SelfEvalForm> = {}): SelfEvalForm {
  return {
    row: selfRow(),
    summary: '',
    items: [
      selfItem(),
      selfItem({ id: 'i2', seq: 2, level1: '效益指标', level2: '社会效益指标', name: '营养改善情况', nature: '定性', value: '明显改善', unit: '', weight_cp: 3000, actual: '达成', score_cp: 3000 }),
      selfItem({ id: 'i3', seq: 3, level1: '满意度指标', level2: '服务对象满意度指标', name: '家长满意度', nature: '≥', value: '90', unit: '%', weight_cp: 1000, actual: '95', score_cp: 1000 }),
    ],
    ...over,
  }
}

export function spotRow(over: Partial<SpotRow> = {}): SpotRow {
  return {
    id: 'k1',
    seq: 1,
    self_eval_id: 's1',
    code: '2025-JY-001',
    name: '义务教育营养餐',
    unit_name: '城关小学',
    budget: 10000_000000,
    self_total_cp: 8950,
    self_grade: '良',
    status: '待复核',
    review_total_cp: null,
    review_grade: null,
    gap_cp: null,
    flagged: false,
    review_note: '',
    reviewed_by: null,
    ...over,
  }
}

export function draw(over: Partial<DrawSummary> = {}): DrawSummary {
  return {
    id: 'd1',
    fiscal_year: 2025,
    seed: '12345678901234567890',
    share_bp: 1000,
    stratify: '不分层',
    base_count: 496,
    drawn_count: 57,
    drawn_share_bp: 1149,
    drawn_by: '张三',
    drawn_at: '2026-03-02T09:15:07+08:00',
    gap_line_cp: 1000,
    rows: [
      spotRow(),
      spotRow({
        id: 'k2',
        seq: 2,
        self_eval_id: 's2',
        code: '2025-NY-007',
        name: '高标准农田',
        self_total_cp: 9200,
        self_grade: '优',
        status: '已复核',
        review_total_cp: 7800,
        review_grade: '中',
        gap_cp: -1400,
        flagged: true,
      }),
      spotRow({
        id: 'k3',
        seq: 3,
        self_eval_id: 's3',
        code: '2025-WS-003',
        name: '基本公共卫生服务',
        status: '已复核',
        review_total_cp: 8700,
        review_grade: '良',
        gap_cp: -250,
      }),
    ],
    ...over,
  }
}

export function spotDetail(over: Partial<SpotDetail> = {}): SpotDetail {
  return {
    row: spotRow(),
    form: selfForm({ row: selfRow({ status: '已提交' }) }),
    review_execution_cp: null,
    review_items: [],
    ...over,
  }
}

export function stats(over: Partial<EvaluationStats> = {}): EvaluationStats {
  return {
    year: 2025,
    self: {
      required: 533,
      submitted: 496,
      grades: { 优: 120, 良: 300, 中: 70, 差: 6 },
      execution_bp: 7317,
      completion_bp: 8276,
      deviation_bp: 959,
      units_required: 98,
      units_complete: 80,
    },
    spot_check: { base: 496, drawn: 57, share_bp: 1149, reviewed: 57, grades: { 优: 8, 良: 24, 中: 22, 差: 3 }, flagged: 5 },
    key: { count: 0, amount_fen: 0, by_kind: { 项目: 0, 部门整体: 0, 政策: 0, 乡镇: 0 }, grades: { 优: 0, 良: 0, 中: 0, 差: 0 } },
    third_party: { engagements: 0, fee_fen: 0, agencies: 0 },
    ...over,
  }
}

export function coverageRow(over: Partial<CoverageRow> = {}): CoverageRow {
  return { unit_id: 'u3', unit_code: '301001', unit_name: '城关小学', required: 6, submitted: 4, not_submitted: 2, ...over }
}
