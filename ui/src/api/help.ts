/** 「说明」 texts and the 使用手册 PDF, composed by core from the rule set in force. */
import { call } from './invoke'
import type { ScreenHelp } from './bindings/ScreenHelp'

export type HelpScreen =
  | 'exante'
  | 'targets'
  | 'monitoring'
  | 'self'
  | 'spot'
  | 'key'
  | 'rect'
  | 'linkage'
  | 'disclosure'
  | 'assess'
  | 'risks'

export const helpApi = {
  screen: (screen: HelpScreen) => call<ScreenHelp>('help_screen', { screen }),
  /** Writes the 使用手册 PDF to a path picked in the save dialog. */
  writeManual: (path: string) => call<null>('help_write_manual', { path }),
}
