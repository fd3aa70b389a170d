// Wire types of the softphone: the desktop's `phone_*` commands and
// `phone-event` events (mirrors `src-tauri/src/phone.rs`), and the server's
// call, recording and agent-state DTOs (`hcrm-shared/src/calls.rs`).
import type { PatientSummary, Visit } from './types'

export type CallDirection = 'inbound' | 'outbound'
export type CallStatus = 'dialing' | 'ringing' | 'active' | 'held' | 'ended'
export type AgentStateName = 'ready' | 'busy' | 'after_call_work' | 'away'
export const AGENT_STATES: AgentStateName[] = ['ready', 'busy', 'after_call_work', 'away']
export type Disposition = 'answered' | 'no_answer' | 'busy' | 'rejected' | 'failed' | 'cancelled' | 'transferred'
export const CALL_DIRECTIONS: CallDirection[] = ['inbound', 'outbound']
export const CALL_STATUSES: CallStatus[] = ['dialing', 'ringing', 'active', 'held', 'ended']
export const DISPOSITIONS: Disposition[] = ['answered', 'no_answer', 'busy', 'rejected', 'failed', 'cancelled', 'transferred']

/** What the UI asks the desktop to dial: a number typed on the dial pad, or
 *  one of a patient's phones by its position on the card (the desktop asks
 *  the server for the number, so the web view never sees it). */
export interface DialRequest {
  uuid: string
  number?: string
  patient_id?: number
  phone_index?: number
  task_id?: number | null
}

/** Events from the softphone engine (`phone-event`). */
export type PhoneEvent =
  | { type: 'incoming'; uuid: string; number: string; at: string }
  | { type: 'ringing'; uuid: string }
  | { type: 'answered'; uuid: string; at: string }
  | { type: 'held'; uuid: string; held: boolean }
  | { type: 'muted'; uuid: string; muted: boolean }
  | { type: 'ended'; uuid: string; at: string; disposition: Disposition }
  | { type: 'levels'; input: number; output: number }
  | { type: 'registration'; registered: boolean; error?: string | null }

export interface AudioDevice { id: string; name: string; is_default: boolean }
export interface AudioDevices {
  inputs: AudioDevice[]
  outputs: AudioDevice[]
  input: string | null
  output: string | null
}

export interface ScreenPopMatch {
  patient: PatientSummary
  recent_visits: Visit[]
  open_items: { follow_up_tasks: number; appointments: number; complaints: number }
}
export interface ScreenPopResponse { number: string; matches: ScreenPopMatch[] }

export interface CallUpsert {
  direction?: CallDirection
  local_number?: string
  remote_number?: string
  started_at?: string
  answered_at?: string
  ended_at?: string
  disposition?: Disposition
  patient_id?: number | null
  task_id?: number | null
  note?: string
}

export interface CallRecord {
  uuid: string
  direction: CallDirection
  local_number: string
  remote_number: string
  started_at: string
  answered_at: string | null
  ended_at: string | null
  disposition: Disposition | null
  agent_id: number
  agent_name: string
  patient_id: number | null
  task_id: number | null
  note: string | null
  talk_seconds: number | null
  has_recording: boolean
}

export interface RecordingPlay { url: string; expires_at: string; size: number; content_type: string }

export interface AgentState {
  user_id: number
  username: string
  display_name: string
  state: AgentStateName
  reason: string | null
  since: string
  until: string | null
}
