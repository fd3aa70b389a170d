// Wire types of the softphone: the server's call, recording and agent-state
// DTOs (`hcrm-shared/src/calls.rs`); the desktop's are re-exported from the
// generated bindings.
import type { components } from '../api/schema'
import { allValues } from './types'

type Schemas = components['schemas']

export type CallDirection = Schemas['CallDirection']
/** The phone facade's own view of a call (UI-only). */
export type CallStatus = 'dialing' | 'ringing' | 'active' | 'held' | 'ended'
export type AgentStateName = Schemas['AgentStatus']
export type Disposition = Schemas['CallDisposition']

export const AGENT_STATES = allValues<AgentStateName>({ ready: true, busy: true, after_call_work: true, away: true })
export const CALL_DIRECTIONS = allValues<CallDirection>({ inbound: true, outbound: true })
export const CALL_STATUSES: CallStatus[] = ['dialing', 'ringing', 'active', 'held', 'ended']
export const DISPOSITIONS = allValues<Disposition>({
  answered: true,
  no_answer: true,
  busy: true,
  rejected: true,
  failed: true,
  cancelled: true,
  transferred: true,
})

// The desktop's side (what to dial, engine events, audio devices) is
// generated from src-tauri (see src/desktop/bindings.ts).
// What the desktop sends is the serialize side of each type; what it is sent, the deserialize side.
export type {
  AudioDevice,
  AudioDevices_Serialize as AudioDevices,
  DialRequest_Deserialize as DialRequest,
  PhoneEvent_Serialize as PhoneEvent,
} from '../desktop/bindings'

export type ScreenPopMatch = Schemas['ScreenPopMatch']
export type ScreenPopResponse = Schemas['ScreenPopResponse']
export type CallUpsert = Schemas['CallUpsert']
export type CallRecord = Schemas['CallRecord']
export type RecordingPlay = Schemas['RecordingPlay']
export type AgentState = Schemas['AgentState']
