import { describe, expect, it } from 'vitest'
import App from '../src/App.vue'
import AuditView from '../src/views/system/AuditView.vue'
import MaintenanceView from '../src/views/system/MaintenanceView.vue'
import { useSessionStore } from '../src/stores/session'
import { useAuditStore } from '../src/stores/audit'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { ME, STATUS } from './fixtures'

const $ = (sel: string) => document.body.querySelector(sel)

describe('first start', () => {
  const EMPTY = { ...STATUS, account_count: 0, has_data: false, years: [] }

  it('asks for the 系统管理员 account instead of the layout while there is no account', async () => {
    freshPinia()
    mockBackend({ system_status: () => EMPTY })
    await mountWith(App)
    const text = document.body.textContent ?? ''
    expect(text).toContain('欢迎使用县级预算绩效管理系统')
    expect(text).not.toContain('项目管理')
    expect(($('[data-testid=first-login] input') as HTMLInputElement).value).toBe('admin')
    expect($('[data-testid=first-password] input')).toBeInstanceOf(HTMLInputElement)
    expect($('[data-testid=first-blank]')).not.toBeNull()
    expect($('[data-testid=first-demo]')!.textContent).toContain('载入示例数据')
  })

  it('on a database that already holds data offers no 新建/示例 choice (nothing that looks like a wipe)', async () => {
    freshPinia()
    mockBackend({ system_status: () => ({ ...STATUS, account_count: 0, has_data: true }) })
    await mountWith(App)
    expect(document.body.textContent).toContain('本数据库已有数据')
    expect($('[data-testid=first-blank]')).toBeNull()
    expect($('[data-testid=first-demo]')).toBeNull()
  })

  it('sends the administrator and loadDemo, shows the recovery code, then signs in', async () => {
    const pinia = freshPinia()
    let accounts = 0
    const calls = mockBackend({
      system_status: () => (accounts ? { ...STATUS, years: [2026] } : EMPTY),
      access_first_start: () => {
        accounts = 1
        return { account: {}, recovery_code: 'ABCD-EFGH-JKLM-NPQR' }
      },
      access_login: () => ({ access: { ...ME, name: '王五', roles: ['系统管理员'], perms: ['用户管理'] }, must_change: false, idle_minutes: 30 }),
      access_users_list: () => [],
      access_security_get: () => ({ max_failed: 5, lock_minutes: 15, idle_minutes: 30 }),
      org_units: () => [],
      projects_list: () => ({ total: 0, total_adjusted: 0, rows: [] }),
    })
    await mountWith(App, { pinia })
    await typeInto($('[data-testid=first-name] input'), ' 王五 ')
    await typeInto($('[data-testid=first-password] input'), 'Admin2026')
    await typeInto($('[data-testid=first-again] input'), 'Admin2026')
    ;($('[data-testid=first-demo] input') as HTMLInputElement).click()
    await settle()
    ;($('[data-testid=first-submit]') as HTMLButtonElement).click()
    await settle(300)
    expect(calls.find((c) => c.cmd === 'access_first_start')!.args).toEqual({
      input: { login: 'admin', name: '王五', dept: '信息股', password: 'Admin2026', load_demo: true },
    })
    expect(document.body.textContent).toContain('ABCD-EFGH-JKLM-NPQR')
    ;(document.body.querySelector('.recovery-code-box .el-button--primary') as HTMLButtonElement).click()
    await settle(300)
    expect(calls.find((c) => c.cmd === 'access_login')!.args).toEqual({ login: 'admin', password: 'Admin2026' })
    expect(useSessionStore().me?.name).toBe('王五')
  })

  it('will not start without a name or with two different passwords', async () => {
    freshPinia()
    const calls = mockBackend({ system_status: () => EMPTY })
    await mountWith(App)
    await typeInto($('[data-testid=first-password] input'), 'Admin2026')
    await typeInto($('[data-testid=first-again] input'), 'Admin2027')
    ;($('[data-testid=first-submit]') as HTMLButtonElement).click()
    await settle(150)
    expect(calls.filter((c) => c.cmd.startsWith('access_'))).toEqual([])
    expect(document.body.textContent).toContain('请填写姓名')
    expect(document.body.textContent).toContain('两次输入的密码不一致')
  })
})

describe('login', () => {
  it('shows core\'s refusal (wrong password, lockout) and stays on the login screen', async () => {
    freshPinia()
    const calls = mockBackend({
      system_status: () => STATUS,
      access_login: () => {
        throw { code: 'Unauthenticated', message: '登录名或密码不正确（再错 4 次将锁定账号）', problems: [] }
      },
    })
    await mountWith(App)
    await typeInto($('[data-testid=login-name] input'), 'zhangsan')
    await typeInto($('[data-testid=login-password] input'), 'nope')
    ;($('[data-testid=login-submit]') as HTMLButtonElement).click()
    await settle(150)
    expect(calls.find((c) => c.cmd === 'access_login')!.args).toEqual({ login: 'zhangsan', password: 'nope' })
    expect($('[data-testid=login-error]')!.textContent).toContain('再错 4 次将锁定账号')
    expect(useSessionStore().me).toBeNull()
  })

  it('locks the screen when a command says the session is locked, and unlocks with the password', async () => {
    const pinia = freshPinia()
    mockBackend({
      system_status: () => STATUS,
      access_unlock: () => ({ access: ME, must_change: false, idle_minutes: 30 }),
      org_units: () => {
        throw { code: 'Locked', message: '屏幕已锁定，请输入密码解锁', problems: [] }
      },
      projects_list: () => ({ total: 0, total_adjusted: 0, rows: [] }),
    })
    const session = useSessionStore()
    session.me = ME
    await mountWith(App, { pinia })
    await settle(150)
    expect(session.locked).toBe(true)
    expect($('[data-testid=lock-screen]')).not.toBeNull()
    await typeInto($('[data-testid=unlock-password] input'), 'Mine2026x')
    ;($('[data-testid=unlock-submit]') as HTMLButtonElement).click()
    await settle(150)
    expect(session.locked).toBe(false)
  })
})

const AUDIT_ROW = {
  seq: 42,
  id: 'a42',
  at: '2025-03-02T09:15:07+08:00',
  operator_id: 'op1',
  operator_name: '张三',
  operator_dept: '绩效股',
  action: 'move',
  action_label: '移动',
  entity: 'org_unit',
  entity_label: '单位',
  entity_id: 'u1',
  summary: '修改单位 201001 县第一中学',
  has_detail: true,
  hash: 'ab'.repeat(32),
}
const CHAIN_OK = { ok: true, rows: 42, first_bad: null, last_seq: 42, last_hash: 'ab'.repeat(32), message: '操作日志校验链完整（共 42 条）' }
const OPTIONS = {
  operators: ['张三'],
  actions: [{ code: 'move', label: '移动' }],
  entities: [{ code: 'org_unit', label: '单位' }, { code: 'perf_target', label: '绩效目标' }],
}

describe('操作日志', () => {
  it('asks core for one page, shows its Chinese names, the chain as 完整, and reads before/after on expand', async () => {
    freshPinia()
    const calls = mockBackend({
      system_audit_page: () => ({ total: 1, rows: [AUDIT_ROW] }),
      system_audit_options: () => OPTIONS,
      system_audit_verify: () => CHAIN_OK,
      system_audit_get: () => ({ ...AUDIT_ROW, before_json: '{"parent_id":"a"}', after_json: '{"parent_id":"b"}' }),
    })
    const { wrapper } = await mountWith(AuditView)
    const page = calls.find((c) => c.cmd === 'system_audit_page')!
    expect(page.args).toEqual({
      query: { operator: null, action: null, entity: null, from: null, to: null, search: null, page: 1, page_size: 50 },
    })
    const text = wrapper.text()
    expect(text).toContain('2025-03-02 09:15:07')
    expect(text).toContain('移动')
    expect(text).toContain('单位')
    expect(wrapper.find('[data-testid=audit-chain]').text()).toContain('操作日志完整：共 42 条')
    expect(calls.some((c) => c.cmd === 'system_audit_get')).toBe(false)
    await wrapper.find('.el-table__expand-icon').trigger('click')
    await settle()
    expect(calls.find((c) => c.cmd === 'system_audit_get')!.args).toEqual({ id: 'a42' })
    expect(wrapper.text()).toContain('"parent_id": "b"')
  })

  it('says which row broke the chain', async () => {
    freshPinia()
    mockBackend({
      system_audit_page: () => ({ total: 0, rows: [] }),
      system_audit_options: () => OPTIONS,
      system_audit_verify: () => ({
        ok: false,
        rows: 42,
        first_bad: { position: 7, seq: 7, id: 'a7', at: '2025-03-02T09:15:07+08:00', reason: '内容与校验值不符，该条被改动过' },
        last_seq: 42,
        last_hash: 'ab'.repeat(32),
        message: '操作日志第 7 条（时间 2025-03-02 09:15:07，ID a7）：内容与校验值不符，该条被改动过',
      }),
    })
    const { wrapper } = await mountWith(AuditView)
    const chain = wrapper.find('[data-testid=audit-chain]').text()
    expect(chain).toContain('第 7 条被改动')
    expect(chain).toContain('内容与校验值不符')
  })

  it('a filter reloads page 1 with it, and the export sends the filtered query without paging', async () => {
    freshPinia()
    const calls = mockBackend({
      system_audit_page: () => ({ total: 1, rows: [AUDIT_ROW] }),
      system_audit_options: () => OPTIONS,
      system_audit_verify: () => CHAIN_OK,
      'dialog_save': () => '/media/usb/日志.xlsx',
      system_audit_export: () => 1,
    })
    const { wrapper } = await mountWith(AuditView)
    const store = useAuditStore()
    store.page = 3
    store.filters.entity = 'perf_target'
    store.filters.dates = ['2025-03-01', '2025-03-31']
    await settle()
    const last = calls.filter((c) => c.cmd === 'system_audit_page').pop()!
    expect(last.args.query).toMatchObject({ entity: 'perf_target', from: '2025-03-01', to: '2025-03-31', page: 1 })
    await wrapper.find('[data-testid=audit-export]').trigger('click')
    await settle()
    expect(calls.find((c) => c.cmd === 'system_audit_export')!.args).toEqual({
      query: { operator: null, action: null, entity: 'perf_target', from: '2025-03-01', to: '2025-03-31', search: null, page: 0, page_size: 50 },
      path: '/media/usb/日志.xlsx',
    })
  })
})

describe('数据维护', () => {
  it('shows the database path and runs the check and a backup to the chosen file', async () => {
    freshPinia()
    const calls = mockBackend({
      system_status: () => STATUS,
      system_check: () => ({ ok: true, integrity: ['ok'], foreign_key_problems: [], evidence_problems: [], schema_version: 9, audit_chain: CHAIN_OK }),
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

  it('names the first broken 操作日志 row when the chain does not hold', async () => {
    freshPinia()
    const message = '操作日志第 43 条（时间 2025-03-02 09:15:07，ID a43）：前面的第 42 条缺失，该条已被删除'
    mockBackend({
      system_status: () => STATUS,
      system_check: () => ({
        ok: false,
        integrity: ['ok'],
        foreign_key_problems: [],
        schema_version: 7,
        audit_chain: { ...CHAIN_OK, ok: false, first_bad: { position: 42, seq: 43, id: 'a43', at: '2025-03-02T09:15:07+08:00', reason: '' }, message },
      }),
      system_backups: () => ({ dir: '/data/backups', files: [] }),
      system_backup_settings_get: () => ({ keep: 10, daily: true }),
    })
    const { wrapper } = await mountWith(MaintenanceView)
    await wrapper.find('[data-testid=run-check]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid=check-result]').text()).toContain('发现问题')
    expect(wrapper.find('[data-testid=check-chain]').text()).toBe(message)
  })
})
