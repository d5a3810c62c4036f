/**
 * DEV-ONLY stand-in for the 文书 commands (list, draft, edit, issue, PDF, batch, register,
 * figures), added to the mock backend so those screens can be previewed in a plain browser.
 * The "PDF" is a tiny hand-made file with the 版头 in red and grey bars where the text would
 * be (no CJK font in a mock): enough to see pdf.js draw pages. Core is the real judge.
 */
import type { Block } from '../api/bindings/Block'
import type { DocSettings } from '../api/bindings/DocSettings'
import type { DocType } from '../api/bindings/DocType'
import type { Document } from '../api/bindings/Document'
import type { DocumentRow } from '../api/bindings/DocumentRow'
import type { NumberRow } from '../api/bindings/NumberRow'
import type { IpcError } from '../api/invoke'

type Handlers = Record<string, (a: Record<string, any>) => unknown>
type Fail = (code: IpcError['code'], message: string) => never

const CODES: Record<DocType, string> = {
  反馈意见函: '示财绩函',
  整改通知书: '示财绩通',
  绩效管理意见书: '示财绩意',
  监控结果反馈书: '示财绩监',
  事前评估意见: '示财绩评',
}

function model(title: string, unit: string): Document {
  const body: Block[] = [
    { Paragraph: `根据预算绩效管理有关规定，我局组织评价工作组对你单位${title.replace(/^关于反馈|绩效评价结果的函$/g, '')}开展了项目支出绩效评价。现将评价结果反馈如下。` },
    { Heading: { level: 1, text: '一、评价结论' } },
    { Paragraph: '经综合评价，该项目绩效评价得分为89.50分，评价等级为“良”。其中，决策指标得分17.50分，过程指标得分18.00分，产出指标得分27.00分，效益指标得分27.00分。' },
    { Heading: { level: 1, text: '二、存在的主要问题' } },
    { Paragraph: '（一）绩效目标方面。部分绩效指标未细化量化，难以衡量。' },
    { Paragraph: '（二）资金管理方面。资金支付进度滞后于项目实施进度。' },
    { Heading: { level: 1, text: '三、整改要求' } },
    { Paragraph: '请你单位对照上述问题认真整改，于2026年4月1日前将整改情况（填写附件2）连同佐证材料报送我局。' },
    {
      Table: {
        columns: [
          { title: '序号', weight: 1, center: true },
          { title: '问题', weight: 4, center: false },
          { title: '完成时限', weight: 2, center: true },
        ],
        rows: [
          ['1', '部分绩效指标未细化量化', '2026年4月1日'],
          ['2', '资金支付进度滞后', '2026年4月1日'],
        ],
      },
    },
  ]
  return {
    format: 'Letter',
    issuer_mark: '示例县财政局',
    doc_number: null,
    signer: null,
    title,
    addressees: [unit],
    body,
    attachments: ['评分表', '整改情况反馈表'],
    signature: '示例县财政局',
    date: '2026-03-02',
    note: '联系人：王芳，联系电话：0635-1234567',
    record: null,
    appendices: [],
  }
}

/** A letter-shaped PDF: red 标志 and rule, then one grey bar per line of text (28 per line). */
function mockPdf(doc: Document, number: string | null): ArrayBuffer {
  const pages: string[] = []
  let ops: string[] = []
  let y = 0
  const newPage = (first: boolean) => {
    if (ops.length) pages.push(ops.join('\n'))
    ops = []
    y = first ? 560 : 760
    if (first) {
      ops.push('0.85 0.1 0.1 rg 170 700 255 30 re f', '0.85 0.1 0.1 RG 1.5 w 70 680 m 525 680 l S')
      ops.push(`BT /F1 11 Tf 0 g 420 660 Td (${number ? 'No. ' + number.replace(/\D+/g, ' ').trim() : 'DRAFT'}) Tj ET`)
      ops.push('0.2 g 120 620 355 16 re f')
    }
  }
  const bar = (x: number, w: number, h = 9, grey = 0.72) => {
    if (y < 90) newPage(false)
    ops.push(`${grey} g ${x} ${y} ${w} ${h} re f`)
    y -= 29
  }
  newPage(true)
  bar(79, 120, 9, 0.5)
  for (const b of doc.body) {
    const text = 'Paragraph' in b ? b.Paragraph : 'Heading' in b ? b.Heading.text : 'Plain' in b ? b.Plain : ''
    if ('Table' in b) {
      for (let r = 0; r <= b.Table.rows.length; r++) bar(79, 437, 20, r === 0 ? 0.55 : 0.85)
      continue
    }
    const lines = Math.max(1, Math.ceil((text.length + 2) / 28))
    for (let i = 0; i < lines; i++) {
      const first = i === 0 ? 32 : 0
      const w = i === lines - 1 ? Math.max(40, ((text.length + 2) % 28 || 28) * 15.6 - first) : 437 - first
      bar(79 + first, Math.min(w, 437 - first), 9, 'Heading' in b ? 0.35 : 0.72)
    }
  }
  y -= 20
  bar(360, 120, 9, 0.5)
  pages.push(ops.join('\n'))

  const objs: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']
  const kids: string[] = []
  pages.forEach((content, i) => {
    const pageNo = objs.length + 1
    kids.push(`${pageNo} 0 R`)
    const stream = `${content}\nBT /F1 10 Tf 0 g ${i % 2 === 0 ? 470 : 100} 50 Td (- ${i + 1} -) Tj ET`
    objs.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageNo + 1} 0 R >>`)
    objs.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`)
  })
  objs[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`
  let out = '%PDF-1.4\n'
  const offsets = objs.map((o, i) => {
    const at = out.length
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
    return at
  })
  const xref = out.length
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return new TextEncoder().encode(out).buffer as ArrayBuffer
}

export function documentsMock(fail: Fail, newId: () => string, now: () => string): Handlers {
  let settings: DocSettings = {
    issuer_name: '示例县财政局',
    codes: { ...CODES },
    contact: '王芳',
    phone: '0635-1234567',
    cc: [],
    printer: '示例县财政局办公室',
    rectify_days: 30,
    fonts: {},
  }
  const numbers: NumberRow[] = []
  const docs: { row: DocumentRow; model: Document }[] = [
    ['义务教育学校校舍维修改造', '县教育局'],
    ['高标准农田建设', '县农业农村局'],
    ['农村饮水安全巩固提升工程', '县水利局'],
  ].map(([name, unit], i) => {
    const title = `关于反馈${name}绩效评价结果的函`
    return {
      row: {
        id: `doc${i}`,
        doc_type: '反馈意见函',
        fiscal_year: 2025,
        source_kind: 'key_eval',
        source_id: `k${i}`,
        unit_name: unit!,
        title,
        status: '草稿',
        number: null,
        issued_by: null,
        issued_at: null,
        pdf_bytes: null,
        created_at: '2026-03-02T09:15:07+08:00',
      },
      model: model(title, unit!),
    }
  })
  const find = (id: string) => docs.find((d) => d.row.id === id) ?? fail('NotFound', '找不到该文书，请刷新后重试')
  const view = (d: (typeof docs)[number]) => ({ row: { ...d.row }, model: JSON.parse(JSON.stringify(d.model)) as Document })

  return {
    results_doc_settings: () => settings,
    results_doc_settings_save: (a) => (settings = a.settings),
    results_doc_fonts: () => [
      { role: '仿宋', family: 'Noto Serif CJK SC', path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', official: false, configured: false },
      { role: '小标宋', family: 'Noto Serif CJK SC Bold', path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', official: false, configured: false },
      { role: '黑体', family: 'Noto Sans CJK SC Bold', path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', official: false, configured: false },
      { role: '楷体', family: 'FandolKai', path: '/usr/share/texmf/fonts/opentype/public/fandol/FandolKai-Regular.otf', official: false, configured: false },
    ],
    results_doc_list: (a) =>
      docs
        .map((d) => d.row)
        .filter(
          (r) =>
            r.fiscal_year === a.query.year &&
            (!a.query.doc_type || r.doc_type === a.query.doc_type) &&
            (!a.query.status || r.status === a.query.status) &&
            (!a.query.search || r.title.includes(a.query.search) || (r.unit_name ?? '').includes(a.query.search)),
        ),
    results_doc_get: (a) => view(find(a.id)),
    results_doc_draft: (a) => {
      const title = `关于${a.input.doc_type}（演示）的函`
      const d = {
        row: { ...docs[0]!.row, id: newId(), doc_type: a.input.doc_type, title, source_kind: a.input.source_kind, source_id: a.input.source_id, created_at: now() },
        model: model(title, '县教育局'),
      }
      docs.unshift(d)
      return view(d)
    },
    results_doc_update: (a) => {
      const d = find(a.id)
      if (d.row.status !== '草稿') fail('Conflict', `${d.row.number} 已印发，不能再修改`)
      if (!a.model.title.trim()) fail('Invalid', '『标题』请填写标题')
      d.model = a.model
      d.row.title = a.model.title
      return view(d)
    },
    results_doc_regenerate: (a) => {
      const d = find(a.id)
      d.model = model(d.row.title, d.row.unit_name ?? '')
      return view(d)
    },
    results_doc_issue: (a) => {
      const d = find(a.id)
      const code = settings.codes[d.row.doc_type] ?? ''
      const seq = numbers.filter((n) => n.org_code === code).length + 1
      const number = `${code}〔2026〕${seq}号`
      numbers.unshift({ id: newId(), org_code: code, year: 2026, seq, number, document_id: d.row.id, doc_type: d.row.doc_type, title: d.row.title, status: '已使用', void_reason: '', assigned_by: '张三', assigned_at: now() })
      Object.assign(d.row, { status: '已印发', number, issued_by: '张三', issued_at: now(), pdf_bytes: 52_000 })
      d.model.doc_number = { code, year: 2026, seq }
      return view(d)
    },
    results_doc_pdf: (a) => {
      const d = find(a.id)
      return mockPdf(d.model, d.row.number)
    },
    results_doc_save_pdf: () => null,
    results_doc_print: () => null,
    results_doc_batch: (a) => {
      const n = docs.filter((d) => d.row.status === '已印发' && d.row.doc_type === a.docType).length
      return n > 0 ? n : fail('Conflict', `${a.year}年度还没有已印发的${a.docType}`)
    },
    results_register_list: (a) => numbers.filter((n) => !a.search || n.number.includes(a.search) || n.title.includes(a.search)),
    results_register_void: (a) => {
      const n = numbers.find((x) => x.id === a.id) ?? fail('NotFound', '找不到该文号')
      Object.assign(n, { status: '已作废', void_reason: a.reason })
      const i = docs.findIndex((d) => d.row.id === n.document_id)
      if (i >= 0) docs.splice(i, 1)
      return n
    },
    results_register_export: () => numbers.length,
    results_stats: (a) => ({
      year: a.year,
      documents: Object.fromEntries(Object.keys(CODES).map((t) => [t, docs.filter((d) => d.row.doc_type === t && d.row.status === '已印发').length])),
      drafts: docs.filter((d) => d.row.status === '草稿').length,
      rectifications: { open: 58, overdue: 15, closed: 29 },
      budget_linkage: { cut_fen: 1_286_500_000, priority: 6, cancelled: 1 },
      disclosure: { public: 611, not_public: 2 },
    }),
    // Batch progress listens for Tauri events; the mock has none to send.
    'plugin:event|listen': () => 1,
    'plugin:event|unlisten': () => null,
  }
}
