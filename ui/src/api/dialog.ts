/**
 * File dialogs, opened by the Rust shell (`src-tauri/src/commands/dialog.rs`). The webview has no
 * dialog or file-system permission: it asks here, and a command later accepts only a path one of
 * these dialogs returned in this run of the app.
 */
import { call } from './invoke'

export interface DialogFilter {
  name: string
  extensions: string[]
}

/** A file (or a folder with `directory`) to read; null when the clerk cancels. */
export function pickOpen(options: {
  title: string
  directory?: boolean
  filters?: DialogFilter[]
  defaultPath?: string
}): Promise<string | null> {
  return call<string | null>('dialog_open', {
    options: { directory: false, filters: [], ...options },
  })
}

/** Where to write; null when the clerk cancels. The path carries the first filter's extension. */
export function pickSave(options: { title: string; defaultName: string; filters?: DialogFilter[] }): Promise<string | null> {
  return call<string | null>('dialog_save', { options: { filters: [], ...options } })
}
