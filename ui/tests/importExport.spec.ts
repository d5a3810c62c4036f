import { describe, expect, it } from 'vitest'
import ImportErrorDialog from '../src/components/ImportErrorDialog.vue'
import ExchangeButtons from '../src/components/ExchangeButtons.vue'
import { importDoneText } from '../src/composables/useExchange'
import { freshPinia, mockBackend, mountWith, settle } from './helpers'

const PROBLEMS = [
  { row: 3, column: '年初预算数（万元）', message: '不是金额：『约五十』，请填写万元数，如 1286.50' },
  { row: 7, column: '预算单位编码', message: '『209』不存在' },
  { row: 0, column: '项目编码', message: '缺少这一列' },
]

const SENTENCE = '文件中有错误，未导入任何数据。请修改后重新导入。'
const button = (text: string) =>
  [...document.body.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement

describe('ImportErrorDialog', () => {
  it('lists every problem with 行号 / 列 / 问题 under the fixed sentence', async () => {
    await mountWith(ImportErrorDialog, { props: { modelValue: true, problems: PROBLEMS } })
    const text = document.body.textContent ?? ''
    expect(text).toContain(SENTENCE)
    for (const h of ['行号', '列', '问题']) expect(text).toContain(h)
    const rows = [...document.body.querySelectorAll('[data-testid=import-problems] .el-table__body tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    )
    expect(rows).toEqual([
      ['3', '年初预算数（万元）', '不是金额：『约五十』，请填写万元数，如 1286.50'],
      ['7', '预算单位编码', '『209』不存在'],
      ['—', '项目编码', '缺少这一列'],
    ])
  })
})

describe('导入 / 导出 / 下载导入模板', () => {
  it('opens the problem dialog when the backend rejects the file', async () => {
    freshPinia()
    mockBackend({
      'dialog_open': () => '/home/u/项目.xlsx',
      exchange_import: () => {
        throw { code: 'Rejected', message: '共3处错误，未导入任何数据', problems: PROBLEMS }
      },
    })
    const { wrapper } = await mountWith(ExchangeButtons, { props: { sheet: 'projects', year: 2025 } })
    button('导入').click()
    await settle(50)
    const text = document.body.textContent ?? ''
    expect(text).toContain(SENTENCE)
    expect(text).toContain('『209』不存在')
    expect(wrapper.emitted('imported')).toBeUndefined()
  })

  it('imports the picked file, reports the counts and tells the page to reload', async () => {
    freshPinia()
    const calls = mockBackend({
      'dialog_open': () => '/home/u/单位.xlsx',
      exchange_import: () => ({ rows: 12, created: 8, updated: 3, unchanged: 1 }),
    })
    const { wrapper } = await mountWith(ExchangeButtons, { props: { sheet: 'units' } })
    button('导入').click()
    await settle(50)
    expect(calls.find((c) => c.cmd === 'exchange_import')!.args).toEqual({ sheet: 'units', path: '/home/u/单位.xlsx' })
    expect(document.body.textContent).toContain('导入完成：新增 8 条，更新 3 条，未变化 1 条')
    expect(wrapper.emitted('imported')).toHaveLength(1)
  })

  it('does nothing when the clerk cancels the file dialog', async () => {
    freshPinia()
    const calls = mockBackend({ 'dialog_open': () => null })
    await mountWith(ExchangeButtons, { props: { sheet: 'units' } })
    button('导入').click()
    await settle(50)
    expect(calls.map((c) => c.cmd)).toEqual(['dialog_open'])
  })

  it('exports the current year and writes the template to the chosen .xlsx path', async () => {
    freshPinia()
    const calls = mockBackend({
      'dialog_save': () => '/home/u/导出.xlsx',
      exchange_export: () => 57,
      exchange_template: () => null,
    })
    await mountWith(ExchangeButtons, { props: { sheet: 'projects', year: 2025 } })
    button('导出').click()
    await settle(50)
    button('下载导入模板').click()
    await settle(50)
    expect(calls.find((c) => c.cmd === 'exchange_export')!.args).toEqual({
      sheet: 'projects',
      path: '/home/u/导出.xlsx',
      year: 2025,
    })
    expect(calls.find((c) => c.cmd === 'exchange_template')!.args).toEqual({ sheet: 'projects', path: '/home/u/导出.xlsx' })
  })

  it('words the success sentence as specified', () => {
    expect(importDoneText({ created: 1, updated: 0, unchanged: 5 })).toBe('导入完成：新增 1 条，更新 0 条，未变化 5 条')
  })
})

describe('按单位导入', () => {
  it('shows the units a form workbook touches; one unit is the default, several mean 汇总表', async () => {
    const { askUnit } = await import('../src/composables/useWorkbook')
    const one = askUnit('自评表', [{ code: '301', name: '县农业农村局', rows: 9 }])
    await settle(50)
    expect(document.querySelector('[data-testid=import-units-touched]')!.textContent).toBe(
      '本文件涉及 1 个单位：县农业农村局（9 行）。',
    )
    ;(document.querySelector('.el-message-box__btns .el-button--primary') as HTMLButtonElement).click()
    expect(await one).toBe('301')
    await settle(300)
    const two = askUnit('自评表', [
      { code: '301', name: '县农业农村局', rows: 9 },
      { code: '302', name: '县水利局', rows: 3 },
    ])
    await settle(50)
    expect(document.body.textContent).toContain('本文件涉及 2 个单位：县农业农村局（9 行）、县水利局（3 行）。')
    const boxes = document.querySelectorAll('.el-message-box__btns .el-button--primary')
    ;(boxes[boxes.length - 1] as HTMLButtonElement).click()
    expect(await two).toBe('')
  })
})
