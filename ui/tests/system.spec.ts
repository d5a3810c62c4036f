import { describe, expect, it } from 'vitest'
import App from '../src/App.vue'
import AuditView from '../src/views/system/AuditView.vue'
import MaintenanceView from '../src/views/system/MaintenanceView.vue'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { STATUS } from './fixtures'

const $ = (sel: string) => document.body.querySelector(sel)

describe('first start', () => {
  it('shows the welcome card instead of the layout while there is no operator', async () => {
    freshPinia()
    mockBackend({ system_status: () => ({ ...STATUS, operator: null, years: [] }) })
    await mountWith(App)
    const text = document.body.textContent ?? ''
    expect(text).toContain('欢迎使用县级预算绩效管理系统')
    expect(text).not.toContain('项目管理')
    expect(($('[data-testid=first-dept] input') as HTMLInputElement).value).toBe('绩效股')
    expect($('[data-testid=first-name] input')).toBeInstanceOf(HTMLInputElement)
    expect($('[data-testid=first-blank]')).not.toBeNull()
    expect($('[data-testid=first-demo]')!.textContent).toContain('载入示例数据（示例县：约100个单位、500个项目）')
  })

  it('sends name, dept and loadDemo, then shows the layout', async () => {
    const pinia = freshPinia()
    const calls = mockBackend({
      system_status: () => ({ ...STATUS, operator: null, years: [] }),
      system_first_start: (a) => ({ ...STATUS, operator: { id: 'x', name: a.name, dept: a.dept }, years: [2026] }),
      org_units: () => [],
      projects_list: () => ({ total: 0, total_adjusted: 0, rows: [] }),
    })
    await mountWith(App, { pinia })
    await typeInto($('[data-testid=first-name] input'), ' 王五 ')
    ;($('[data-testid=first-demo] input') as HTMLInputElement).click()
    await settle()
    ;($('[data-testid=first-submit]') as HTMLButtonElement).click()
    await settle(150)
    expect(calls.find((c) => c.cmd === 'system_first_start')!.args).toEqual({ name: '王五', dept: '绩效股', loadDemo: true })
    expect(document.body.textContent).toContain('王五（绩效股）')
    expect(useSessionStore().year).toBe(2026)
  })

  it('will not start without a name', async () => {
    freshPinia()
    const calls = mockBackend({ system_status: () => ({ ...STATUS, operator: null, years: [] }) })
    await mountWith(App)
    ;($('[data-testid=first-submit]') as HTMLButtonElement).click()
    await settle(150)
    expect(calls.map((c) => c.cmd)).toEqual(['system_status'])
    expect(document.body.textContent).toContain('请填写姓名')
  })
})

describe('操作日志', () => {
  it('asks for the latest 500 and shows actions in Chinese with before/after JSON', async () => {
    freshPinia()
    const calls = mockBackend({
      system_audit_list: () => [
        {
          at: '2025-03-02T09:15:07+08:00',
          operator_name: '张三',
          operator_dept: '绩效股',
          action: 'move',
          entity: 'org_unit',
          entity_id: 'u1',
          summary: '修改单位 201001 县第一中学',
          before_json: '{"parent_id":"a"}',
          after_json: '{"parent_id":"b"}',
        },
      ],
    })
    const { wrapper } = await mountWith(AuditView)
    expect(calls[0]).toEqual({ cmd: 'system_audit_list', args: { limit: 500 } })
    const text = wrapper.text()
    expect(text).toContain('2025-03-02 09:15:07')
    expect(text).toContain('移动')
    expect(text).toContain('单位')
    await wrapper.find('.el-table__expand-icon').trigger('click')
    await settle()
    expect(wrapper.text()).toContain('"parent_id": "b"')
  })
})

describe('数据维护', () => {
  it('shows the database path and runs the check and a backup to the chosen file', async () => {
    freshPinia()
    const calls = mockBackend({
      system_status: () => STATUS,
      system_check: () => ({ ok: true, integrity: ['ok'], foreign_key_problems: [], evidence_problems: [], schema_version: 2 }),
      'dialog_save': () => '/media/usb/备份.db',
      system_backup: (a) => a.dest,
      system_backups: () => ({ dir: '/data/backups', files: [] }),
      system_backup_settings_get: () => ({ keep: 10, daily: true }),
    })
    const { wrapper } = await mountWith(MaintenanceView)
    expect(wrapper.find('[data-testid=db-path]').text()).toBe(STATUS.db_path)
    await wrapper.find('[data-testid=run-check]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid=check-result]').text()).toContain('检查通过')
    await wrapper.find('[data-testid=run-backup]').trigger('click')
    await settle()
    expect(calls.find((c) => c.cmd === 'system_backup')!.args).toEqual({ dest: '/media/usb/备份.db' })
  })
})
