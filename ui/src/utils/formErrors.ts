/**
 * Puts a backend refusal under the form field it is about. Core names fields by their Chinese
 * label (`problems[0].column` = 『年初预算数（万元）』), so a form passes a label → prop map.
 */
import type { IpcError } from '../api/invoke'

export interface FieldError {
  prop: string
  message: string
}

export function fieldErrorOf(err: IpcError, labelToProp: Record<string, string>): FieldError | null {
  if (err.code === 'Invalid' && err.problems.length > 0) {
    const p = err.problems[0]!
    const prop = labelToProp[p.column.replace(/^『|』$/g, '')]
    if (prop) return { prop, message: p.message }
  }
  if (err.code === 'Conflict') {
    // e.g. 「单位编码『A01』已被『…』使用，请换一个编码」: about exactly one field.
    const hits = Object.keys(labelToProp).filter((label) => err.message.includes(label))
    if (hits.length === 1) return { prop: labelToProp[hits[0]!]!, message: err.message }
  }
  return null
}
