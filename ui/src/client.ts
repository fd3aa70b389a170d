import { ApiClient } from './lib/api'
import { loadSession } from './lib/session'

// The one API client of the app. The token is read from sessionStorage on
// every call so a login in this tab is picked up without wiring.
let unauthorized: () => void = () => {}

export function onUnauthorized(handler: () => void): void {
  unauthorized = handler
}

export const api = new ApiClient({
  getToken: () => loadSession(sessionStorage)?.token ?? null,
  onUnauthorized: () => unauthorized(),
})
