import { commands, unwrap, type CounterContext, type PortSettings, type ReaderStatus } from '../desktop/ipc'
import { isTauri } from './tauri'

// The desktop app's evaluator reader (src-tauri/src/evaluator.rs). In a
// browser none of this is available and the counter page works from the
// server alone. Its types are generated (src/desktop/bindings.ts).
export type { CommandStatus, CounterContext, PortSettings, ReaderStatus } from '../desktop/ipc'

export const readerAvailable = (): boolean => isTauri(window)

export const reader = {
  status: () => commands.evaluatorStatus(),
  request: (timeoutS = 30) => unwrap(commands.evaluatorRequest(timeoutS)),
  portSettings: () => commands.evaluatorGetPortSettings(),
  setPortSettings: (settings: PortSettings) => unwrap(commands.evaluatorSetPortSettings(settings)),
  setSession: (serverUrl: string, token: string, context: CounterContext) =>
    unwrap(commands.evaluatorSetSession({ server_url: serverUrl, token, context })),
}

/** Sum of the frames the reader had to throw away. */
export function lineErrors(s: ReaderStatus): number {
  const l = s.line
  return l.bad_checksum + l.wrong_version + l.truncated + l.bad_payload
}

/** Message keys of a command's kind and state (static, so the i18n test sees them). */
export const COMMAND_KEYS: Record<string, string> = {
  show_staff: 'evaluations.commands.show_staff',
  prompt: 'evaluations.commands.prompt',
  clear: 'evaluations.commands.clear',
  other: 'evaluations.commands.other',
}
export const COMMAND_STATE_KEYS: Record<string, string> = {
  sent: 'evaluations.commandStates.sent',
  acked: 'evaluations.commandStates.acked',
  rejected: 'evaluations.commandStates.rejected',
  unacknowledged: 'evaluations.commandStates.unacknowledged',
  lost: 'evaluations.commandStates.lost',
  superseded: 'evaluations.commandStates.superseded',
}
