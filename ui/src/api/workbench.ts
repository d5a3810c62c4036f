/** 工作台 (`src-tauri/src/commands/workbench.rs`): the signed-in account's waiting work. */
import { call } from './invoke'
import type { Workbench } from './bindings/Workbench'

export const workbenchApi = {
  /** Cards within the account's reach, what became overdue since its previous login, and (for the bureau) the progress of `year`. */
  todo: (year: number) => call<Workbench>('workbench_todo', { year }),
}

/** 「还剩 3 天」 / 「今天到期」 / 「已逾期 5 天」 from core's days_left (deadline − today); '' without a deadline. */
export function deadlineText(daysLeft: number | null): string {
  if (daysLeft === null) return ''
  if (daysLeft > 0) return `还剩 ${daysLeft} 天`
  if (daysLeft === 0) return '今天到期'
  return `已逾期 ${-daysLeft} 天`
}
