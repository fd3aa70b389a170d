import { API_BASE } from './api'

// What the desktop app (src-tauri) stores locally. Mirrors
// `settings::Settings` in src-tauri/src/settings.rs.
export interface DesktopSettings {
  server_url: string | null
}

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
