// The desktop engine behind the phone facade: the `phone_*` commands and the
// `phone-event` event, through the generated bindings (see
// src-tauri/src/phone.rs for the contract).
import { commands, events, unwrap, type SipAccount } from '../desktop/ipc'
import type { PhoneBackend } from './phone'
import type { DialRequest, PhoneEvent } from './phoneTypes'

export type { SipAccount }

export class TauriBackend implements PhoneBackend {
  readonly kind = 'tauri' as const
  dial(request: DialRequest) {
    return unwrap(commands.phoneDial(request))
  }
  answer(uuid: string) {
    return unwrap(commands.phoneAnswer(uuid))
  }
  hangup(uuid: string) {
    return unwrap(commands.phoneHangup(uuid))
  }
  hold(uuid: string, on: boolean) {
    return unwrap(commands.phoneHold(uuid, on))
  }
  mute(uuid: string, on: boolean) {
    return unwrap(commands.phoneMute(uuid, on))
  }
  transfer(uuid: string, target: string) {
    return unwrap(commands.phoneTransfer(uuid, target))
  }
  dtmf(uuid: string, digits: string) {
    return unwrap(commands.phoneDtmf(uuid, digits))
  }
  devices() {
    return unwrap(commands.phoneAudioDevices())
  }
  setDevices(input: string | null, output: string | null) {
    return unwrap(commands.phoneSetAudioDevices(input, output))
  }
  testTone(output: string | null) {
    return unwrap(commands.phoneTestTone(output))
  }
  subscribe(handler: (e: PhoneEvent) => void) {
    let stop: (() => void) | null = null
    let cancelled = false
    events.phoneEvent
      .listen((e) => handler(e.payload))
      .then((un) => {
        if (cancelled) un()
        else stop = un
      })
      .catch((e) => console.error('phone events unavailable', e))
    return () => {
      cancelled = true
      stop?.()
    }
  }
}

/** The agent's SIP account as the settings page shows it (the password stays in the desktop). */
export const phoneAccount = () => unwrap(commands.phoneAccount())
/** Saves the account and restarts the line on it; errors name the field.
 *  An empty password keeps the stored one. */
export const setPhoneAccount = (account: SipAccount) => unwrap(commands.phoneSetAccount(account))

/** Hands the signed-in session to the desktop, which dials patient phones
 *  and uploads recordings with it. */
export const setPhoneSession = (serverUrl: string, token: string | null) =>
  unwrap(commands.phoneSetSession(serverUrl, token))
