/** Sample 文书 data shaped like core's: a drafted 反馈意见函, the year's list, figures, register. */
import type { DocSettings } from '../src/api/bindings/DocSettings'
import type { Document } from '../src/api/bindings/Document'
import type { DocumentRow } from '../src/api/bindings/DocumentRow'
import type { DocumentView } from '../src/api/bindings/DocumentView'
import type { NumberRow } from '../src/api/bindings/NumberRow'
import type { ResultsStats } from '../src/api/bindings/ResultsStats'

export function docRow(over: Partial<DocumentRow> = {}): DocumentRow {
  return {
    id: 'd1',
    doc_type: '反馈意见函',
    fiscal_year: 2025,
    source_kind: 'key_eval',
    source_id: 'k1',
    unit_name: '县教育局',
    title: '关于反馈义务教育学校校舍维修改造绩效评价结果的函',
    status: '草稿',
    number: null,
    issued_by: null,
    issued_at: null,
    pdf_bytes: null,
    created_at: '2026-03-02T09:15:07+08:00',
    ...over,
  }
}

export function docModel(over: Partial<Document> = {}): Document {
  return {
    format: 'Letter',
    issuer_mark: '示例县财政局',
    doc_number: null,
    signer: null,
    title: '关于反馈义务教育学校校舍维修改造绩效评价结果的函',
    addressees: ['县教育局'],
    body: [
      { Paragraph: '根据预算绩效管理有关规定，我局组织评价工作组对你单位义务教育学校校舍维修改造开展了项目支出绩效评价。' },
      { Heading: { level: 1, text: '一、评价结论' } },
      { Paragraph: '经综合评价，得分为89.50分，评价等级为“良”。' },
      {
        Table: {
          columns: [
            { title: '序号', weight: 1, center: true },
            { title: '问题', weight: 4, center: false },
          ],
          rows: [['1', '绩效目标不够细化']],
        },
      },
    ],
    attachments: ['评分表', '整改情况反馈表'],
    signature: '示例县财政局',
    date: '2026-03-02',
    note: '联系人：王芳，联系电话：0635-1234567',
    record: null,
    appendices: [{ title: '整改情况反馈表', body: [{ Table: { columns: [{ title: '序号', weight: 1, center: true }], rows: [['1']] } }] }],
    ...over,
  }
}

export function docView(row: Partial<DocumentRow> = {}, model: Partial<Document> = {}): DocumentView {
  return { row: docRow(row), model: docModel(model) }
}

export const ISSUED = docRow({
  id: 'd2',
  doc_type: '整改通知书',
  title: '关于高标准农田建设项目运行监控问题的整改通知书',
  unit_name: '县农业农村局',
  status: '已印发',
  number: '示财绩通〔2026〕3号',
  issued_by: '张三',
  issued_at: '2026-03-05T10:20:00+08:00',
  pdf_bytes: 48_213,
})

export const STATS: ResultsStats = {
  year: 2025,
  documents: { 反馈意见函: 12, 整改通知书: 5, 绩效管理意见书: 2, 监控结果反馈书: 0, 事前评估意见: 1 },
  drafts: 3,
  rectifications: { open: 58, overdue: 15, closed: 29 },
  budget_linkage: { cut_fen: 1_286_500_000, priority: 6, cancelled: 1 },
  disclosure: { public: 611, not_public: 2 },
}

export const SETTINGS: DocSettings = {
  issuer_name: '示例县财政局',
  codes: { 反馈意见函: '示财绩函', 整改通知书: '示财绩通', 绩效管理意见书: '示财绩意', 监控结果反馈书: '示财绩监', 事前评估意见: '示财绩评' },
  contact: '王芳',
  phone: '0635-1234567',
  cc: ['县审计局'],
  printer: '示例县财政局办公室',
  rectify_days: 30,
  fonts: { extra_dirs: [] },
}

export function numberRow(over: Partial<NumberRow> = {}): NumberRow {
  return {
    id: 'n1',
    org_code: '示财绩函',
    year: 2026,
    seq: 12,
    number: '示财绩函〔2026〕12号',
    document_id: 'd1',
    doc_type: '反馈意见函',
    title: '关于反馈义务教育学校校舍维修改造绩效评价结果的函',
    status: '已使用',
    void_reason: '',
    assigned_by: '张三',
    assigned_at: '2026-03-05T10:20:00+08:00',
    ...over,
  }
}

/** A few bytes standing in for a PDF (pdf.js is mocked in the tests). */
export function pdfBytes(): ArrayBuffer {
  return new TextEncoder().encode('%PDF-1.7\n%%EOF\n').buffer as ArrayBuffer
}
