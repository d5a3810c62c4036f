import { beforeEach, describe, expect, it, vi } from 'vitest'
import MaintenanceView from '../src/views/system/MaintenanceView.vue'
import { reloadWindow } from '../src/utils/reload'
import { freshPinia, mockBackend, mountWith, settle } from './helpers'
import { STATUS } from './fixtures'

vi.mock('../src/utils/reload', () => ({ reloadWindow: vi.fn() }))

const $ = (sel: string) => document.body.querySelector(sel)

const FILES = [
  { name: 'jixiao-20260402-171500-exit.db', path: '/data/backups/jixiao-20260402-171500-exit.db', size: 3_145_728, time: '2026-04-02 17:15:00' },
  { name: 'jixiao-20260402-083000-daily.db', path: '/data/backups/jixiao-20260402-083000-daily.db', size: 3_000_000, time: '2026-04-02 08:30:00' },
]

function backend(extra: Record<string, (a: Record<string, any>) => unknown> = {}) {
  return mockBackend({
    system_status: () => STATUS,
    system_backups: () => ({ dir: '/data/backups', files: FILES }),
    system_backup_settings_get: () => ({ keep: 10, daily: true }),
    system_backup_settings_save: (a) => a.settings,
    ...extra,
  })
}

describe('数据维护 › 自动备份与恢复', () => {
  beforeEach(() => vi.mocked(reloadWindow).mockClear())

  it('shows the backups folder, how many backups there are and the newest one', async () => {
    freshPinia()
    backend()
    const { wrapper } = await mountWith(MaintenanceView)
    expect(wrapper.find('[data-testid=backups-dir]').text()).toBe('/data/backups')
    expect(wrapper.find('[data-testid=backups-count]').text()).toBe('2')
    expect(wrapper.find('[data-testid=backups-newest]').text()).toBe(
      '2026-04-02 17:15:00（jixiao-20260402-171500-exit.db，3.0 MB）',
    )
    expect((wrapper.find('[data-testid=backup-keep] input').element as HTMLInputElement).value).toBe('10')
  })

  it('saves a new 保留份数 with the daily switch unchanged', async () => {
    freshPinia()
    const calls = backend()
    const { wrapper } = await mountWith(MaintenanceView)
    await wrapper.find('[data-testid=backup-keep] .el-input-number__increase').trigger('mousedown')
    document.dispatchEvent(new MouseEvent('mouseup'))
    await settle()
    expect(calls.find((c) => c.cmd === 'system_backup_settings_save')!.args).toEqual({ settings: { keep: 11, daily: true } })
  })

  it('restores only after the confirm dialog that says the current data is backed up first, then reloads', async () => {
    freshPinia()
    const calls = backend({
      'dialog_open': () => '/media/usb/jixiao-20260301-090000-exit.db',
      system_restore: (a) => ({ from: a.path, before_restore: '/data/backups/x-before-restore.db', from_version: 5, schema_version: 5 }),
    })
    const { wrapper } = await mountWith(MaintenanceView)
    await wrapper.find('[data-testid=run-restore]').trigger('click')
    await settle()
    expect(calls.some((c) => c.cmd === 'system_restore')).toBe(false)
    expect($('[data-testid=restore-file]')!.textContent).toBe('/media/usb/jixiao-20260301-090000-exit.db')
    expect($('[data-testid=restore-warning]')!.textContent).toContain('把当前数据自动备份到备份文件夹')
    ;($('[data-testid=restore-confirm]') as HTMLButtonElement).click()
    await settle()
    expect(calls.find((c) => c.cmd === 'system_restore')!.args).toEqual({ path: '/media/usb/jixiao-20260301-090000-exit.db' })
    expect(reloadWindow).toHaveBeenCalledTimes(1)
  })

  it('shows the refusal and does not reload when the backup file is bad', async () => {
    freshPinia()
    backend({
      'dialog_open': () => '/media/usb/坏文件.db',
      system_restore: () => {
        throw { code: 'File', message: '备份文件 /media/usb/坏文件.db 已损坏或不是数据库文件，不能恢复', problems: [] }
      },
    })
    const { wrapper } = await mountWith(MaintenanceView)
    await wrapper.find('[data-testid=run-restore]').trigger('click')
    await settle()
    ;($('[data-testid=restore-confirm]') as HTMLButtonElement).click()
    await settle(50)
    expect(document.body.textContent).toContain('坏文件.db 已损坏')
    expect(reloadWindow).not.toHaveBeenCalled()
  })
})
