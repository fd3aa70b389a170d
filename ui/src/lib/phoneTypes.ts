// Wire types of the softphone: the server's call, recording and agent-state
// DTOs (`hcrm-shared/src/calls.rs`); the desktop's are re-exported from the
// generated bindings.
import type { PatientSummary, Visit } from './types'

export type CallDirection = 'inbound' | 'outbound'
export type CallStatus = 'dialing' | 'ringing' | 'active' | 'held' | 'ended'
export type AgentStateName = 'ready' | 'busy' | 'after_call_work' | 'away'
export const AGENT_STATES: AgentStateName[] = ['ready', 'busy', 'after_call_work', 'away']
export type Disposition = 'answered' | 'no_answer' | 'busy' | 'rejected' | 'failed' | 'cancelled' | 'transferred'
export const CALL_DIRECTIONS: CallDirection[] = ['inbound', 'outbound']
export const CALL_STATUSES: CallStatus[] = ['dialing', 'ringing', 'active', 'held', 'ended']
export const DISPOSITIONS: Disposition[] = ['answered', 'no_answer', 'busy', 'rejected', 'failed', 'cancelled', 'transferred']

// The desktop's side (what to dial, engine events, audio devices) is
// generated from src-tauri (see src/desktop/bindings.ts).
export type { AudioDevice, AudioDevices, DialRequest, PhoneEvent } from '../desktop/bindings'

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
