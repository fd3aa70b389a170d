// The desktop engine behind the phone facade: Tauri commands and the
// `phone-event` event (see src-tauri/src/phone.rs for the contract).
import { invoke } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'
import type { PhoneBackend } from './phone'
import type { AudioDevices, DialRequest, PhoneEvent } from './phoneTypes'

export const PHONE_EVENT = 'phone-event'

export class TauriBackend implements PhoneBackend {
  readonly kind = 'tauri' as const
  dial(request: DialRequest) { return invoke<void>('phone_dial', { request }) }
  answer(uuid: string) { return invoke<void>('phone_answer', { uuid }) }
  hangup(uuid: string) { return invoke<void>('phone_hangup', { uuid }) }
  hold(uuid: string, on: boolean) { return invoke<void>('phone_hold', { uuid, on }) }
  mute(uuid: string, on: boolean) { return invoke<void>('phone_mute', { uuid, on }) }
  transfer(uuid: string, target: string) { return invoke<void>('phone_transfer', { uuid, target }) }
  dtmf(uuid: string, digits: string) { return invoke<void>('phone_dtmf', { uuid, digits }) }
  devices() { return invoke<AudioDevices>('phone_audio_devices') }
  setDevices(input: string | null, output: string | null) { return invoke<void>('phone_set_audio_devices', { input, output }) }
  testTone(output: string | null) { return invoke<void>('phone_test_tone', { output }) }
  subscribe(handler: (e: PhoneEvent) => void) {
    let stop: (() => void) | null = null
    let cancelled = false
    listen<PhoneEvent>(PHONE_EVENT, (e) => handler(e.payload))
      .then((un) => { if (cancelled) un(); else stop = un })
      .catch((e) => console.error('phone events unavailable', e))
    return () => { cancelled = true; stop?.() }
  }
}

/** The agent's SIP account as the desktop keeps it (`src-tauri/src/softphone.rs`). */
export interface SipAccount {
  username: string
  /** Empty when saving keeps the stored password. */
  password: string
  domain: string
  proxy: string
  transport: 'udp' | 'tcp'
  sip_port: number
  local_ip: string
  register: boolean
  echo_cancellation: boolean
  audio_input: string
  audio_output: string
}

export const phoneAccount = () => invoke<SipAccount & { has_password: boolean }>('phone_account')
/** Saves the account and restarts the line on it; errors name the field. */
export const setPhoneAccount = (account: SipAccount) => invoke<void>('phone_set_account', { account })
