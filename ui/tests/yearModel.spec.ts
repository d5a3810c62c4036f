/** Issue 16, point 1: the header's year is remembered between runs, per database file. */
import { describe, expect, it } from 'vitest'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, settle } from './helpers'
import { STATUS } from './fixtures'

describe('the header year between runs', () => {
  it('opens on the year of the last run when the database still has it, else the newest', async () => {
    const years = [2024, 2025, 2026]
    freshPinia()
    const first = useSessionStore()
    first.applyStatus({ ...STATUS, years }, true)
    expect(first.year).toBe(2026)
    first.setYear(2024)
    await settle()

    freshPinia() // the next run
    const next = useSessionStore()
    next.applyStatus({ ...STATUS, years }, true)
    expect(next.year).toBe(2024)

    freshPinia() // another database file does not inherit it
    const other = useSessionStore()
    other.applyStatus({ ...STATUS, db_path: '/tmp/other.db', years }, true)
    expect(other.year).toBe(2026)

    freshPinia() // a remembered year the database no longer has
    const gone = useSessionStore()
    gone.applyStatus({ ...STATUS, years: [2025, 2026] }, true)
    expect(gone.year).toBe(2026)
  })
})
