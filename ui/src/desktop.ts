import { reactive } from 'vue'
import { invoke } from '@tauri-apps/api/core'
import { api } from './client'
import { apiBaseFor, type DesktopSettings } from './lib/desktop'
import { isTauri } from './lib/tauri'

// Desktop-only state. In a browser `enabled` is false and nothing here runs.
export const desktop = reactive({
  enabled: isTauri(window),
  serverUrl: null as string | null,
})

function apply(s: DesktopSettings) {
  desktop.serverUrl = s.server_url
  api.setBaseUrl(apiBaseFor(s.server_url))
}

/** Reads the saved server URL before the first API call. */
export async function initDesktop(): Promise<void> {
  if (!desktop.enabled) return
  try {
    apply(await invoke<DesktopSettings>('get_settings'))
  } catch (e) {
    // A broken settings file must not keep the window blank: the setup
    // page lets the user enter the URL again.
    console.error('get_settings failed', e)
  }
}

export async function saveServerUrl(url: string): Promise<void> {
  apply(await invoke<DesktopSettings>('set_server_url', { url }))
}
