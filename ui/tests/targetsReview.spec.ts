import { afterEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import TargetEditor from '../src/views/targets/TargetEditor.vue'
import type { Target } from '../src/api/bindings/Target'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { ME, STATUS } from './fixtures'
import { pickOption, RULES, target } from './targetsFixtures'

const mounted: VueWrapper[] = []
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()))

async function open(t: Target, extra: Record<string, (a: Record<string, any>) => unknown> = {}) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  useSessionStore().me = ME // 张三 (zhangsan), 绩效管理
  const calls = mockBackend({
    targets_get: () => t,
    rules_current: () => RULES,
    rules_versions: () => [RULES],
    targets_changes: () => [],
    targets_return: () => ({ ...t, status: '一下' }),
    targets_approve: (a) => ({ ...t, status: '二下', approved_by: a.input.second_login ? '李四' : '张三', approved_at: '2025-03-05T10:00:00+08:00' }),
    ...extra,
  })
  const { wrapper } = await mountWith(TargetEditor, { pinia, props: { id: t.id } })
  mounted.push(wrapper)
  const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)
  return { wrapper, calls, sent }
}

const $ = (sel: string) => document.querySelector(sel)
/** Element Plus shows a field's error ~100 ms after it is set (debounced). */
const MESSAGE_DELAY = 150
const click = async (testid: string) => {
  ;($(`[data-testid=${testid}]`) as HTMLElement).click()
  await settle(testid === 'approve-confirm' ? MESSAGE_DELAY : 0)
}
const comment = (text: string) => typeInto($('[data-testid=review-comment-text] input'), text)

describe('review of a submitted target', () => {
  it('returns the target with a comment on one indicator and one on the whole', async () => {
    const { sent } = await open(target({ status: '一上' }))
    await click('target-comment-0')
    expect($('[data-testid=review-comment-about]')!.textContent).toBe('第1行「维修改造学校数」')
    await pickOption($('[data-testid=review-comment-category]'), '适当性')
    await comment('指标值偏低，建议不少于15所')
    await click('review-add-comment')
    await click('review-comment-overall')
    await comment('总体目标未写明受益学生')
    await click('review-return')
    expect(sent('targets_return')).toEqual([
      {
        id: 't1',
        comments: [
          { indicator_id: 'i1', category: '适当性', text: '指标值偏低，建议不少于15所' },
          { indicator_id: null, category: '适当性', text: '总体目标未写明受益学生' },
        ],
      },
    ])
    expect($('[data-testid=target-status]')!.textContent).toBe('一下')
    expect($('[data-testid=review-panel]')).toBeNull()
  })

  it('does not return without a comment', async () => {
    const { sent } = await open(target({ status: '一上' }))
    expect(($('[data-testid=review-return]') as HTMLButtonElement).disabled).toBe(true)
    expect(sent('targets_return')).toEqual([])
  })

  it('asks an A 类 approval for a second account with its password, then sends 核减 and both', async () => {
    const { sent } = await open(target({ status: '二上', project_grade: 'A', needs_second_reviewer: true }))
    await click('review-approve')
    await click('approve-confirm')
    expect(sent('targets_approve')).toEqual([])
    expect($('[data-testid=approve-second-reviewer]')!.textContent).toContain('A 类项目须由复核人输入其登录名和密码')
    await typeInto($('[data-testid=approve-second-reviewer] input'), 'zhangsan')
    await settle(MESSAGE_DELAY)
    await click('approve-confirm')
    expect(sent('targets_approve')).toEqual([])
    expect($('[data-testid=approve-second-reviewer]')!.textContent).toContain('复核人不能是审核人本人')
    await typeInto($('[data-testid=approve-second-reviewer] input'), 'lisi')
    await typeInto($('[data-testid=approve-second-password] input'), 'Lisi2026x')
    await typeInto($('[data-testid=approve-reduction] input'), '12.5')
    await click('approve-confirm')
    expect(sent('targets_approve')).toEqual([
      { id: 't1', input: { reduction_wan: '12.5', second_login: 'lisi', second_password: 'Lisi2026x' } },
    ])
    expect($('[data-testid=target-status]')!.textContent).toBe('二下')
  })

  it('approves a B 类 target without a 复核人 and refuses a 核减 above the budget', async () => {
    const { sent } = await open(target({ status: '一上' }))
    await click('review-approve')
    expect($('[data-testid=approve-second-reviewer]')).toBeNull()
    await typeInto($('[data-testid=approve-reduction] input'), '1300')
    await settle(MESSAGE_DELAY)
    await click('approve-confirm')
    expect(sent('targets_approve')).toEqual([])
    expect($('[data-testid=approve-reduction]')!.textContent).toContain('不能超过项目调整后预算数 1,286.50 万元')
    await typeInto($('[data-testid=approve-reduction] input'), '')
    await click('approve-confirm')
    expect(sent('targets_approve')).toEqual([{ id: 't1', input: { reduction_wan: '', second_login: '', second_password: '' } }])
  })

  it('cannot approve while the 事前评估 says 不予支持, and says why', async () => {
    const why = '事前绩效评估结论为『不予支持』，不能批复该项目的绩效目标'
    await open(target({ status: '一上', approval_block: why }))
    expect(($('[data-testid=review-approve]') as HTMLButtonElement).disabled).toBe(true)
    expect($('[data-testid=review-panel]')!.textContent).toContain(why)
  })

  it('shows the reviewer what changed since the return (二上)', async () => {
    const { sent } = await open(target({ status: '二上' }), {
      targets_changes: () => [
        { change: '修改', item: '产出指标 / 数量指标 / 维修改造学校数', before: '≥ 12所，权重 20', after: '≥ 15所，权重 20' },
        { change: '新增', item: '满意度指标 / 服务对象满意度指标 / 师生满意度', before: null, after: '≥ 90%' },
      ],
    })
    expect(sent('targets_changes')).toEqual([{ id: 't1' }])
    const text = $('[data-testid=target-changes]')!.textContent!
    expect(text).toContain('≥ 12所，权重 20')
    expect(text).toContain('≥ 15所，权重 20')
    expect(text).toContain('师生满意度')
  })

  it('lets the unit mark a comment 已整改 without losing its typing', async () => {
    const c = { id: 'c1', indicator_id: 'i1', indicator_name: '维修改造学校数', category: '适当性' as const, text: '指标值偏低', resolved: false, created_by: '李四', created_at: '2025-03-02T09:00:00+08:00' }
    const t = target({ status: '一下', comments: [c] })
    const { sent } = await open(t, { targets_resolve_comment: () => ({ ...t, comments: [{ ...c, resolved: true }] }) })
    await typeInto($('[data-testid=target-value-0] input'), '15')
    await click('comment-resolved-0')
    expect(sent('targets_resolve_comment')).toEqual([{ commentId: 'c1', resolved: true }])
    expect(($('[data-testid=target-value-0] input') as HTMLInputElement).value).toBe('15')
    expect($('[data-testid=target-marker-0]')).toBeNull()
  })
})
