import { afterEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import Workbench from '../src/views/workbench/Workbench.vue'
import type { Workbench as WorkbenchData } from '../src/api/bindings/Workbench'
import type { TodoCard } from '../src/api/bindings/TodoCard'
import { deadlineText } from '../src/api/workbench'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle } from './helpers'
import { ME, STATUS } from './fixtures'

const $ = (sel: string) => document.body.querySelector(sel)
const text = (sel: string) => $(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
const mounted: VueWrapper[] = []
afterEach(() => {
  while (mounted.length) mounted.pop()!.unmount()
})

const SHEET = {
  id: 'task-1',
  name: '城关镇道路养护',
  unit_name: '城关镇',
  due: '2026-09-10',
  days_left: -5,
  route: '/monitoring/sheet/task-1',
}

function card(over: Partial<TodoCard>): TodoCard {
  return {
    kind: 'monitor_fill',
    title: '待填报的监控情况表',
    count: 1,
    overdue: 1,
    due_soon: 0,
    route: '/monitoring/round-1',
    query: { status: '待填报' },
    items: [SHEET],
    ...over,
  }
}

function data(over: Partial<WorkbenchData> = {}): WorkbenchData {
  return {
    today: '2026-09-15',
    cards: [
      card({}),
      card({
        kind: 'rect_answer',
        title: '待反馈的整改事项',
        count: 1,
        overdue: 0,
        due_soon: 1,
        route: '/results/rect',
        query: { status: '整改中' },
        items: [{ id: 'r1', name: '资金拨付滞后', unit_name: '城关镇', due: '2026-09-18', days_left: 3, route: '/results/rect?id=r1' }],
      }),
      card({ kind: 'self_fill', title: '待填报的自评表', count: 0, overdue: 0, items: [] }),
    ],
    newly_overdue: [{ kind: 'monitor_fill', what: '待填报的监控情况表', item: SHEET }],
    previous_login: '2026-09-08T09:00:00+08:00',
    progress: [],
    ...over,
  }
}

async function open(payload: WorkbenchData) {
  const pinia = freshPinia()
  const session = useSessionStore()
  session.applyStatus(STATUS, true)
  session.me = ME
  const calls = mockBackend({ workbench_todo: () => payload })
  const m = await mountWith(Workbench, { pinia })
  mounted.push(m.wrapper)
  return { ...m, calls, session }
}

describe('工作台', () => {
  it('shows each card with its count, overdue and due-soon tags, and the deadline of each item in days', async () => {
    const { calls } = await open(data())
    expect(calls.filter((c) => c.cmd === 'workbench_todo').map((c) => c.args)).toEqual([{ year: 2025 }])
    expect(text('[data-testid=wb-count-monitor_fill]')).toBe('1')
    expect(text('[data-testid=wb-overdue-monitor_fill]')).toBe('已逾期 1')
    expect(text('[data-testid=wb-card-monitor_fill]')).toContain('已逾期 5 天')
    expect(text('[data-testid=wb-soon-rect_answer]')).toBe('7天内到期 1')
    expect(text('[data-testid=wb-card-rect_answer]')).toContain('还剩 3 天')
    // A card with nothing waiting is listed as done, not as a card.
    expect($('[data-testid=wb-card-self_fill]')).toBeNull()
    expect(text('[data-testid=wb-idle]')).toContain('待填报的自评表')
    // No progress strip for a unit account.
    expect($('[data-testid=wb-progress]')).toBeNull()
  })

  it('tells at login what became overdue since the previous login', async () => {
    await open(data())
    const notice = text('[data-testid=wb-newly-overdue]')
    expect(notice).toContain('自上次登录以来，有 1 项已逾期')
    expect(notice).toContain('城关镇道路养护')
    expect(notice).toContain('已逾期 5 天')
  })

  it('opens the filtered list from a card and the record from an item', async () => {
    const { router } = await open(data())
    const push = vi.spyOn(router, 'push').mockResolvedValue(undefined)
    ;($('[data-testid=wb-open-monitor_fill]') as HTMLElement).click()
    await settle()
    expect(push).toHaveBeenLastCalledWith({ path: '/monitoring/round-1', query: { status: '待填报' } })
    ;($('[data-testid=wb-item-monitor_fill-0]') as HTMLElement).click()
    await settle()
    expect(push).toHaveBeenLastCalledWith('/monitoring/sheet/task-1')
    // The login notice's link opens the record too.
    ;($('[data-testid=wb-newly-task-1]') as HTMLElement).click()
    await settle()
    expect(push).toHaveBeenCalledTimes(3)
  })

  it('shows the bureau the year progress strip from core', async () => {
    await open(
      data({
        newly_overdue: [],
        progress: [
          { stage: '目标批复', done: 45, total: 50, share_bp: 9000 },
          { stage: '整改销号', done: 3, total: 10, share_bp: 3000 },
        ],
      }),
    )
    expect($('[data-testid=wb-newly-overdue]')).toBeNull()
    expect(text('[data-testid=wb-stage-目标批复]')).toContain('45 / 50')
    expect(text('[data-testid=wb-stage-目标批复]')).toContain('90%')
    expect(text('[data-testid=wb-stage-整改销号]')).toContain('30%')
  })

  it('says so when nothing is waiting', async () => {
    await open(data({ cards: [card({ count: 0, overdue: 0, items: [] })], newly_overdue: [] }))
    expect(text('[data-testid=wb-empty]')).toBe('没有待办事项')
  })

  it('words deadlines as 还剩 / 今天到期 / 已逾期', () => {
    expect(deadlineText(3)).toBe('还剩 3 天')
    expect(deadlineText(0)).toBe('今天到期')
    expect(deadlineText(-5)).toBe('已逾期 5 天')
    expect(deadlineText(null)).toBe('')
  })
})
