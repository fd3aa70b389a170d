import { reactive, watch } from 'vue'
import { api } from './client'
import { commands, events, unwrap } from './desktop/ipc'
import { i18n } from './i18n'
import {
  apiBaseFor,
  type ConnectionSnapshot,
  type DesktopSettings,
  type ShortcutAction,
  type ShortcutMap,
} from './lib/desktop'
import { isTauri } from './lib/tauri'

// Desktop-only state. In a browser `enabled` is false and nothing here runs.
export const desktop = reactive({
  enabled: isTauri(window),
  serverUrl: null as string | null,
  // Actions without a saved accelerator are left out (the settings page
  // shows the defaults for them).
  shortcuts: null as Partial<ShortcutMap> | null,
  connection: null as ConnectionSnapshot | null,
})

type ShortcutHandler = (action: ShortcutAction) => void
const shortcutHandlers: ShortcutHandler[] = []

/**
 * Runs `handler` for every global shortcut the desktop app reports (the
 * shortcuts work while the window is in the background). Returns a remover.
 */
export function onDesktopShortcut(handler: ShortcutHandler): () => void {
  shortcutHandlers.push(handler)
  return () => {
    const i = shortcutHandlers.indexOf(handler)
    if (i >= 0) shortcutHandlers.splice(i, 1)
  }
}

function apply(s: DesktopSettings) {
  desktop.serverUrl = s.server_url
  desktop.shortcuts = s.shortcuts
  api.setBaseUrl(apiBaseFor(s.server_url))
}

/** Reads the saved server URL before the first API call. */
export async function initDesktop(): Promise<void> {
  if (!desktop.enabled) return
  try {
    apply(await unwrap(commands.getSettings()))
  } catch (e) {
    // A broken settings file must not keep the window blank: the setup
    // page lets the user enter the URL again.
    console.error('get_settings failed', e)
  }
  // Events and the tray's language are comforts: failures are only logged.
  try {
    await events.connectionStatus.listen((e) => {
      desktop.connection = e.payload
    })
    await events.shortcut.listen((e) => shortcutHandlers.forEach((h) => h(e.payload)))
    desktop.connection = await commands.connectionStatus()
    watch(i18n.global.locale, (lang) => commands.setUiLanguage(lang).catch(console.error), { immediate: true })
  } catch (e) {
    console.error('desktop events unavailable', e)
  }
}

export async function saveServerUrl(url: string): Promise<void> {
  apply(await unwrap(commands.setServerUrl(url)))
}

export async function saveShortcuts(shortcuts: ShortcutMap): Promise<void> {
  apply(await unwrap(commands.setShortcuts(shortcuts)))
}

/** A desktop notification (incoming call, alert) while the window may be hidden. */
export async function desktopNotify(title: string, body: string): Promise<void> {
  await unwrap(commands.notify(title, body))
}

export function desktopLogDir(): Promise<string> {
  return unwrap(commands.logDir())
}
