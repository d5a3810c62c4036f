import { describe, expect, it } from 'vitest'
import FontsView from '../src/views/system/FontsView.vue'
import DocPreview from '../src/views/results/DocPreview.vue'
import { STAGES } from '../src/menu'
import { freshPinia, mockBackend, mountWith, settle } from './helpers'

const SUBSTITUTE = {
  fonts: [
    { role: '仿宋', family: 'Noto Serif CJK SC', path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', official: false, configured: false },
    { role: '小标宋', family: 'Noto Serif CJK SC', path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', official: false, configured: false },
    { role: '黑体', family: 'SimHei', path: '/data/fonts/simhei.ttf', official: true, configured: false },
    { role: '楷体', family: 'AR PL UKai CN', path: '/usr/share/fonts/truetype/arphic/ukai.ttc', official: false, configured: false },
  ],
  warnings: [
    '仿宋：未找到正式字体（仿宋_GB2312、仿宋），正以替代字体 Noto Serif CJK SC 排版；可在字体设置中导入本单位已有的字体文件',
    '小标宋：未找到正式字体（方正小标宋简体），正以替代字体 Noto Serif CJK SC 排版；可在字体设置中导入本单位已有的字体文件',
    '楷体：未找到正式字体（楷体_GB2312、楷体），正以替代字体 AR PL UKai CN 排版；可在字体设置中导入本单位已有的字体文件',
  ],
  fonts_dir: '/data/fonts',
}

/** After importing 仿宋_GB2312: the body role is official, two warnings remain. */
const AFTER_IMPORT = {
  ...SUBSTITUTE,
  fonts: [
    { role: '仿宋', family: 'FangSong_GB2312', path: '/data/fonts/仿宋_GB2312.ttf', official: true, configured: false },
    ...SUBSTITUTE.fonts.slice(1),
  ],
  warnings: SUBSTITUTE.warnings.slice(1),
}

const $ = (sel: string) => document.body.querySelector(sel)
const $$ = (sel: string) => Array.from(document.body.querySelectorAll(sel))

describe('系统设置 › 公文字体', () => {
  it('is a 系统设置 entry for the accounts that may change 文书', () => {
    const item = STAGES.find((s) => s.key === 'system')!.items.find((i) => i.path === '/fonts')
    expect(item).toMatchObject({ title: '公文字体', testId: 'menu-fonts', perm: '文书与文号' })
  })

  it('shows each role with its face, official or substitute, and the warnings core gives', async () => {
    freshPinia()
    mockBackend({ results_doc_font_report: () => SUBSTITUTE })
    const { wrapper } = await mountWith(FontsView)
    const rows = wrapper.findAll('[data-testid=font-table] .el-table__body tr')
    expect(rows.map((r) => r.findAll('td').map((td) => td.text()).slice(0, 4))).toEqual([
      ['仿宋', '正文、文号、成文日期、表格', 'Noto Serif CJK SC', '替代字体'],
      ['小标宋', '发文机关标志、标题', 'Noto Serif CJK SC', '替代字体'],
      ['黑体', '一级标题「一、」、附件标识', 'SimHei', '正式字体'],
      ['楷体', '二级标题「（一）」', 'AR PL UKai CN', '替代字体'],
    ])
    const warnings = wrapper.findAll('[data-testid=font-warning]').map((w) => w.text())
    expect(warnings).toHaveLength(3)
    expect(warnings[0]).toContain('仿宋：未找到正式字体')
    expect(wrapper.find('[data-testid=font-all-official]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=font-note]').text()).toContain('/data/fonts')
  })

  it('imports the file picked in the Rust dialog and shows the fonts as core reports them after', async () => {
    freshPinia()
    const calls = mockBackend({
      results_doc_font_report: () => SUBSTITUTE,
      dialog_open: () => '/media/usb/仿宋_GB2312.ttf',
      results_doc_import_font: () => AFTER_IMPORT,
    })
    const { wrapper } = await mountWith(FontsView)
    await wrapper.find('[data-testid=font-import]').trigger('click')
    await settle()
    const dialog = calls.find((c) => c.cmd === 'dialog_open')!.args as { options: { filters: { extensions: string[] }[] } }
    expect(dialog.options.filters[0].extensions).toEqual(['ttf', 'otf', 'ttc', 'otc'])
    expect(calls.find((c) => c.cmd === 'results_doc_import_font')!.args).toEqual({ path: '/media/usb/仿宋_GB2312.ttf' })
    expect(wrapper.find('[data-testid=font-state-仿宋]').text()).toBe('正式字体')
    expect(wrapper.findAll('[data-testid=font-warning]')).toHaveLength(2)
  })

  it('imports nothing when the dialog is cancelled, and shows core’s refusal of a bad file', async () => {
    freshPinia()
    let picked: string | null = null
    const calls = mockBackend({
      results_doc_font_report: () => SUBSTITUTE,
      dialog_open: () => picked,
      results_doc_import_font: () => {
        throw { code: 'Invalid', message: '公文排版：不是可用的 TrueType/OpenType 字体（.ttf/.otf/.ttc）', problems: [] }
      },
    })
    const { wrapper } = await mountWith(FontsView)
    await wrapper.find('[data-testid=font-import]').trigger('click')
    await settle()
    expect(calls.some((c) => c.cmd === 'results_doc_import_font')).toBe(false)
    picked = '/media/usb/说明.txt'
    await wrapper.find('[data-testid=font-import]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid=font-import-error]').text()).toContain('不是可用的 TrueType/OpenType 字体')
    expect(wrapper.findAll('[data-testid=font-warning]')).toHaveLength(3)
  })

  it('says so when every role has its official face', async () => {
    freshPinia()
    mockBackend({
      results_doc_font_report: () => ({
        ...SUBSTITUTE,
        fonts: SUBSTITUTE.fonts.map((f) => ({ ...f, official: true })),
        warnings: [],
      }),
    })
    const { wrapper } = await mountWith(FontsView)
    expect(wrapper.find('[data-testid=font-all-official]').exists()).toBe(true)
    expect(wrapper.findAll('[data-testid=font-warning]')).toHaveLength(0)
  })
})

describe('文书 preview › substitute faces', () => {
  it('warns above the pages with core’s lines and a link to the 字体 screen', async () => {
    freshPinia()
    mockBackend({})
    const { wrapper } = await mountWith(DocPreview, { props: { bytes: null, fontWarnings: SUBSTITUTE.warnings } })
    const alert = wrapper.find('[data-testid=doc-font-warning]')
    expect(alert.text()).toContain('本预览使用了替代字体')
    expect(alert.text()).toContain('楷体：未找到正式字体')
    expect(wrapper.find('[data-testid=doc-font-warning-link]').attributes('href')).toBe('/fonts')
    wrapper.unmount()
  })

  it('shows no warning when the faces are official', async () => {
    freshPinia()
    mockBackend({})
    const { wrapper } = await mountWith(DocPreview, { props: { bytes: null, fontWarnings: [] } })
    expect(wrapper.find('[data-testid=doc-font-warning]').exists()).toBe(false)
    expect($$('[data-testid=doc-font-warning]')).toHaveLength(0)
    expect($('[data-testid=doc-preview]')).not.toBeNull()
    wrapper.unmount()
  })
})
