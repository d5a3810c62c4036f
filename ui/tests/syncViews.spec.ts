import { afterEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { mockIPC } from '@tauri-apps/api/mocks'
import { emit } from '@tauri-apps/api/event'
import ExportView from '../src/views/sync/ExportView.vue'
import ImportView from '../src/views/sync/ImportView.vue'
import ConflictsView from '../src/views/sync/ConflictsView.vue'
import HistoryView from '../src/views/sync/HistoryView.vue'
import SiteView from '../src/views/sync/SiteView.vue'
import type { IpcCall } from './helpers'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { pickOption } from './targetsFixtures'
import { DESTINATIONS, PREVIEW, RECT_ID, rectConflict } from './syncFixtures'
import { ADMIN } from './fixtures'

type Handlers = Record<string, (a: Record<string, any>) => unknown>
const $ = (sel: string) => document.body.querySelector(sel)
const text = (id: string) => $(`[data-testid="${id}"]`)?.textContent ?? ''
const click = async (id: string) => {
  ;($(`[data-testid="${id}"]`) as HTMLElement).click()
  await settle()
}
const messageBoxButton = (label: string) =>
  [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].filter((b) => b.textContent?.trim() === label).pop()!

const mounted: VueWrapper[] = []
afterEach(() => {
  while (mounted.length) mounted.pop()!.unmount()
})
async function mountView(view: Parameters<typeof mountWith>[0]) {
  const r = await mountWith(view, { pinia: freshPinia() })
  mounted.push(r.wrapper)
  return r
}

/** A mocked backend whose events reach `listen` (the progress bar's feed). */
function backendWithEvents(handlers: Handlers): IpcCall[] {
  const calls: IpcCall[] = []
  mockIPC(
    (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>
      calls.push({ cmd, args: JSON.parse(JSON.stringify(args)) })
      const h = handlers[cmd]
      if (!h) throw { code: 'Internal', message: `unmocked ${cmd}`, problems: [] }
      return h(args)
    },
    { shouldMockEvents: true },
  )
  return calls
}

const SITE_BUREAU = { site_id: 's-bureau', name: '示例县财政局', kind: '财政局', unit_id: null, unit_name: null }
const EVENTS = { 'plugin:event|listen': () => 1, 'plugin:event|unlisten': () => null }

describe('数据交换 › 导入数据包', () => {
  it('previews a package: who sent it, when, per 表 what changes, the totals; then imports and points to 冲突处理', async () => {
    const calls = mockBackend({
      ...EVENTS,
      sync_preview: () => PREVIEW,
      sync_import: () => ({ package_id: 'p-1', from_name: '河口镇', applied: 4, skipped_duplicate: 1, conflicts: 1, duplicate_package: false, files_written: 1, audit_status: '首次核对', audit_note: '首次收到河口镇的操作日志：第 1–9 条，校验完整' }),
    })
    const { router } = await mountView(ImportView)
    await typeInto($('[data-testid=sync-import-file]'), '/media/usb/绩效数据_河口镇_至_全部单位_20260403.jxpkg')
    await click('sync-import-preview')
    expect(calls.find((c) => c.cmd === 'sync_preview')!.args).toEqual({ file: '/media/usb/绩效数据_河口镇_至_全部单位_20260403.jxpkg' })
    expect(text('sync-preview-from')).toBe('河口镇（乡镇）')
    expect(text('sync-preview')).toContain('2026-04-03 16:20:05')
    expect(text('sync-preview-count')).toBe('6')
    const rows = [...document.querySelectorAll('[data-testid=sync-preview-table] .el-table__body tr')].map((r) =>
      [...r.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    )
    expect(rows).toEqual([
      ['单位自评', '0', '2', '0', '1', '0'],
      ['整改事项', '1', '0', '0', '0', '1'],
      ['佐证材料', '1', '0', '0', '0', '0'],
    ])
    const footer = [...document.querySelectorAll('[data-testid=sync-preview-table] .el-table__footer td')].map((td) => td.textContent?.trim())
    expect(footer).toEqual(['合计', '2', '2', '0', '1', '1'])
    expect(text('sync-preview-totals')).toBe('共 6 条变更：将应用 4 条（新增 2、修改 2、删除 0），重复跳过 1 条，冲突 1 条')
    expect($('[data-testid=sync-preview-duplicate]')).toBeNull()
    expect(calls.some((c) => c.cmd === 'sync_import')).toBe(false)

    await click('sync-import-confirm')
    expect(calls.find((c) => c.cmd === 'sync_import')!.args).toEqual({ file: '/media/usb/绩效数据_河口镇_至_全部单位_20260403.jxpkg' })
    expect(text('sync-import-result')).toContain('已应用 4 条，重复跳过 1 条，冲突 1 条')
    expect(text('sync-import-audit').trim()).toBe('操作日志核对（首次核对）：首次收到河口镇的操作日志：第 1–9 条，校验完整')
    await click('sync-goto-conflicts')
    await settle()
    expect(router.currentRoute.value.path).toBe('/sync/conflicts')
  })

  it('says a package imported before changes nothing', async () => {
    mockBackend({ sync_preview: () => ({ ...PREVIEW, duplicate_package: true }) })
    await mountView(ImportView)
    await typeInto($('[data-testid=sync-import-file]'), '/media/usb/a.jxpkg')
    await click('sync-import-preview')
    expect(text('sync-preview-duplicate')).toContain('此数据包已导入过，再次导入不会改变任何数据')
  })

  it('shows core’s message for a damaged package and no preview', async () => {
    mockBackend({
      sync_preview: () => {
        throw { code: 'File', message: '数据包校验和不符（内容在复制途中被改动或损坏），未导入任何数据。请重新导出后再导入', problems: [] }
      },
    })
    await mountView(ImportView)
    await typeInto($('[data-testid=sync-import-file]'), '/media/usb/坏.jxpkg')
    await click('sync-import-preview')
    expect(text('sync-import-error')).toContain('数据包校验和不符')
    expect($('[data-testid=sync-preview]')).toBeNull()
  })

  it('fills the path from the file dialog, limited to .jxpkg', async () => {
    const calls = mockBackend({ 'dialog_open': () => '/media/usb/包.jxpkg' })
    await mountView(ImportView)
    await click('sync-import-pick')
    expect(($('[data-testid=sync-import-file]') as HTMLInputElement).value).toBe('/media/usb/包.jxpkg')
    const opts = calls.find((c) => c.cmd === 'dialog_open')!.args.options as { filters: { extensions: string[] }[] }
    expect(opts.filters[0]!.extensions).toEqual(['jxpkg'])
  })
})

describe('数据交换 › 导出数据包', () => {
  it('exports to the chosen destination and folder, with the bar fed by sync-progress, then shows the result and missing 佐证材料', async () => {
    let progressSeen = ''
    const calls = backendWithEvents({
      sync_site: () => SITE_BUREAU,
      sync_destinations: () => DESTINATIONS,
      'dialog_open': () => '/media/usb',
      sync_export: async () => {
        await emit('sync-progress', { done: 500, total: 1000, phase: '整理变更' })
        await settle()
        progressSeen = text('sync-export-progress')
        return {
          package_id: 'p-2',
          file: '/media/usb/绩效数据_示例县财政局_至_河口镇_20260403162005.jxpkg',
          to_name: '河口镇',
          change_count: 1000,
          file_count: 2,
          size_bytes: 1_572_864,
          seq_from: 10,
          seq_to: 1010,
          missing_files: ['验收照片.jpg'],
        }
      },
    })
    await mountView(ExportView)
    await pickOption($('[data-testid=sync-export-to]'), '河口镇（307）')
    ;($('[data-testid=sync-export-full] input') as HTMLInputElement).click()
    await click('sync-export-pick')
    expect(($('[data-testid=sync-export-folder]') as HTMLInputElement).value).toBe('/media/usb')
    const dialog = calls.find((c) => c.cmd === 'dialog_open')!.args.options as { directory: boolean }
    expect(dialog.directory).toBe(true)
    await click('sync-export-run')
    await settle(10)
    expect(calls.find((c) => c.cmd === 'sync_export')!.args).toEqual({ to: 's-town', full: true, folder: '/media/usb' })
    expect(progressSeen).toContain('50%')
    expect(text('sync-export-file')).toBe('/media/usb/绩效数据_示例县财政局_至_河口镇_20260403162005.jxpkg')
    expect(text('sync-export-count')).toBe('1000')
    expect(text('sync-export-files')).toBe('2')
    expect(text('sync-export-result')).toContain('1.5 MB')
    expect(text('sync-export-missing')).toContain('验收照片.jpg')
  })

  it('asks for a folder before exporting', async () => {
    const calls = mockBackend({ sync_site: () => SITE_BUREAU, sync_destinations: () => DESTINATIONS })
    await mountView(ExportView)
    await click('sync-export-run')
    expect(text('sync-export-error')).toContain('请先选择导出到的文件夹')
    expect(calls.some((c) => c.cmd === 'sync_export')).toBe(false)
  })
})

describe('数据交换 › 冲突处理', () => {
  function conflictsBackend(extra: Handlers = {}) {
    let open = [rectConflict()]
    const calls = mockBackend({
      sync_conflicts: () => open,
      sync_resolve: (a) => {
        open = []
        return rectConflict({ status: '已处理', choice: a.choice, resolved_by: '张三' })
      },
      ...extra,
    })
    return calls
  }

  it('shows both versions side by side with the differing fields marked, and keeps 本机 after a confirm', async () => {
    const calls = conflictsBackend()
    await mountView(ConflictsView)
    expect(calls[0]).toEqual({ cmd: 'sync_conflicts', args: { openOnly: true } })
    const row = $(`[data-testid=sync-conflict-${RECT_ID}]`) as HTMLElement
    expect(row.textContent).toContain('整改事项')
    expect(row.textContent).toContain('…2d1c0b9a')
    expect(row.textContent).toContain('河口镇')
    expect(row.textContent).toContain('双方把同一字段改成了不同内容')
    expect(row.textContent).toContain('待处理')
    row.click()
    await settle()
    const fields = [...document.querySelectorAll('[data-testid=sync-conflict-fields] .el-table__body tr')]
    const measure = fields.find((r) => r.textContent?.includes('整改措施'))!
    expect([...measure.querySelectorAll('td')].map((td) => td.textContent?.trim())).toEqual([
      '整改措施',
      '局里：限期三十日内整改',
      '镇里：已完成道路修补',
    ])
    expect(measure.classList.contains('differs')).toBe(true)
    expect(fields.find((r) => r.textContent?.includes('状态'))!.classList.contains('differs')).toBe(false)

    await click('sync-keep-ours')
    expect(calls.some((c) => c.cmd === 'sync_resolve')).toBe(false)
    messageBoxButton('确定').click()
    await settle(10)
    expect(calls.find((c) => c.cmd === 'sync_resolve')!.args).toEqual({ id: 'c-1', choice: '本机', edited: null })
    expect(calls.filter((c) => c.cmd === 'sync_conflicts')).toHaveLength(2)
    expect(text('sync-conflicts-count')).toContain('待处理 0 条')
  })

  it('shows （已删除） for the side that deleted the record', async () => {
    conflictsBackend({
      sync_conflicts: () => [
        rectConflict({
          reason: '一方删除、另一方修改',
          ours_deleted: true,
          fields: [{ column: 'measure', ours: null, theirs: '镇里：已完成道路修补', differs: true }],
        }),
      ],
    })
    await mountView(ConflictsView)
    ;($(`[data-testid=sync-conflict-${RECT_ID}]`) as HTMLElement).click()
    await settle()
    const cells = [...document.querySelectorAll('[data-testid=sync-conflict-fields] .el-table__body td')].map((td) => td.textContent?.trim())
    expect(cells).toEqual(['整改措施', '（已删除）', '镇里：已完成道路修补'])
  })

  it('saves an edited row: one input per differing field from 本机, numbers sent as numbers', async () => {
    const calls = conflictsBackend()
    await mountView(ConflictsView)
    ;($(`[data-testid=sync-conflict-${RECT_ID}]`) as HTMLElement).click()
    await settle()
    await click('sync-edit')
    const measure = $('[data-testid=sync-edit-measure]') as HTMLInputElement
    expect(measure.value).toBe('局里：限期三十日内整改')
    expect(($('[data-testid=sync-edit-fiscal_year]') as HTMLInputElement).value).toBe('2025')
    expect($('[data-testid=sync-edit-status]')).toBeNull()
    await typeInto($('[data-testid=sync-edit-fiscal_year]'), '二〇二六')
    await click('sync-edit-save')
    expect(text('sync-edit-error')).toBe('「年度」请填写数字')
    await typeInto($('[data-testid=sync-edit-fiscal_year]'), '2026')
    measure.value = '局镇商定：6月底前完成'
    measure.dispatchEvent(new Event('input', { bubbles: true }))
    await settle()
    await click('sync-edit-save')
    await settle(10)
    const sent = calls.find((c) => c.cmd === 'sync_resolve')!.args
    expect(sent.choice).toBe('编辑')
    expect(sent.edited).toEqual({
      id: RECT_ID,
      fiscal_year: 2026,
      measure: '局镇商定：6月底前完成',
      notice_id: null,
      status: '整改中',
      updated_at: '2026-04-02T10:00:00+08:00',
    })
  })
})

describe('数据交换 › 交换记录 and 本机身份', () => {
  it('lists packages newest first with 应用/重复/冲突 for imports, and the PCs exchanged with', async () => {
    mockBackend({
      sync_history: () => [
        {
          id: 'p-2', direction: '导入', peer_site_id: 's-town', peer_name: '河口镇', seq_from: 0, seq_to: 42, change_count: 6, file_count: 1,
          applied: 4, skipped_duplicate: 1, conflicts: 1, file_name: '绩效数据_河口镇_至_全部单位.jxpkg', sha256: 'x', size_bytes: 35_840,
          operator_name: '张三', at: '2026-04-03T16:30:00+08:00', number: 2, audit_status: '改写',
          audit_note: '河口镇的操作日志在上次发送后被改写：第 12 条的校验值与上次收到的不同',
        },
        {
          id: 'p-1', direction: '导出', peer_site_id: '*', peer_name: '全部单位', seq_from: 0, seq_to: 40, change_count: 12, file_count: 0,
          applied: 0, skipped_duplicate: 0, conflicts: 0, file_name: '绩效数据_示例县财政局_至_全部单位.jxpkg', sha256: 'y', size_bytes: 2048,
          operator_name: '张三', at: '2026-04-01T09:00:00+08:00', number: 1, audit_status: '', audit_note: '',
        },
      ],
      sync_peers: () => [
        { site_id: '*', name: '全部单位', kind: '全部', unit_id: null, last_sent_seq: 40, last_received_at: null },
        { site_id: 's-town', name: '河口镇', kind: '乡镇', unit_id: 'u-307', last_sent_seq: 40, last_received_at: '2026-04-03T16:30:00+08:00' },
      ],
    })
    await mountView(HistoryView)
    const rows = [...document.querySelectorAll('[data-testid=sync-history-table] .el-table__body tr')].map((r) => r.textContent)
    expect(rows[0]).toContain('导入')
    expect(rows[0]).toContain('4 / 1 / 1')
    expect(rows[0]).toContain('35.0 KB')
    // What core found about the sender's 操作日志, as a red tag; exports carry none.
    const tags = [...document.querySelectorAll('[data-testid=sync-history-audit]')]
    expect(tags.map((t) => t.textContent?.trim())).toEqual(['改写'])
    expect(tags[0].querySelector('.el-tag')!.classList).toContain('el-tag--danger')
    expect(rows[1]).toContain('导出')
    expect(rows[1]).toContain('全部单位')
    const peers = text('sync-peers')
    expect(peers).toContain('河口镇')
    expect(peers).toContain('2026-04-03 16:30:00')
    expect(peers).not.toContain('全部单位')
  })

  it('shows the fixed kind, renames only, and on the bureau enrols a unit and revokes a lost PC', async () => {
    const ENROLMENT = {
      site_id: 's-307',
      unit_id: 'u-307',
      unit_code: '307',
      name: '河口镇',
      kind: '乡镇',
      public_hex: '04ab',
      enrolled_at: '2026-04-03T16:30:00',
      enrolled_by: '管理员',
      revoked_at: null as string | null,
      revoked_reason: '',
    }
    let list = [ENROLMENT]
    const calls = mockBackend({
      sync_site: () => SITE_BUREAU,
      sync_gaps: () => [{ site_id: 's-307', name: '河口镇', missing: [2], message: '缺少来自河口镇的第 2 号数据包：请…' }],
      sync_enrolments: () => list,
      org_units: () => [
        { id: 'u-307', code: '307', name: '河口镇', parent_id: null, kind: '乡镇', contact: '', phone: '', project_count: 0 },
        { id: 'u-101', code: '101', name: '县教育局', parent_id: null, kind: '主管部门', contact: '', phone: '', project_count: 0 },
      ],
      sync_site_set: (a) => ({ ...SITE_BUREAU, name: a.input.name }),
      dialog_save: () => '/media/usb/县教育局-入网文件.jxenrol',
      sync_enrol: (a) => {
        list = [{ ...ENROLMENT, site_id: 's-101', unit_code: a.unit, name: '县教育局', kind: '预算单位' }, ...list]
        return { site_id: 's-101', unit_code: a.unit, name: '县教育局', kind: '预算单位', file: a.path, change_count: 120 }
      },
      sync_revoke: (a) => {
        list = list.map((e) => (e.site_id === a.site ? { ...e, revoked_at: '2026-05-01T09:00:00', revoked_reason: a.reason } : e))
        return list.find((e) => e.site_id === a.site)
      },
    })
    const pinia = freshPinia()
    const { useSessionStore } = await import('../src/stores/session')
    useSessionStore(pinia).me = ADMIN
    const r = await mountWith(SiteView, { pinia })
    mounted.push(r.wrapper)
    expect(text('sync-site-kind')).toBe('财政局')
    expect(text('sync-gap')).toContain('缺少来自河口镇的第 2 号数据包')
    // Renaming keeps the kind: core refuses any switch.
    await typeInto($('[data-testid=sync-site-name]'), '示例县财政局')
    await click('sync-site-save')
    expect(calls.find((c) => c.cmd === 'sync_site_set')!.args).toEqual({ input: { name: '示例县财政局', kind: '财政局', unit: null } })
    // 发放入网文件 for 县教育局 to the file the Rust dialog returned.
    await pickOption($('[data-testid=sync-enrol-unit]'), '101 县教育局')
    await click('sync-enrol')
    await settle(10)
    expect(calls.find((c) => c.cmd === 'sync_enrol')!.args).toEqual({ unit: '101', path: '/media/usb/县教育局-入网文件.jxenrol' })
    expect(text('sync-enrolments')).toContain('县教育局')
    // 注销 河口镇 with a reason.
    const revoke = [...document.querySelectorAll('[data-testid=sync-enrolments] button')].find((b) =>
      b.closest('tr')?.textContent?.includes('河口镇'),
    ) as HTMLButtonElement
    revoke.click()
    await settle()
    const input = document.querySelector('.el-message-box input') as HTMLInputElement
    input.value = '电脑丢失'
    input.dispatchEvent(new Event('input'))
    await settle()
    messageBoxButton('注销').click()
    await settle(10)
    expect(calls.find((c) => c.cmd === 'sync_revoke')!.args).toEqual({ site: 's-307', reason: '电脑丢失' })
    expect(text('sync-enrolments')).toContain('已注销（电脑丢失）')
  })
})
