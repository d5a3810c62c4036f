import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import DocumentEditor from '../src/views/results/DocumentEditor.vue'
import type { Document } from '../src/api/bindings/Document'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle } from './helpers'
import { STATUS } from './fixtures'
import { docModel, docView, pdfBytes } from './documentsFixtures'

// pdf.js is mocked: the preview asks for a document of two pages and draws each on its canvas.
const pdf = vi.hoisted(() => ({
  opened: [] as ArrayBuffer[],
  drawn: [] as { n: number; canvas: HTMLCanvasElement; width: number }[],
}))
vi.mock('../src/views/results/pdfPages', () => ({
  openPdf: async (bytes: ArrayBuffer) => {
    pdf.opened.push(bytes)
    return {
      pages: 2,
      render: async (n: number, canvas: HTMLCanvasElement, width: number) => {
        pdf.drawn.push({ n, canvas, width })
      },
      destroy: async () => undefined,
    }
  },
}))

const $ = (sel: string) => document.body.querySelector(sel)
const text = (sel: string) => $(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
const box = (id: string) => $(`[data-testid="${id}"]`) as HTMLInputElement | HTMLTextAreaElement
const click = async (id: string) => {
  ;($(`[data-testid="${id}"]`) as HTMLElement).click()
  await settle()
}
async function type(id: string, value: string) {
  const el = box(id)
  el.value = value
  el.dispatchEvent(new Event('input', { bubbles: true }))
  await settle()
}
/** A button of the newest message box (a closed one may still be fading out). */
const messageBoxButton = (label: string) =>
  [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].filter((b) => b.textContent?.trim() === label).pop()!

const mounted: VueWrapper[] = []
beforeEach(() => {
  pdf.opened.length = 0
  pdf.drawn.length = 0
})
afterEach(() => {
  while (mounted.length) mounted.pop()!.unmount()
})

type Handlers = Record<string, (a: Record<string, any>) => unknown>
const ISSUED_ROW = {
  status: '已印发' as const,
  number: '示财绩函〔2026〕12号',
  issued_by: '张三',
  issued_at: '2026-03-05T10:20:00+08:00',
  pdf_bytes: 48_213,
}

function setup(over: Handlers = {}) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  const calls = mockBackend({
    results_doc_get: () => docView(),
    results_doc_pdf: () => pdfBytes(),
    results_doc_update: (a) => ({ row: { ...docView().row, title: a.model.title }, model: a.model }),
    results_doc_issue: () =>
      docView(ISSUED_ROW, { doc_number: { code: '示财绩函', year: 2026, seq: 12 }, date: '2026-03-05' }),
    results_doc_regenerate: () => docView({}, { title: '关于反馈义务教育学校校舍维修改造绩效评价结果的函' }),
    ...over,
  })
  const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)
  return { pinia, calls, sent }
}

async function open(s: ReturnType<typeof setup>) {
  const m = await mountWith(DocumentEditor, { pinia: s.pinia, props: { id: 'd1' } })
  mounted.push(m.wrapper)
  await settle()
  return m
}

describe('结果应用 › 文书 editor', () => {
  it('shows the text to edit — title, 主送, paragraphs, headings with their level, tables read-only — and the PDF pages', async () => {
    const s = setup()
    await open(s)
    expect(box('doc-title').value).toBe('关于反馈义务教育学校校舍维修改造绩效评价结果的函')
    expect(box('doc-addressees').value).toBe('县教育局')
    expect(box('doc-block-0')).toBeInstanceOf(HTMLTextAreaElement)
    expect(box('doc-block-0').value).toContain('组织评价工作组')
    expect(box('doc-block-1')).toBeInstanceOf(HTMLInputElement)
    expect(box('doc-block-1').value).toBe('一、评价结论')
    expect(box('doc-block-1').closest('.el-input')?.textContent).toContain('一级标题')
    expect(text('[data-testid=doc-block-3]')).toContain('绩效目标不够细化')
    expect($('[data-testid=doc-block-3] textarea')).toBeNull()
    expect(box('doc-note').value).toBe('联系人：王芳，联系电话：0635-1234567')
    expect(text('[data-testid=doc-status]')).toBe('草稿')
    expect(s.sent('results_doc_pdf')).toEqual([{ id: 'd1' }])
    expect(pdf.opened).toHaveLength(1)
    expect(new TextDecoder().decode(pdf.opened[0]!)).toContain('%PDF')
    expect(text('[data-testid=doc-page-count]')).toBe('共 2 页')
    const c1 = $('[data-testid=doc-preview] [data-testid=doc-page-1]')
    const c2 = $('[data-testid=doc-preview] [data-testid=doc-page-2]')
    expect(c1).toBeInstanceOf(HTMLCanvasElement)
    expect(pdf.drawn.map((d) => [d.n, d.canvas])).toEqual([
      [1, c1],
      [2, c2],
    ])
    expect(pdf.drawn[0]!.width).toBeGreaterThan(0)
  })

  it('保存 sends the edited model — 主送 split at the commas — and redraws the preview', async () => {
    const s = setup()
    await open(s)
    await type('doc-title', '关于反馈校舍维修改造项目绩效评价结果的函')
    await type('doc-addressees', '县教育局，县第一中学、 县审计局')
    await type('doc-block-2', '经综合评价，该项目得分89.50分，等级为“良”。')
    await type('doc-note', '联系人：李强，联系电话：0635-7654321')
    expect(text('[data-testid=doc-dirty]')).toBe('未保存')
    await click('doc-save')
    const base = docModel()
    const expected: Document = {
      ...base,
      title: '关于反馈校舍维修改造项目绩效评价结果的函',
      addressees: ['县教育局', '县第一中学', '县审计局'],
      body: [base.body[0]!, base.body[1]!, { Paragraph: '经综合评价，该项目得分89.50分，等级为“良”。' }, base.body[3]!],
      note: '联系人：李强，联系电话：0635-7654321',
    }
    expect(s.sent('results_doc_update')).toEqual([{ id: 'd1', model: expected }])
    expect($('[data-testid=doc-dirty]')).toBeNull()
    await settle()
    expect(s.sent('results_doc_pdf')).toHaveLength(2)
    expect(pdf.opened).toHaveLength(2)
  })

  it('inserts a paragraph after a block and removes a block before saving', async () => {
    const s = setup()
    await open(s)
    await click('doc-block-insert-0')
    await type('doc-block-1', '评价工作于2025年6月至7月开展。')
    await click('doc-block-remove-3')
    await click('doc-save')
    const body = (s.sent('results_doc_update')[0]!.model as Document).body
    expect(body).toEqual([
      docModel().body[0],
      { Paragraph: '评价工作于2025年6月至7月开展。' },
      docModel().body[1],
      docModel().body[3],
    ])
  })

  it('印发 asks first, saves pending edits, then shows the 文号 and freezes the text', async () => {
    const s = setup()
    await open(s)
    await type('doc-title', '关于反馈校舍维修改造绩效评价结果的函')
    await click('doc-issue')
    expect(document.body.textContent).toContain('印发后将分配文号并冻结，不能再修改')
    expect(s.sent('results_doc_issue')).toEqual([])
    await click('doc-issue-confirm')
    const order = s.calls.map((c) => c.cmd).filter((c) => c === 'results_doc_update' || c === 'results_doc_issue')
    expect(order).toEqual(['results_doc_update', 'results_doc_issue'])
    expect(s.sent('results_doc_issue')).toEqual([{ id: 'd1' }])
    expect(text('[data-testid=doc-number]')).toBe('示财绩函〔2026〕12号')
    expect(text('[data-testid=doc-status]')).toBe('已印发')
    expect($('[data-testid=doc-save]')).toBeNull()
    expect($('[data-testid=doc-issue]')).toBeNull()
    expect(box('doc-title').disabled).toBe(true)
    expect(box('doc-block-0').disabled).toBe(true)
    expect($('[data-testid=doc-save-pdf]')).not.toBeNull()
    expect($('[data-testid=doc-print]')).not.toBeNull()
    await settle()
    expect(s.sent('results_doc_pdf')).toHaveLength(2)
  })

  it('an issued document opens read-only with its 文号', async () => {
    const s = setup({ results_doc_get: () => docView(ISSUED_ROW) })
    await open(s)
    expect(text('[data-testid=doc-number]')).toBe('示财绩函〔2026〕12号')
    expect(box('doc-title').disabled).toBe(true)
    expect($('[data-testid=doc-issue]')).toBeNull()
    expect($('[data-testid=doc-block-insert-0]')).toBeNull()
  })

  it('warns on a draft’s preview when core lays it out in a substitute face, not on an issued one', async () => {
    const report = {
      fonts: [],
      warnings: ['仿宋：未找到正式字体（仿宋_GB2312、仿宋），正以替代字体 Noto Serif CJK SC 排版；可在字体设置中导入本单位已有的字体文件'],
      fonts_dir: '/data/fonts',
    }
    const draft = setup({ results_doc_font_report: () => report })
    await open(draft)
    expect(text('[data-testid=doc-preview] [data-testid=doc-font-warning]')).toContain('正以替代字体 Noto Serif CJK SC 排版')
    while (mounted.length) mounted.pop()!.unmount()
    const issued = setup({ results_doc_get: () => docView(ISSUED_ROW), results_doc_font_report: () => report })
    await open(issued)
    expect($('[data-testid=doc-font-warning]')).toBeNull()
  })

  it('按数据重新生成 runs only after the clerk confirms', async () => {
    const s = setup()
    await open(s)
    await click('doc-regenerate')
    messageBoxButton('取消').click()
    await settle(50)
    expect(s.sent('results_doc_regenerate')).toEqual([])
    await click('doc-regenerate')
    messageBoxButton('重新生成').click()
    await settle(50)
    expect(s.sent('results_doc_regenerate')).toEqual([{ id: 'd1' }])
  })

  it('另存为 PDF writes to the chosen path (the shell adds .pdf) and 打印 opens the system viewer', async () => {
    const s = setup({
      'dialog_save': () => '/home/user/反馈意见函.pdf',
      results_doc_save_pdf: () => null,
      results_doc_print: () => null,
    })
    await open(s)
    await click('doc-save-pdf')
    expect(s.sent('results_doc_save_pdf')).toEqual([{ id: 'd1', path: '/home/user/反馈意见函.pdf' }])
    await click('doc-print')
    expect(s.sent('results_doc_print')).toEqual([{ id: 'd1' }])
    expect(document.body.textContent).toContain('已在 PDF 阅读器中打开')
  })

  it('shows why core refuses a save and keeps the edits', async () => {
    const s = setup({
      results_doc_update: () => {
        throw { code: 'Invalid', message: '『主送机关』请填写主送机关', problems: [] }
      },
    })
    await open(s)
    await type('doc-addressees', '')
    await click('doc-save')
    expect(document.body.textContent).toContain('请填写主送机关')
    expect(text('[data-testid=doc-dirty]')).toBe('未保存')
  })

  it('shows a layout failure of the preview (e.g. a missing font) instead of pages', async () => {
    const s = setup({
      results_doc_pdf: () => {
        throw { code: 'Invalid', message: '『公文排版』找不到仿宋字体', problems: [] }
      },
    })
    await open(s)
    expect(text('[data-testid=doc-preview-error]')).toContain('找不到仿宋字体')
    expect($('[data-testid=doc-page-1]')).toBeNull()
  })
})
