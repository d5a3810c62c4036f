import { describe, expect, it } from 'vitest'
import UnitsView from '../src/views/org/UnitsView.vue'
import type { OrgUnit } from '../src/api/bindings/OrgUnit'
import type { UnitInput } from '../src/api/bindings/UnitInput'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { UNITS } from './fixtures'

const $ = (sel: string) => document.body.querySelector(sel)

function setup(extra: Record<string, (a: Record<string, any>) => unknown> = {}) {
  const pinia = freshPinia()
  const units: OrgUnit[] = UNITS.map((u) => ({ ...u }))
  const calls = mockBackend({
    org_units: () => units.map((u) => ({ ...u })), // a fresh array, as real IPC gives
    org_unit_create: (a) => {
      const input = a.input as UnitInput
      const u: OrgUnit = { id: `id-${input.code}`, ...input, project_count: 0 }
      units.push(u)
      units.sort((x, y) => x.code.localeCompare(y.code))
      return u
    },
    ...extra,
  })
  const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)
  return { pinia, sent }
}

describe('UnitsView', () => {
  it('shows the tree with 「code 名称」 labels and kind tags, top level expanded', async () => {
    const { pinia } = setup()
    const { wrapper } = await mountWith(UnitsView, { pinia })
    const tree = wrapper.find('[data-testid=unit-tree]')
    expect(tree.find('.el-tree').exists()).toBe(true)
    expect(tree.text()).toContain('100 县财政局')
    expect(tree.text()).toContain('201001 县第一中学') // child of an expanded top-level unit
    expect(tree.text()).toContain('财政局股室')
  })

  it('E2E path: 新增顶级单位 → type code and name → save → 「code 名称」 in the tree', async () => {
    const { pinia, sent } = setup()
    const { wrapper } = await mountWith(UnitsView, { pinia })
    ;($('[data-testid=unit-add-top]') as HTMLButtonElement).click()
    await settle(50)
    expect($('[data-testid=unit-kind]')!.classList).toContain('el-select')
    for (const id of ['unit-code', 'unit-name', 'unit-contact', 'unit-phone']) {
      expect($(`[data-testid=${id}] input`), id).toBeInstanceOf(HTMLInputElement)
    }
    await typeInto($('[data-testid=unit-code] input'), '301')
    await typeInto($('[data-testid=unit-name] input'), '县文化和旅游局')
    ;($('[data-testid=unit-save]') as HTMLButtonElement).click()
    await settle(150)
    expect(sent('org_unit_create')).toEqual([
      { input: { code: '301', name: '县文化和旅游局', parent_id: null, kind: '预算单位', contact: '', phone: '' } },
    ])
    expect(wrapper.find('[data-testid=unit-tree]').text()).toContain('301 县文化和旅游局')
  })

  it('新增下级单位 defaults the parent to the selected unit', async () => {
    const { pinia, sent } = setup()
    const { wrapper } = await mountWith(UnitsView, { pinia })
    const node = wrapper.findAll('.el-tree-node__content').find((n) => n.text().includes('201 县教育局'))!
    await node.trigger('click')
    await settle()
    expect(wrapper.text()).toContain('李四') // details of the selected unit
    ;($('[data-testid=unit-add-child]') as HTMLButtonElement).click()
    await settle(50)
    await typeInto($('[data-testid=unit-code] input'), '201009')
    await typeInto($('[data-testid=unit-name] input'), '县第九小学')
    ;($('[data-testid=unit-save]') as HTMLButtonElement).click()
    await settle(150)
    expect((sent('org_unit_create')[0]!.input as UnitInput).parent_id).toBe('u-edu')
  })

  it('shows a duplicate-code refusal under 单位编码', async () => {
    const { pinia } = setup({
      org_unit_create: () => {
        throw { code: 'Conflict', message: '单位编码『100』已被『县财政局』使用，请换一个编码', problems: [] }
      },
    })
    await mountWith(UnitsView, { pinia })
    ;($('[data-testid=unit-add-top]') as HTMLButtonElement).click()
    await settle(50)
    await typeInto($('[data-testid=unit-code] input'), '100')
    await typeInto($('[data-testid=unit-name] input'), '重复')
    ;($('[data-testid=unit-save]') as HTMLButtonElement).click()
    await settle(150)
    expect($('[data-testid=unit-code]')!.textContent).toContain('已被『县财政局』使用')
  })

  it('checks the code as the clerk types, in Chinese', async () => {
    const { pinia, sent } = setup()
    await mountWith(UnitsView, { pinia })
    ;($('[data-testid=unit-add-top]') as HTMLButtonElement).click()
    await settle(50)
    await typeInto($('[data-testid=unit-code] input'), '10 1')
    await settle(150)
    expect($('[data-testid=unit-code]')!.textContent).toContain('只能由字母、数字')
    ;($('[data-testid=unit-save]') as HTMLButtonElement).click()
    await settle(150)
    expect(sent('org_unit_create')).toEqual([])
  })
})
