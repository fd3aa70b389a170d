import { API_BASE } from './api'
import type { ShortcutAction } from '../desktop/bindings'

// The desktop's own types are generated from src-tauri (src/desktop/bindings.ts).
export type { ConnectionStatus, ShortcutAction } from '../desktop/bindings'
// What the desktop sends (the serialize side of each type).
export type {
  Snapshot_Serialize as ConnectionSnapshot,
  Settings_Serialize as DesktopSettings,
} from '../desktop/bindings'

// Actions with a global shortcut, in the settings page's order (snake_case
// names are the event payloads).
export const SHORTCUT_ACTIONS = ['answer', 'hang_up', 'search_patient'] as const satisfies readonly ShortcutAction[]
// Fails to compile when the desktop gains an action this list lacks.
type ListsEvery<Missing extends never> = Missing
export type EveryShortcutActionListed = ListsEvery<Exclude<ShortcutAction, (typeof SHORTCUT_ACTIONS)[number]>>
/** The desktop fills in every action (defaults for missing ones). */
export type ShortcutMap = Record<ShortcutAction, string>

/**
 * API base for a configured server. In a browser the UI is served by the
 * server itself and uses the same-origin `/api/v1`; in the desktop window the
 * page comes from the app bundle, so calls go to the configured server.
 */
export function apiBaseFor(serverUrl: string | null | undefined): string {
  if (!serverUrl) return API_BASE
  return serverUrl.trim().replace(/\/+$/, '') + API_BASE
}

/** Client-side check before asking the desktop app to save the URL. */
export function looksLikeServerUrl(value: string): boolean {
  return /^https?:\/\/[^\s/@?#:][^\s@?#]*$/.test(value.trim())
}

export interface KeyLike {
  key: string
  code?: string
  ctrlKey: boolean
  altKey: boolean
  shiftKey: boolean
  metaKey: boolean
}

const NAMED_KEYS: Record<string, string> = {
  ' ': 'Space',
  Enter: 'Enter',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Insert: 'Insert',
  Delete: 'Delete',
  Backspace: 'Backspace',
}

/**
 * The accelerator for a key press in the shortcut field, in the desktop's
 * canonical form ("Ctrl+Alt+A"), or null while only modifiers are held or
 * for a key the desktop does not offer. The desktop validates again on save.
 */
export function acceleratorFromKey(e: KeyLike): string | null {
  let key: string | undefined
  // `code` names the physical key, so Alt+letter on layouts that turn it
  // into another character still reads as the letter.
  const m = /^(?:Key([A-Z])|Digit([0-9]))$/.exec(e.code ?? '')
  if (m) key = m[1] ?? m[2]
  else if (/^F([1-9]|1[0-2])$/.test(e.key)) key = e.key
  else if (/^[a-z0-9]$/i.test(e.key)) key = e.key.toUpperCase()
  else key = NAMED_KEYS[e.key]
  if (!key) return null
  const mods = [e.ctrlKey && 'Ctrl', e.altKey && 'Alt', e.shiftKey && 'Shift', e.metaKey && 'Super'].filter(Boolean)
  return [...mods, key].join('+')
}

/** Same rule as the desktop: a global shortcut needs Ctrl, Alt or Super. */
export function hasGlobalModifier(accelerator: string): boolean {
  return /(^|\+)(Ctrl|Alt|Super)\+/.test(accelerator)
}

/** The first accelerator used by two actions, if any ("" = off is not a clash). */
export function duplicateShortcut(map: ShortcutMap): string | null {
  const seen = new Set<string>()
  for (const a of SHORTCUT_ACTIONS) {
    const s = map[a]
    if (!s) continue
    if (seen.has(s)) return s
    seen.add(s)
  }
  return null
}
