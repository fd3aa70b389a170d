import { invoke } from '@tauri-apps/api/core'
import { isTauri } from './tauri'

// The desktop app's evaluator reader (src-tauri/src/evaluator.rs). In a
// browser none of this is available and the counter page works from the
// server alone.

export interface ReaderStatus {
  connected: boolean
  port: string | null
  device_id: string | null
  firmware: string | null
  layout: number | null
  last_heartbeat_at: string | null
  line: { frames: number; garbage_bytes: number; bad_checksum: number; wrong_version: number; truncated: number; bad_payload: number }
  reconnects: number
  events_stored: number
  pending_forward: number
  forwarded: number
  last_forward_error: string | null
  last_error: string | null
  /** The last SHOW_STAFF / PROMPT / CLEAR: resent 3 times without ACK, then `unacknowledged`. */
  command: CommandStatus | null
  commands_retransmitted: number
  commands_failed: number
}

export interface CommandStatus {
  kind: 'show_staff' | 'prompt' | 'clear' | 'other'
  state: 'sent' | 'acked' | 'rejected' | 'unacknowledged' | 'lost' | 'superseded'
  tries: number
  error: string | null
  at: string
}

export interface PortSettings {
  port: string | null
  device_id: string | null
  search: string[]
  baud: number
  data_bits: number
  parity: string
  stop_bits: number
}

export interface CounterContext {
  clerk_id: number | null
  staff_no: string
  name: string
  greeting: string
  window: string
  patient_id: number | null
}

export const readerAvailable = (): boolean => isTauri(window)

export const reader = {
  status: () => invoke<ReaderStatus>('evaluator_status'),
  request: (timeoutS = 30) => invoke<void>('evaluator_request', { timeoutS }),
  portSettings: () => invoke<PortSettings>('evaluator_get_port_settings'),
  setPortSettings: (settings: PortSettings) => invoke<PortSettings>('evaluator_set_port_settings', { settings }),
  setSession: (serverUrl: string, token: string, context: CounterContext) =>
    invoke<void>('evaluator_set_session', { session: { server_url: serverUrl, token, context } }),
}

/** Sum of the frames the reader had to throw away. */
export function lineErrors(s: ReaderStatus): number {
  const l = s.line
  return l.bad_checksum + l.wrong_version + l.truncated + l.bad_payload
}

/** Message keys of a command's kind and state (static, so the i18n test sees them). */
export const COMMAND_KEYS: Record<CommandStatus['kind'], string> = {
  show_staff: 'evaluations.commands.show_staff', prompt: 'evaluations.commands.prompt',
  clear: 'evaluations.commands.clear', other: 'evaluations.commands.other',
}
export const COMMAND_STATE_KEYS: Record<CommandStatus['state'], string> = {
  sent: 'evaluations.commandStates.sent', acked: 'evaluations.commandStates.acked',
  rejected: 'evaluations.commandStates.rejected', unacknowledged: 'evaluations.commandStates.unacknowledged',
  lost: 'evaluations.commandStates.lost', superseded: 'evaluations.commandStates.superseded',
}
