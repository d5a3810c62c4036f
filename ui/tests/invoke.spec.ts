import { describe, expect, it } from 'vitest'
import { call, toIpcError } from '../src/api/invoke'
import { mockBackend } from './helpers'

describe('call / IpcError', () => {
  it('passes camelCase arguments and returns the result', async () => {
    const calls = mockBackend({ org_unit_move: (a) => ({ moved: a.id }) })
    await expect(call('org_unit_move', { id: 'u1', parentId: null })).resolves.toEqual({ moved: 'u1' })
    expect(calls).toEqual([{ cmd: 'org_unit_move', args: { id: 'u1', parentId: null } }])
  })
  it('keeps a backend IpcError as it is', async () => {
    const err = { code: 'Conflict', message: '单位编码『101』已被『预算股』使用，请换一个编码', problems: [] }
    mockBackend({
      org_unit_create: () => {
        throw err
      },
    })
    await expect(call('org_unit_create', {})).rejects.toEqual(err)
  })
  it('normalises a plain string rejection to code Internal', async () => {
    mockBackend({
      x: () => {
        throw 'command x not found'
      },
    })
    await expect(call('x')).rejects.toEqual({ code: 'Internal', message: 'command x not found', problems: [] })
  })
  it('fills in missing problems and unknown codes', () => {
    expect(toIpcError({ code: 'Invalid', message: 'm' })).toEqual({ code: 'Invalid', message: 'm', problems: [] })
    expect(toIpcError({ code: 'Weird', message: 'm' }).code).toBe('Internal')
    expect(toIpcError(new Error('boom')).message).toBe('boom')
    expect(toIpcError(undefined).message).toBe('操作失败，请重试。')
  })
})
