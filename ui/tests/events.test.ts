import { describe, expect, it } from 'vitest'
import {
  applyFrame,
  backoffDelay,
  mergeLoaded,
  EventSocket,
  eventsUrl,
  markAllRead,
  markRead,
  parseFrame,
  RECENT_LIMIT,
  type NotificationState,
  type SocketLike,
} from '../src/lib/events'
import type { AppNotification } from '../src/lib/types'

function note(id: number, read = false): AppNotification {
  return {
    id,
    kind: 'alert',
    title: `n${id}`,
    body: '',
    link: null,
    created_at: '2026-11-22T08:00:00Z',
    read_at: read ? '2026-11-22T09:00:00Z' : null,
  }
}

describe('parseFrame', () => {
  it('reads the three frames the server sends', () => {
    expect(parseFrame('{"type":"hello","user_id":5,"unread":2}')).toEqual({ type: 'hello', user_id: 5, unread: 2 })
    expect(parseFrame('{"type":"unread","unread":0}')).toEqual({ type: 'unread', unread: 0 })
    const n = note(9)
    expect(parseFrame(JSON.stringify({ type: 'notification', notification: n, unread: 3 }))).toEqual({
      type: 'notification',
      notification: n,
      unread: 3,
    })
  })

  it('ignores what it does not understand', () => {
    for (const bad of [
      'not json',
      '42',
      'null',
      '[]',
      '{"type":"hello","unread":1}',
      '{"type":"unread"}',
      '{"type":"unread","unread":-1}',
      '{"type":"unread","unread":"3"}',
      '{"type":"other","unread":1}',
      '{"type":"notification","unread":1}',
      '{"type":"notification","notification":{"id":"x"},"unread":1}',
    ]) {
      expect(parseFrame(bad), bad).toBeNull()
    }
    expect(parseFrame(new ArrayBuffer(4))).toBeNull()
    expect(parseFrame(undefined)).toBeNull()
  })
})

describe('unread state', () => {
  const empty: NotificationState = { unread: 0, items: [] }

  it('takes the count from every frame and prepends pushed notifications', () => {
    let s = applyFrame(empty, { type: 'hello', user_id: 1, unread: 2 })
    expect(s).toEqual({ unread: 2, items: [] })
    s = applyFrame(s, { type: 'notification', notification: note(1), unread: 3 })
    s = applyFrame(s, { type: 'notification', notification: note(2), unread: 4 })
    expect(s.unread).toBe(4)
    expect(s.items.map((n) => n.id)).toEqual([2, 1])
    s = applyFrame(s, { type: 'unread', unread: 0 })
    expect(s.unread).toBe(0)
    expect(s.items).toHaveLength(2)
  })

  it('does not list a notification twice and keeps only the recent ones', () => {
    let s = empty
    for (let i = 1; i <= RECENT_LIMIT + 5; i++)
      s = applyFrame(s, { type: 'notification', notification: note(i), unread: i })
    s = applyFrame(s, { type: 'notification', notification: note(RECENT_LIMIT + 5), unread: 99 })
    expect(s.items).toHaveLength(RECENT_LIMIT)
    expect(s.items[0].id).toBe(RECENT_LIMIT + 5)
    expect(new Set(s.items.map((n) => n.id)).size).toBe(RECENT_LIMIT)
  })

  it('marks one read, trusting the server count when given', () => {
    const s: NotificationState = { unread: 2, items: [note(1), note(2), note(3, true)] }
    const a = markRead(s, 1, 'now')
    expect(a.unread).toBe(1)
    expect(a.items[0].read_at).toBe('now')
    expect(markRead(a, 1, 'later').unread).toBe(1) // already read: no double count
    expect(markRead(s, 3, 'now').unread).toBe(2)
    expect(markRead(s, 1, 'now', 7).unread).toBe(7)
    expect(markRead({ unread: 0, items: [note(4)] }, 4, 'now').unread).toBe(0)
    expect(s.items[0].read_at).toBeNull() // not mutated
  })

  it('takes a reload as is, unless frames came while it was in flight', () => {
    const pushed: NotificationState = { unread: 3, items: [note(5), note(4)] }
    const loaded: NotificationState = { unread: 2, items: [note(4), note(3)] }
    expect(mergeLoaded(pushed, loaded, false)).toEqual(loaded)
    const merged = mergeLoaded(pushed, loaded, true)
    expect(merged.unread).toBe(3)
    expect(merged.items.map((n) => n.id)).toEqual([5, 4, 3])
  })

  it('marks all read', () => {
    const s = markAllRead({ unread: 2, items: [note(1), note(2, true)] }, 'now')
    expect(s.unread).toBe(0)
    expect(s.items.map((n) => n.read_at)).toEqual(['now', '2026-11-22T09:00:00Z'])
  })
})

describe('backoffDelay', () => {
  it('doubles from one second to a thirty-second cap', () => {
    const schedule = Array.from({ length: 8 }, (_, i) => backoffDelay(i, () => 0))
    expect(schedule).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000])
    expect(backoffDelay(1000, () => 0)).toBe(30000)
    expect(backoffDelay(-1, () => 0)).toBe(1000)
  })

  it('adds at most the jitter fraction', () => {
    expect(backoffDelay(0, () => 1)).toBe(1200)
    expect(backoffDelay(10, () => 0.5)).toBe(33000)
    expect(backoffDelay(2, () => 0.999, { initialMs: 100, maxMs: 1000, jitter: 0 })).toBe(400)
  })
})

describe('eventsUrl', () => {
  it('uses the page origin for the same-origin base', () => {
    expect(eventsUrl('/api/v1', 'abc', 'http://crm.local:8080/patients')).toBe(
      'ws://crm.local:8080/api/v1/events?token=abc',
    )
    expect(eventsUrl('/api/v1', 'abc', 'https://crm.example/x')).toBe('wss://crm.example/api/v1/events?token=abc')
  })

  it('uses the configured server inside the desktop app', () => {
    expect(eventsUrl('https://hcrm.hospital.cn/api/v1', 'a b', 'tauri://localhost/')).toBe(
      'wss://hcrm.hospital.cn/api/v1/events?token=a+b',
    )
    expect(eventsUrl('http://10.0.0.5:8080/api/v1/', 't', 'http://tauri.localhost/')).toBe(
      'ws://10.0.0.5:8080/api/v1/events?token=t',
    )
  })
})

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  onclose: ((ev: unknown) => void) | null = null
  onerror: ((ev: unknown) => void) | null = null
  closed = false
  constructor(readonly url: string) {}
  close() {
    this.closed = true
  }
  receive(data: unknown) {
    this.onmessage?.({ data })
  }
  drop() {
    this.onclose?.({})
  }
}

function harness(token: { value: string | null }) {
  const sockets: FakeSocket[] = []
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = []
  const frames: unknown[] = []
  let connected = 0
  let lost = 0
  const retries: number[] = []
  const es = new EventSocket({
    url: () => (token.value ? `ws://x/api/v1/events?token=${token.value}` : null),
    onFrame: (f) => frames.push(f),
    onConnected: () => connected++,
    onDisconnected: () => lost++,
    onReconnect: (n) => retries.push(n),
    createSocket: (u) => {
      const s = new FakeSocket(u)
      sockets.push(s)
      return s
    },
    setTimer: (fn, ms) => {
      const t = { fn, ms, cleared: false }
      timers.push(t)
      return t
    },
    clearTimer: (t) => {
      ;(t as { cleared: boolean }).cleared = true
    },
    random: () => 0,
  })
  const fire = () => {
    const t = timers[timers.length - 1]
    if (!t.cleared) t.fn()
  }
  return { es, sockets, timers, frames, fire, connected: () => connected, lost: () => lost, retries }
}

describe('EventSocket', () => {
  it('delivers frames and reconnects with growing delays, resetting after hello', () => {
    const token = { value: 'one' as string | null }
    const h = harness(token)
    h.es.start()
    expect(h.sockets).toHaveLength(1)
    h.sockets[0].receive('{"type":"hello","user_id":1,"unread":0}')
    h.sockets[0].receive('garbage')
    expect(h.frames).toHaveLength(1)
    expect(h.connected()).toBe(1)

    // Lost three times without a hello: 1 s, 2 s, 4 s.
    h.sockets[0].drop()
    h.fire()
    h.sockets[1].drop()
    h.fire()
    h.sockets[2].drop()
    expect(h.timers.map((t) => t.ms)).toEqual([1000, 2000, 4000])
    h.fire()
    // A new token is used on reconnect; a hello resets the schedule.
    token.value = 'two'
    h.sockets[3].drop()
    h.fire()
    expect(h.sockets[4].url).toContain('token=two')
    h.sockets[4].receive('{"type":"unread","unread":3}')
    h.sockets[4].receive('{"type":"hello","user_id":1,"unread":3}')
    expect(h.es.failures).toBe(0)
    h.sockets[4].drop()
    expect(h.timers[h.timers.length - 1].ms).toBe(1000)
    expect(h.lost()).toBe(5)
    expect(h.connected()).toBe(2)
    expect(h.retries).toEqual([1, 2, 3, 4])
  })

  it('stops when signed out and on stop()', () => {
    const token = { value: 'one' as string | null }
    const h = harness(token)
    h.es.start()
    h.es.stop()
    expect(h.sockets[0].closed).toBe(true)
    expect(h.es.running).toBe(false)
    expect(h.timers).toHaveLength(0)

    h.es.start()
    h.sockets[1].drop()
    h.es.stop()
    expect(h.timers[0].cleared).toBe(true)

    h.es.start()
    token.value = null
    h.sockets[2].drop()
    h.fire()
    expect(h.sockets).toHaveLength(3)
    expect(h.es.running).toBe(false)
  })
})
