import { describe, expect, it } from 'vitest'
import ProjectForm from '../src/views/projects/ProjectForm.vue'
import type { ProjectInput } from '../src/api/bindings/ProjectInput'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { project, STATUS, UNITS } from './fixtures'

const $ = (sel: string) => document.body.querySelector(sel)

function setup(handlers: Record<string, (a: Record<string, any>) => unknown> = {}) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  const calls = mockBackend({
    org_units: () => UNITS,
    projects_create: (a) => project({ id: 'new', code: a.input.code, name: a.input.name }),
    projects_update: (a) => project({ id: a.id }),
    ...handlers,
  })
  const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)
  return { pinia, calls, sent }
}

/** Element Plus shows a field's error ~100 ms after validation (debounced). */
const MESSAGE_DELAY = 150

async function clickSave() {
  ;($('[data-testid=project-save]') as HTMLButtonElement).click()
  await settle(MESSAGE_DELAY)
}

describe('ProjectForm', () => {
  it('puts the E2E test ids where the test looks for them', async () => {
    const { pinia } = setup()
    await mountWith(ProjectForm, { pinia, props: { modelValue: true, project: null } })
    for (const id of ['project-code', 'project-name', 'project-initial', 'project-adjusted']) {
      expect($(`[data-testid=${id}] input`), id).toBeInstanceOf(HTMLInputElement)
    }
    expect($('[data-testid=project-unit]')!.classList).toContain('el-select')
    expect($('[data-testid=project-unit] input')).toBeInstanceOf(HTMLInputElement)
    expect($('[data-testid=project-save]')!.tagName).toBe('BUTTON')
  })

  it('sends the amounts exactly as typed (trimmed); an empty 调整后 goes to core as empty (core: = 年初, as in the import)', async () => {
    const { pinia, sent } = setup()
    const { wrapper } = await mountWith(ProjectForm, {
      pinia,
      props: { modelValue: true, project: null, defaultUnitId: 'u-school' },
    })
    await typeInto($('[data-testid=project-code] input'), ' 2025-JY-009 ')
    await typeInto($('[data-testid=project-name] input'), '校园安全提升工程')
    await typeInto($('[data-testid=project-initial] input'), ' 1286.50 ')
    await clickSave()
    const input = sent('projects_create')[0]!.input as ProjectInput
    expect(input).toEqual({
      fiscal_year: 2025,
      code: '2025-JY-009',
      name: '校园安全提升工程',
      unit_id: 'u-school',
      budget_type: '一般公共预算',
      category: '特定目标类',
      new_or_continuing: '新增',
      period_start: 2025,
      period_end: 2025,
      initial_budget_wan: '1286.50', // not 1286.5: the exact text, never a float
      adjusted_budget_wan: '',
      fund_source: '财政拨款',
      is_special_bond: false,
      grade: null,
      managing_dept_id: null,
    })
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })

  it('sends a typed 调整后预算数 as its own text, digits untouched', async () => {
    const { pinia, sent } = setup()
    await mountWith(ProjectForm, { pinia, props: { modelValue: true, project: null, defaultUnitId: 'u-school' } })
    await typeInto($('[data-testid=project-code] input'), 'X1')
    await typeInto($('[data-testid=project-name] input'), '项目')
    await typeInto($('[data-testid=project-initial] input'), '0.1')
    await typeInto($('[data-testid=project-adjusted] input'), '0.300000')
    await clickSave()
    const input = sent('projects_create')[0]!.input as ProjectInput
    expect(input.initial_budget_wan).toBe('0.1')
    expect(input.adjusted_budget_wan).toBe('0.300000')
  })

  it('lets core judge the amount text (one rule with the import): "1,286.50" is sent, core\'s refusal shows on the field with its limit', async () => {
    const { pinia, sent } = setup({
      projects_create: (a) => {
        if (a.input.initial_budget_wan === '1000000000') {
          throw { code: 'Invalid', message: '『年初预算数（万元）』金额过大：『1000000000』，最多可填 999999999.999999 万元', problems: [{ row: 0, column: '年初预算数（万元）', message: '金额过大：『1000000000』，最多可填 999999999.999999 万元' }] }
        }
        return project({ id: 'new', code: a.input.code, name: a.input.name })
      },
    })
    await mountWith(ProjectForm, { pinia, props: { modelValue: true, project: null, defaultUnitId: 'u-school' } })
    await typeInto($('[data-testid=project-code] input'), 'X1')
    await typeInto($('[data-testid=project-name] input'), '项目')
    await typeInto($('[data-testid=project-initial] input'), '1000000000')
    await clickSave()
    expect(sent('projects_create')).toHaveLength(1)
    expect($('[data-testid=project-initial]')!.textContent).toContain('最多可填 999999999.999999 万元')
    expect($('[data-testid=project-initial]')!.textContent).not.toContain('不带逗号')
    await typeInto($('[data-testid=project-initial] input'), '1,286.50')
    await settle(MESSAGE_DELAY)
    expect($('[data-testid=project-initial]')!.textContent).not.toContain('请填写万元数')
    await clickSave()
    expect(sent('projects_create').map((a) => (a.input as ProjectInput).initial_budget_wan)).toEqual(['1000000000', '1,286.50'])
  })

  it('requires a 预算单位', async () => {
    const { pinia, sent } = setup()
    await mountWith(ProjectForm, { pinia, props: { modelValue: true, project: null } })
    await typeInto($('[data-testid=project-code] input'), 'X1')
    await typeInto($('[data-testid=project-name] input'), '项目')
    await typeInto($('[data-testid=project-initial] input'), '5')
    await clickSave()
    expect(sent('projects_create')).toEqual([])
    expect(document.body.textContent).toContain('请选择预算单位')
  })

  it('lists only units that may own projects, labelled 「code 名称」', async () => {
    const { pinia } = setup()
    await mountWith(ProjectForm, { pinia, props: { modelValue: true, project: null } })
    ;($('[data-testid=project-unit] .el-select__wrapper') as HTMLElement).click()
    await settle(20)
    const options = [...document.body.querySelectorAll('.project-unit-dropdown .el-select-dropdown__item')].map((o) => o.textContent?.trim())
    expect(options).toContain('201001 县第一中学')
    expect(options).toContain('201 县教育局')
    expect(options).not.toContain('102 绩效股') // 财政局股室
  })

  it('E2E path: type the unit name into project-unit, click the option, save', async () => {
    const { pinia, sent } = setup()
    await mountWith(ProjectForm, { pinia, props: { modelValue: true, project: null } })
    await typeInto($('[data-testid=project-code] input'), 'E2E-1')
    await typeInto($('[data-testid=project-name] input'), '端到端项目')
    const unitInput = $('[data-testid=project-unit] input') as HTMLInputElement
    unitInput.focus()
    ;($('[data-testid=project-unit] .el-select__wrapper') as HTMLElement).click()
    await typeInto(unitInput, '第一中学')
    await settle(50)
    const visible = [...document.body.querySelectorAll<HTMLElement>('.project-unit-dropdown .el-select-dropdown__item')].filter(
      (o) => o.style.display !== 'none',
    )
    expect(visible.map((o) => o.textContent?.trim())).toEqual(['201001 县第一中学'])
    visible[0]!.click()
    await settle()
    await typeInto($('[data-testid=project-initial] input'), '120')
    await typeInto($('[data-testid=project-adjusted] input'), '118.5')
    await clickSave()
    const input = sent('projects_create')[0]!.input as ProjectInput
    expect([input.unit_id, input.initial_budget_wan, input.adjusted_budget_wan]).toEqual(['u-school', '120', '118.5'])
  })

  it('shows a backend field problem under that field', async () => {
    const { pinia } = setup({
      projects_create: () => {
        throw {
          code: 'Invalid',
          message: '『年初预算数（万元）』金额过大',
          problems: [{ row: 0, column: '年初预算数（万元）', message: '金额过大：『99999999999』' }],
        }
      },
    })
    await mountWith(ProjectForm, { pinia, props: { modelValue: true, project: null, defaultUnitId: 'u-school' } })
    await typeInto($('[data-testid=project-code] input'), 'X1')
    await typeInto($('[data-testid=project-name] input'), '项目')
    await typeInto($('[data-testid=project-initial] input'), '99999999999')
    await clickSave()
    expect($('[data-testid=project-initial]')!.textContent).toContain('金额过大：『99999999999』')
  })

  it('edits: shows exact 万元 text of the stored 分 and sends it back unchanged', async () => {
    const { pinia, sent } = setup()
    await mountWith(ProjectForm, {
      pinia,
      props: { modelValue: true, project: project({ initial_budget: 1286505000, adjusted_budget: 12870000, grade: 'B' }) },
    })
    expect(($('[data-testid=project-initial] input') as HTMLInputElement).value).toBe('1286.505')
    expect(($('[data-testid=project-adjusted] input') as HTMLInputElement).value).toBe('12.87')
    await clickSave()
    const args = sent('projects_update')[0]!
    expect(args.id).toBe('p1')
    const input = args.input as ProjectInput
    expect([input.initial_budget_wan, input.adjusted_budget_wan, input.grade]).toEqual(['1286.505', '12.87', 'B'])
  })
})
