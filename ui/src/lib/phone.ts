// The softphone facade the UI talks to: `dial`, `answer`, `hangup`, hold,
// mute, transfer, DTMF, incoming-call screen-pop and the call state. The
// engine behind it is the desktop app (Tauri commands `phone_*`, events
// `phone-event`) or, in a browser with the simulation flag, an in-page
// simulation with the same contract, so every screen is testable without
// SIP. Nothing here touches Vue components; the state is a reactive object.
import { reactive } from 'vue'
import { maskPhone } from './mask'
import type {
  AgentStateName,
  AudioDevices,
  CallDirection,
  CallStatus,
  CallUpsert,
  DialRequest,
  Disposition,
  PhoneEvent,
  ScreenPopMatch,
  ScreenPopResponse,
} from './phoneTypes'

export interface PhoneBackend {
  readonly kind: 'tauri' | 'simulated' | 'none'
  dial(req: DialRequest): Promise<unknown>
  answer(uuid: string): Promise<unknown>
  hangup(uuid: string): Promise<unknown>
  hold(uuid: string, on: boolean): Promise<unknown>
  mute(uuid: string, on: boolean): Promise<unknown>
  transfer(uuid: string, target: string): Promise<unknown>
  dtmf(uuid: string, digits: string): Promise<unknown>
  devices(): Promise<AudioDevices>
  setDevices(input: string | null, output: string | null): Promise<unknown>
  testTone(output: string | null): Promise<unknown>
  subscribe(handler: (e: PhoneEvent) => void): () => void
}

/** What the phone needs from the server. */
export interface PhoneServer {
  screenPop(number: string): Promise<ScreenPopResponse>
  upsertCall(uuid: string, body: CallUpsert): Promise<unknown>
  setAgentState(state: AgentStateName): Promise<unknown>
}

export interface CallInfo {
  uuid: string
  direction: CallDirection
  /** Shown masked; the full number only when the agent typed it. */
  displayNumber: string
  status: CallStatus
  muted: boolean
  held: boolean
  startedAt: string
  answeredAt: string | null
  endedAt: string | null
  disposition: Disposition | null
  patientId: number | null
  taskId: number | null
}

export interface IncomingCall {
  uuid: string
  maskedNumber: string
  /** The caller's number as the PBX sent it: only for "link to patient". */
  number: string
  lookup: 'loading' | 'done' | 'error'
  matches: ScreenPopMatch[]
}

export type DialTarget = string | { patientId: number; phoneIndex: number }
export interface DialLinks {
  patientId?: number | null
  taskId?: number | null
}
export type HotkeyAction = 'answer' | 'hang_up' | 'hold' | 'mute'

/** The dial pad's keys and what a typed number may contain. */
export const DIAL_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']
export function cleanDialString(s: string): string {
  return s.replace(/[\s()-]/g, '').replace(/[^0-9*#+]/g, '')
}

/** Keyboard hotkeys inside the window (global ones come from the desktop). */
export const HOTKEYS: Record<string, HotkeyAction> = { F8: 'answer', F9: 'hang_up', F10: 'hold', F11: 'mute' }

export function newUuid(): string {
  const c = globalThis.crypto as Crypto | undefined
  if (c?.randomUUID) return c.randomUUID()
  const b = new Uint8Array(16)
  for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

export class Phone {
  readonly state = reactive({
    call: null as CallInfo | null,
    incoming: null as IncomingCall | null,
    registered: false,
    registrationError: null as string | null,
    levels: { input: 0, output: 0 },
    /** The last server error while recording the call (shown, not thrown). */
    lastError: null as string | null,
  })
  private unsubscribe: (() => void) | null = null

  constructor(
    readonly backend: PhoneBackend,
    private readonly server: PhoneServer,
    private readonly uuid = newUuid,
  ) {
    this.unsubscribe = backend.subscribe((e) => this.handle(e))
  }

  get kind() {
    return this.backend.kind
  }

  dispose() {
    this.unsubscribe?.()
  }

  /** Dials a typed number or a patient's phone (by its position on the
   *  card); the call links to the patient and task. Returns the call id. */
  async dial(target: DialTarget, links: DialLinks = {}): Promise<string> {
    if (this.state.call && this.state.call.status !== 'ended') throw new Error('phone.busyLine')
    const uuid = this.uuid()
    const req: DialRequest = { uuid, task_id: links.taskId ?? null }
    let displayNumber: string
    let patientId = links.patientId ?? null
    if (typeof target === 'string') {
      const n = cleanDialString(target)
      if (!n) throw new Error('phone.emptyNumber')
      req.number = n
      displayNumber = n
    } else {
      req.patient_id = target.patientId
      req.phone_index = target.phoneIndex
      patientId = target.patientId
      displayNumber = ''
    }
    const startedAt = new Date().toISOString()
    this.state.call = {
      uuid,
      direction: 'outbound',
      displayNumber,
      status: 'dialing',
      muted: false,
      held: false,
      startedAt,
      answeredAt: null,
      endedAt: null,
      disposition: null,
      patientId,
      taskId: links.taskId ?? null,
    }
    await this.record(uuid, {
      direction: 'outbound',
      started_at: startedAt,
      patient_id: patientId,
      task_id: links.taskId ?? null,
      ...(req.number ? { remote_number: req.number } : {}),
    })
    this.agentState('busy')
    try {
      await this.backend.dial(req)
    } catch (e) {
      this.finish(uuid, new Date().toISOString(), 'failed')
      throw e
    }
    return uuid
  }

  async answer(): Promise<void> {
    const inc = this.state.incoming
    if (inc) await this.backend.answer(inc.uuid)
  }

  /** Hangs up the current call, or rejects the ringing one. */
  async hangup(): Promise<void> {
    const c = this.state.call
    if (c && c.status !== 'ended') await this.backend.hangup(c.uuid)
    else if (this.state.incoming) await this.backend.hangup(this.state.incoming.uuid)
  }

  async toggleHold(): Promise<void> {
    const c = this.state.call
    if (c && (c.status === 'active' || c.status === 'held')) await this.backend.hold(c.uuid, !c.held)
  }

  async toggleMute(): Promise<void> {
    const c = this.state.call
    if (c && c.status !== 'ended') await this.backend.mute(c.uuid, !c.muted)
  }

  async transfer(target: string): Promise<void> {
    const c = this.state.call
    const t = cleanDialString(target)
    if (c && t) await this.backend.transfer(c.uuid, t)
  }

  async dtmf(digits: string): Promise<void> {
    const c = this.state.call
    const d = digits.replace(/[^0-9*#A-D]/gi, '')
    if (c && c.status === 'active' && d) await this.backend.dtmf(c.uuid, d)
  }

  hotkey(action: HotkeyAction): Promise<void> {
    switch (action) {
      case 'answer':
        return this.answer()
      case 'hang_up':
        return this.hangup()
      case 'hold':
        return this.toggleHold()
      case 'mute':
        return this.toggleMute()
    }
  }

  /** Links the current (or ringing) call to a patient, e.g. after "link to
   *  patient" or "new patient" on an unknown caller. */
  async linkPatient(patientId: number): Promise<void> {
    const c = this.state.call
    if (c) {
      c.patientId = patientId
      await this.record(c.uuid, { patient_id: patientId })
    }
  }

  /** The engine's events drive the state. Exposed for the tests. */
  handle(e: PhoneEvent): void {
    const c = this.state.call
    switch (e.type) {
      case 'incoming': {
        if (c && c.status !== 'ended') {
          // One line: a second caller is rejected as busy by the engine; the
          // UI ignores it.
          return
        }
        this.state.incoming = {
          uuid: e.uuid,
          number: e.number,
          maskedNumber: maskPhone(e.number),
          lookup: 'loading',
          matches: [],
        }
        this.state.call = {
          uuid: e.uuid,
          direction: 'inbound',
          displayNumber: maskPhone(e.number),
          status: 'ringing',
          muted: false,
          held: false,
          startedAt: e.at,
          answeredAt: null,
          endedAt: null,
          disposition: null,
          patientId: null,
          taskId: null,
        }
        void this.lookup(e.uuid, e.number, e.at)
        return
      }
      case 'ringing':
        if (c?.uuid === e.uuid && c.status === 'dialing') c.status = 'ringing'
        return
      case 'answered':
        if (c?.uuid !== e.uuid) return
        c.status = 'active'
        c.answeredAt = e.at
        if (this.state.incoming?.uuid === e.uuid) this.state.incoming = null
        void this.record(e.uuid, { answered_at: e.at })
        this.agentState('busy')
        return
      case 'held':
        if (c?.uuid === e.uuid && c.status !== 'ended') {
          c.held = e.held
          c.status = e.held ? 'held' : 'active'
        }
        return
      case 'muted':
        if (c?.uuid === e.uuid) c.muted = e.muted
        return
      case 'ended':
        this.finish(e.uuid, e.at, e.disposition)
        return
      case 'levels':
        // A level that is not a number (NaN) arrives as null.
        this.state.levels = { input: e.input ?? 0, output: e.output ?? 0 }
        return
      case 'registration':
        this.state.registered = e.registered
        this.state.registrationError = e.error ?? null
    }
  }

  private finish(uuid: string, at: string, disposition: Disposition) {
    const c = this.state.call
    if (this.state.incoming?.uuid === uuid) this.state.incoming = null
    if (c?.uuid !== uuid || c.status === 'ended') return
    c.status = 'ended'
    c.endedAt = at
    c.disposition = disposition
    c.held = false
    void this.record(uuid, { ended_at: at, disposition })
    this.agentState('after_call_work')
  }

  private async lookup(uuid: string, number: string, at: string) {
    await this.record(uuid, { direction: 'inbound', started_at: at, remote_number: cleanDialString(number) })
    try {
      const r = await this.server.screenPop(number)
      const inc = this.state.incoming
      if (inc?.uuid !== uuid) return
      inc.matches = r.matches
      inc.lookup = 'done'
      // One patient behind the number: the call is theirs.
      if (r.matches.length === 1) await this.linkPatient(r.matches[0].patient.id)
    } catch {
      if (this.state.incoming?.uuid === uuid) this.state.incoming.lookup = 'error'
    }
  }

  private async record(uuid: string, body: CallUpsert) {
    try {
      await this.server.upsertCall(uuid, body)
    } catch (e) {
      this.state.lastError = e instanceof Error ? e.message : String(e)
    }
  }

  private agentState(s: AgentStateName) {
    this.server.setAgentState(s).catch(() => {})
  }
}

/** In-page softphone for browsers and tests: the same contract as the
 *  desktop engine. Outgoing calls are answered after `answerAfterMs`. */
export class SimulatedBackend implements PhoneBackend {
  readonly kind = 'simulated' as const
  private handlers: ((e: PhoneEvent) => void)[] = []
  private live = new Map<string, 'ringing_in' | 'ringing_out' | 'active'>()
  readonly log: string[] = []
  answerAfterMs = 1500

  constructor(private readonly resolveDialTarget?: (req: DialRequest) => Promise<string>) {}

  private emit(e: PhoneEvent) {
    this.handlers.forEach((h) => h(e))
  }
  subscribe(handler: (e: PhoneEvent) => void) {
    this.handlers.push(handler)
    return () => {
      this.handlers = this.handlers.filter((h) => h !== handler)
    }
  }

  /** A caller rings in; returns the call id. */
  incoming(number: string): string {
    const uuid = newUuid()
    this.live.set(uuid, 'ringing_in')
    this.emit({ type: 'incoming', uuid, number, at: new Date().toISOString() })
    return uuid
  }
  remoteHangup(uuid: string) {
    const s = this.live.get(uuid)
    if (!s) return
    this.live.delete(uuid)
    this.emit({
      type: 'ended',
      uuid,
      at: new Date().toISOString(),
      disposition: s === 'active' ? 'answered' : 'cancelled',
    })
  }

  async dial(req: DialRequest) {
    const number = req.number ?? (await this.resolveDialTarget?.(req)) ?? ''
    this.log.push(`dial ${req.patient_id !== undefined ? `patient:${req.patient_id}#${req.phone_index}` : number}`)
    this.live.set(req.uuid, 'ringing_out')
    setTimeout(() => this.emit({ type: 'ringing', uuid: req.uuid }), 10)
    setTimeout(() => {
      if (this.live.get(req.uuid) !== 'ringing_out') return
      this.live.set(req.uuid, 'active')
      this.emit({ type: 'answered', uuid: req.uuid, at: new Date().toISOString() })
    }, this.answerAfterMs)
  }
  async answer(uuid: string) {
    if (this.live.get(uuid) !== 'ringing_in') return
    this.live.set(uuid, 'active')
    this.emit({ type: 'answered', uuid, at: new Date().toISOString() })
  }
  async hangup(uuid: string) {
    const s = this.live.get(uuid)
    if (!s) return
    this.live.delete(uuid)
    const disposition: Disposition = s === 'active' ? 'answered' : s === 'ringing_in' ? 'rejected' : 'cancelled'
    this.emit({ type: 'ended', uuid, at: new Date().toISOString(), disposition })
  }
  async hold(uuid: string, on: boolean) {
    this.emit({ type: 'held', uuid, held: on })
  }
  async mute(uuid: string, on: boolean) {
    this.emit({ type: 'muted', uuid, muted: on })
  }
  async transfer(uuid: string, target: string) {
    this.log.push(`transfer ${target}`)
    this.live.delete(uuid)
    this.emit({ type: 'ended', uuid, at: new Date().toISOString(), disposition: 'transferred' })
  }
  async dtmf(_uuid: string, digits: string) {
    this.log.push(`dtmf ${digits}`)
  }
  async devices(): Promise<AudioDevices> {
    return {
      inputs: [{ id: 'sim-mic', name: 'Simulated microphone', is_default: true }],
      outputs: [{ id: 'sim-speaker', name: 'Simulated speaker', is_default: true }],
      input: 'sim-mic',
      output: 'sim-speaker',
    }
  }
  async setDevices() {}
  async testTone() {
    this.log.push('test tone')
  }
}

/** No softphone (a plain browser): calls cannot be made, the rest works. */
export class NoBackend implements PhoneBackend {
  readonly kind = 'none' as const
  private fail(): Promise<never> {
    return Promise.reject(new Error('phone.unavailable'))
  }
  dial() {
    return this.fail()
  }
  answer() {
    return this.fail()
  }
  hangup() {
    return this.fail()
  }
  hold() {
    return this.fail()
  }
  mute() {
    return this.fail()
  }
  transfer() {
    return this.fail()
  }
  dtmf() {
    return this.fail()
  }
  async devices(): Promise<AudioDevices> {
    return { inputs: [], outputs: [], input: null, output: null }
  }
  setDevices() {
    return this.fail()
  }
  testTone() {
    return this.fail()
  }
  subscribe() {
    return () => {}
  }
}

/** The browser simulation is opted into with `?phone=sim` (remembered) or
 *  `localStorage['hcrm.phone'] = 'sim'`. */
export function simulationRequested(search: string, storage: Pick<Storage, 'getItem' | 'setItem'> | null): boolean {
  const q = new URLSearchParams(search).get('phone')
  if (q && storage) storage.setItem('hcrm.phone', q)
  return (q ?? storage?.getItem('hcrm.phone')) === 'sim'
}
