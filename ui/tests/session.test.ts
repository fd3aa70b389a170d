import { describe, expect, it } from 'vitest'
import { clearSession, loadSession, saveSession, updateSessionUser, type KeyValueStore } from '../src/lib/session'
import type { SessionUser } from '../src/lib/types'
import { isTauri } from '../src/lib/tauri'

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>()
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  }
}

const user: SessionUser = {
  id: 1,
  username: 'agent1',
  display_name: '王小明',
  role: 'agent',
  department_id: null,
  department_name: null,
  hospital_id: 1,
  hospital_name: '示例医院',
  permissions: ['patient.read'],
  utc_offset_minutes: 480,
}

describe('session storage', () => {
  it('round-trips a login', () => {
    const s = memoryStore()
    saveSession(s, { token: 'abc', expires_at: '2099-01-01T00:00:00Z', user })
    expect(loadSession(s)?.token).toBe('abc')
    expect(loadSession(s)?.user.display_name).toBe('王小明')
  })
  it('drops an expired session', () => {
    const s = memoryStore()
    saveSession(s, { token: 'abc', expires_at: '2026-01-01T00:00:00Z', user })
    expect(loadSession(s, new Date('2026-01-01T00:00:01Z'))).toBeNull()
    expect(s.map.size).toBe(0)
  })
  it('drops garbage and clears', () => {
    const s = memoryStore()
    s.setItem('hcrm.session', '{not json')
    expect(loadSession(s)).toBeNull()
    saveSession(s, { token: 'abc', expires_at: '2099-01-01T00:00:00Z', user })
    clearSession(s)
    expect(loadSession(s)).toBeNull()
  })
  it('updates the user and keeps the token', () => {
    const s = memoryStore()
    saveSession(s, { token: 'abc', expires_at: '2099-01-01T00:00:00Z', user })
    updateSessionUser(s, { ...user, permissions: [] })
    expect(loadSession(s)?.token).toBe('abc')
    expect(loadSession(s)?.user.permissions).toEqual([])
  })
})

describe('isTauri', () => {
  it('looks for the Tauri internals object', () => {
    expect(isTauri({})).toBe(false)
    expect(isTauri({ __TAURI_INTERNALS__: {} })).toBe(true)
    expect(isTauri(undefined)).toBe(false)
    expect(isTauri()).toBe(false)
  })
})
