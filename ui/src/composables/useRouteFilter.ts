/**
 * A list opened from a 工作台 card carries its filter in the router query (`?status=待填报`,
 * `?overdue=1`): `routeChoice` returns the query value when it is one of the list's own choices,
 * so a hand-edited URL can never put an unknown value into a filter.
 */
import { useRoute } from 'vue-router'

export function routeChoice<T extends string>(key: string, choices: readonly T[]): T | null {
  const v = useRoute().query[key]
  return typeof v === 'string' && (choices as readonly string[]).includes(v) ? (v as T) : null
}

/** `?key=1` → true. */
export function routeFlag(key: string): boolean {
  return useRoute().query[key] === '1'
}
