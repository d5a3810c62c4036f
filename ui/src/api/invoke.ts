/**
 * The one door to the Rust side: `call<T>(cmd, args)` wraps Tauri's `invoke` and turns every
 * failure into an {@link IpcError}, so screens branch on `code` and show `message` (Chinese).
 *
 * Argument names are camelCase here; Tauri 2 maps them to the commands' snake_case parameters.
 */
import { invoke, type InvokeArgs } from '@tauri-apps/api/core'
import type { ErrorCode } from './bindings/ErrorCode'
import type { FieldProblem } from './bindings/FieldProblem'

/** What a failed command rejects with (see `src-tauri/src/ipc_error.rs`). */
export interface IpcError {
  code: ErrorCode
  message: string
  problems: FieldProblem[]
}

// A Record, so vue-tsc fails when the Rust enum (bindings/ErrorCode.ts) gains or loses a variant.
const KNOWN_CODES: Record<ErrorCode, true> = {
  Invalid: true,
  Rejected: true,
  NotFound: true,
  Conflict: true,
  SchemaTooNew: true,
  File: true,
  Forbidden: true,
  Unauthenticated: true,
  Locked: true,
  Internal: true,
}
const CODES = Object.keys(KNOWN_CODES) as ErrorCode[]

export function isIpcError(e: unknown): e is IpcError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as IpcError).code === 'string' &&
    CODES.includes((e as IpcError).code) &&
    typeof (e as IpcError).message === 'string' &&
    Array.isArray((e as IpcError).problems)
  )
}

/** Normalises whatever a rejected `invoke` produced (object, string, Error) to an IpcError. */
export function toIpcError(e: unknown): IpcError {
  if (isIpcError(e)) return e
  if (typeof e === 'object' && e !== null) {
    const o = e as Record<string, unknown>
    const code = CODES.includes(o.code as ErrorCode) ? (o.code as ErrorCode) : 'Internal'
    const message =
      typeof o.message === 'string' && o.message !== '' ? o.message : '操作失败，请重试。'
    const problems = Array.isArray(o.problems) ? (o.problems as FieldProblem[]) : []
    return { code, message, problems }
  }
  if (typeof e === 'string' && e !== '') {
    // Tauri itself rejects with a plain string, e.g. an unknown command or a bad argument.
    return { code: 'Internal', message: e, problems: [] }
  }
  return { code: 'Internal', message: '操作失败，请重试。', problems: [] }
}

/** Called when a command says the session is locked or gone (the session store shows the lock screen). */
let onSessionLost: ((code: ErrorCode) => void) | null = null
export function setSessionLostHandler(h: ((code: ErrorCode) => void) | null) {
  onSessionLost = h
}

/** Calls a Tauri command; rejects only with an {@link IpcError}. */
export async function call<T>(cmd: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(cmd, args)
  } catch (e) {
    const err = toIpcError(e)
    if ((err.code === 'Locked' || err.code === 'Unauthenticated') && !cmd.startsWith('access_')) onSessionLost?.(err.code)
    throw err
  }
}

/** The sentence to show for any caught error. */
export function errorText(e: unknown): string {
  return toIpcError(e).message
}
