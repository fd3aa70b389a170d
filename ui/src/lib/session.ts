import type { LoginResponse, SessionUser } from './types'

// The token lives in sessionStorage (not localStorage) so closing the tab or
// window ends the session on a shared hospital PC.
const KEY = 'hcrm.session'

export interface StoredSession {
  token: string
  expires_at: string
  user: SessionUser
}

/** Minimal Storage subset so tests can pass a Map-backed fake. */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export function loadSession(store: KeyValueStore, now: Date = new Date()): StoredSession | null {
  const raw = store.getItem(KEY)
  if (!raw) return null
  try {
    const s = JSON.parse(raw) as StoredSession
    if (!s.token || !s.user) return null
    // An expired session is dropped here so the app starts on /login instead
    // of firing a request that is bound to fail.
    if (s.expires_at && Date.parse(s.expires_at) <= now.getTime()) {
      store.removeItem(KEY)
      return null
    }
    return s
  } catch {
    store.removeItem(KEY)
    return null
  }
}

export function saveSession(store: KeyValueStore, login: LoginResponse): StoredSession {
  const s: StoredSession = { token: login.token, expires_at: login.expires_at, user: login.user }
  store.setItem(KEY, JSON.stringify(s))
  return s
}

export function updateSessionUser(store: KeyValueStore, user: SessionUser): void {
  const s = loadSession(store)
  if (s) store.setItem(KEY, JSON.stringify({ ...s, user }))
}

export function clearSession(store: KeyValueStore): void {
  store.removeItem(KEY)
}
