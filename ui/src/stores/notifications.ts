import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api } from '../client'
import { loadSession } from '../lib/session'
import {
  applyFrame,
  EventSocket,
  mergeLoaded,
  eventsUrl,
  markAllRead as markAllReadState,
  markRead as markReadState,
  RECENT_LIMIT,
  type NotificationState,
} from '../lib/events'
import type { AppNotification } from '../lib/types'

type Listener = (n: AppNotification) => void

// The bell: unread count and recent notifications, kept live by the push
// socket. The layout starts it after login and stops it on logout.
export const useNotifications = defineStore('notifications', () => {
  const unread = ref(0)
  const items = ref<AppNotification[]>([])
  const loading = ref(false)
  /** True between the hello frame and the socket's loss. */
  const live = ref(false)
  const listeners: Listener[] = []
  // Counts frames, so a reload that raced with a push does not undo it.
  let frames = 0

  function state(): NotificationState {
    return { unread: unread.value, items: items.value }
  }
  function set(s: NotificationState) {
    unread.value = s.unread
    items.value = s.items
  }

  const socket = new EventSocket({
    url: () => {
      const token = loadSession(sessionStorage)?.token
      return token ? eventsUrl(api.base, token, window.location.href) : null
    },
    onFrame: (frame) => {
      frames++
      set(applyFrame(state(), frame))
      if (frame.type === 'notification') listeners.forEach((l) => l(frame.notification))
    },
    // Reads or notifications missed while disconnected.
    onConnected: () => {
      live.value = true
      load().catch(() => {})
    },
    onDisconnected: () => {
      live.value = false
    },
    onReconnect: () => {
      load().catch(() => {})
    },
  })

  /** Runs `fn` for every pushed notification (the toast). Returns a remover. */
  function onNotification(fn: Listener): () => void {
    listeners.push(fn)
    return () => {
      const i = listeners.indexOf(fn)
      if (i >= 0) listeners.splice(i, 1)
    }
  }

  async function load() {
    loading.value = true
    try {
      const seen = frames
      const [count, page] = await Promise.all([api.unreadCount(), api.notifications(false, 1, RECENT_LIMIT)])
      set(mergeLoaded(state(), { unread: count.unread, items: page.items }, frames !== seen))
    } finally {
      loading.value = false
    }
  }

  function start() {
    load().catch(() => {})
    socket.start()
  }

  function stop() {
    socket.stop()
    live.value = false
    unread.value = 0
    items.value = []
  }

  async function markRead(id: number) {
    const res = await api.markNotificationRead(id)
    set(markReadState(state(), id, new Date().toISOString(), res.unread))
  }

  async function markAllRead() {
    await api.markAllNotificationsRead()
    set(markAllReadState(state(), new Date().toISOString()))
  }

  return { unread, items, loading, live, load, start, stop, markRead, markAllRead, onNotification }
})
