import type { AppNotification, EventFrame } from './types'

// The push channel `/api/v1/events` (see docs/messaging.md): frame parsing,
// the unread/list state they drive, the socket URL and a reconnecting socket
// with back-off. Plain TypeScript so it is unit-tested without a browser.

/** Parses one text frame; null for anything that is not a known frame. */
export function parseFrame(data: unknown): EventFrame | null {
  if (typeof data !== 'string') return null
  let v: unknown
  try {
    v = JSON.parse(data)
  } catch {
    return null
  }
  if (!v || typeof v !== 'object') return null
  const f = v as Record<string, unknown>
  const unread = f.unread
  if (typeof unread !== 'number' || !Number.isFinite(unread) || unread < 0) return null
  switch (f.type) {
    case 'hello':
      return typeof f.user_id === 'number' ? { type: 'hello', user_id: f.user_id, unread } : null
    case 'unread':
      return { type: 'unread', unread }
    case 'notification': {
      const n = f.notification as Record<string, unknown> | null
      if (!n || typeof n !== 'object' || typeof n.id !== 'number' || typeof n.title !== 'string') return null
      return { type: 'notification', notification: n as unknown as AppNotification, unread }
    }
    default:
      return null
  }
}

export interface NotificationState {
  unread: number
  /** Recent notifications, newest first. */
  items: AppNotification[]
}

/** How many recent notifications the bell keeps. */
export const RECENT_LIMIT = 20

/** The state after a frame. Every frame carries the server's unread count. */
export function applyFrame(state: NotificationState, frame: EventFrame): NotificationState {
  if (frame.type === 'notification') {
    const rest = state.items.filter((n) => n.id !== frame.notification.id)
    return { unread: frame.unread, items: [frame.notification, ...rest].slice(0, RECENT_LIMIT) }
  }
  return { ...state, unread: frame.unread }
}

/**
 * The state after a REST reload. When frames arrived while the reload was
 * in flight (`stale`), their count is newer than the reload's and the
 * notifications they pushed may be missing from it, so both are kept.
 */
export function mergeLoaded(state: NotificationState, loaded: NotificationState, stale: boolean): NotificationState {
  if (!stale) return { unread: loaded.unread, items: loaded.items.slice(0, RECENT_LIMIT) }
  const known = new Set(loaded.items.map((n) => n.id))
  const pushed = state.items.filter((n) => !known.has(n.id))
  const items = [...pushed, ...loaded.items].sort((a, b) => b.id - a.id).slice(0, RECENT_LIMIT)
  return { unread: state.unread, items }
}

/** The state after marking one read locally; `unread` is the server's answer when known. */
export function markRead(state: NotificationState, id: number, now: string, unread?: number): NotificationState {
  let changed = false
  const items = state.items.map((n) => {
    if (n.id !== id || n.read_at) return n
    changed = true
    return { ...n, read_at: now }
  })
  const count = unread ?? (changed ? Math.max(0, state.unread - 1) : state.unread)
  return { unread: count, items }
}

export function markAllRead(state: NotificationState, now: string): NotificationState {
  return { unread: 0, items: state.items.map((n) => (n.read_at ? n : { ...n, read_at: now })) }
}

export interface BackoffOptions {
  initialMs?: number
  maxMs?: number
  /** Fraction of the delay added at random, so many tabs do not reconnect in step. */
  jitter?: number
}

/** Delay before reconnect attempt `attempt` (0-based): 1 s, 2 s, 4 s ... capped at 30 s, plus jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random, opts: BackoffOptions = {}): number {
  const initial = opts.initialMs ?? 1000
  const max = opts.maxMs ?? 30_000
  const jitter = opts.jitter ?? 0.2
  const base = Math.min(max, initial * 2 ** Math.max(0, Math.min(attempt, 30)))
  return Math.round(base * (1 + jitter * random()))
}

/**
 * The socket URL for an API base: same origin for the relative `/api/v1` of
 * the browser, the configured server for the desktop's absolute base.
 */
export function eventsUrl(apiBase: string, token: string, pageUrl: string): string {
  const url = new URL(apiBase.replace(/\/+$/, '') + '/events', pageUrl)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  url.search = ''
  url.searchParams.set('token', token)
  return url.toString()
}

/** The part of WebSocket the client uses (tests pass a fake). */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
  close(code?: number): void
}

export interface EventSocketOptions {
  /** The socket URL, or null when signed out (then it stops). */
  url: () => string | null
  onFrame: (frame: EventFrame) => void
  /** Called on every (re)connect after the hello frame, e.g. to reload the list. */
  onConnected?: () => void
  /** Called when a connected socket is lost (before the reconnect wait). */
  onDisconnected?: () => void
  /**
   * Called before each reconnect with the failures so far. The app checks
   * the session over REST here: a socket refused for an ended session gives
   * no status, a REST call answers 401 and signs the user out.
   */
  onReconnect?: (failures: number) => void
  createSocket?: (url: string) => SocketLike
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
  random?: () => number
  backoff?: BackoffOptions
}

/**
 * A WebSocket that reconnects with back-off until stopped. The attempt
 * counter resets once a hello frame arrives, so a server restart costs one
 * short wait, while a server that refuses us backs off to the cap.
 */
export class EventSocket {
  private readonly opts: EventSocketOptions
  private socket: SocketLike | null = null
  private timer: unknown = null
  private attempt = 0
  private stopped = true

  constructor(opts: EventSocketOptions) {
    this.opts = opts
  }

  get running(): boolean {
    return !this.stopped
  }

  /** Failed attempts since the last hello (for tests and diagnostics). */
  get failures(): number {
    return this.attempt
  }

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.attempt = 0
    this.connect()
  }

  stop(): void {
    this.stopped = true
    if (this.timer !== null) {
      ;(this.opts.clearTimer ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>)
      this.timer = null
    }
    const s = this.socket
    this.socket = null
    if (s) {
      s.onclose = null
      s.onmessage = null
      s.onerror = null
      s.onopen = null
      try {
        s.close(1000)
      } catch {
        // Already closed.
      }
    }
  }

  private connect(): void {
    this.timer = null
    if (this.stopped) return
    if (this.attempt > 0) this.opts.onReconnect?.(this.attempt)
    if (this.stopped) return
    const url = this.opts.url()
    if (!url) {
      this.stop()
      return
    }
    let s: SocketLike
    try {
      s = (this.opts.createSocket ?? ((u) => new WebSocket(u) as unknown as SocketLike))(url)
    } catch {
      this.schedule()
      return
    }
    this.socket = s
    s.onmessage = (ev) => {
      const frame = parseFrame(ev.data)
      if (!frame) return
      if (frame.type === 'hello') {
        this.attempt = 0
        this.opts.onConnected?.()
      }
      this.opts.onFrame(frame)
    }
    s.onclose = () => {
      if (this.socket !== s) return
      this.socket = null
      this.opts.onDisconnected?.()
      this.schedule()
    }
    // An error is followed by close; reconnecting happens there.
    s.onerror = () => {}
  }

  private schedule(): void {
    if (this.stopped || this.timer !== null) return
    const delay = backoffDelay(this.attempt, this.opts.random, this.opts.backoff)
    this.attempt++
    this.timer = (this.opts.setTimer ?? setTimeout)(() => this.connect(), delay)
  }
}
