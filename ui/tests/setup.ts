import { afterEach } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'

// async-validator (Element Plus form rules) logs every failed rule in dev mode; tests check the
// messages on screen instead.
;(globalThis as Record<string, unknown>).ASYNC_VALIDATOR_NO_WARNING = 1

afterEach(() => {
  clearMocks()
  // The header's year is remembered between runs (localStorage); each test starts afresh.
  globalThis.localStorage?.clear()
  document.body.innerHTML = ''
})
