import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { api } from '../client'
import { setHospitalUtcOffset } from '../lib/format'
import { buildMenu, hasPermission, landingPath } from '../lib/menu'
import { useReferenceData } from './referenceData'
import { clearSession, loadSession, saveSession, updateSessionUser, type StoredSession } from '../lib/session'

export const useAuth = defineStore('auth', () => {
  const session = ref<StoredSession | null>(loadSession(sessionStorage))

  const user = computed(() => session.value?.user ?? null)
  const isAuthenticated = computed(() => session.value !== null)
  const permissions = computed(() => user.value?.permissions ?? [])
  const menu = computed(() => buildMenu(permissions.value, user.value?.role))
  const home = computed(() => landingPath(menu.value, user.value?.role) ?? '/welcome')
  // Every time on screen is on the hospital's clock, not the PC's.
  watch(user, (u) => setHospitalUtcOffset(u?.utc_offset_minutes ?? 480), { immediate: true })

  function can(p: string): boolean {
    return hasPermission(permissions.value, p)
  }

  async function login(username: string, password: string) {
    const res = await api.login(username, password)
    useReferenceData().$reset()
    session.value = saveSession(sessionStorage, res)
  }

  /** Re-reads the user (role or permissions may have changed server-side). */
  async function refresh() {
    if (!session.value) return
    const me = await api.me()
    updateSessionUser(sessionStorage, me)
    session.value = loadSession(sessionStorage)
  }

  /** Drops the local session without calling the server (after a 401). */
  function clear() {
    clearSession(sessionStorage)
    useReferenceData().$reset()
    session.value = null
  }

  async function logout() {
    try {
      await api.logout()
    } catch {
      // The session may already be gone server-side; leaving anyway.
    }
    clear()
  }

  return { session, user, isAuthenticated, permissions, menu, home, can, login, refresh, clear, logout }
})
