import { ApiError } from './api'
import { DesktopError, type ErrorCode } from '../desktop/ipc'

// Turns any thrown value into a line for ElMessage and, when the server named
// the offending field, an entry for the form's error map. The line comes from
// the problem's `code` and `field`, translated; the server's detail is English
// for the log and goes to the console only.

export type Translate = (key: string, named?: Record<string, unknown>) => string

/** "rounds[1].questionnaire_id" → "questionnaire_id": labels are per name. */
function fieldName(field: string): string {
  return (
    field
      .replace(/\[\d+\]/g, '')
      .split('.')
      .pop() ?? field
  )
}

/** The field's label, or its name where no label is translated. */
export function fieldLabel(field: string, t: Translate): string {
  const name = fieldName(field)
  const key = `fields.${name}`
  const label = t(key)
  return label === key ? name : label
}

export function errorMessage(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network')
    if (err.problem.detail) console.warn(`HTTP ${err.status} ${err.code ?? ''}: ${err.problem.detail}`)
    const code = err.code
    if (code) {
      const withField = err.field ? `error.codes.${code}_field` : ''
      if (withField && t(withField) !== withField) return t(withField, { field: fieldLabel(err.field!, t) })
      const key = `error.codes.${code}`
      if (t(key) !== key) return t(key)
    }
    if (err.status === 403) return t('error.forbidden')
    if (err.status === 404) return t('error.notFound')
    return `${t('error.generic')} (HTTP ${err.status})`
  }
  if (err instanceof Error && err.message) return err.message
  return t('error.generic')
}

/**
 * Sets `errors[field]` when the error names a field the form knows, clearing
 * the other entries. Returns true if a field was marked.
 */
export function applyFieldError(err: unknown, errors: Record<string, string>, t: Translate): boolean {
  for (const k of Object.keys(errors)) errors[k] = ''
  if (err instanceof ApiError && err.field && err.field in errors) {
    errors[err.field] = errorMessage(err, t)
    return true
  }
  return false
}

/** What each desktop error code says, above the desktop's own message. */
const DESKTOP_ERROR_KEYS: Record<ErrorCode, string> = {
  settings_file: 'desktopError.settingsFile',
  invalid_server_url: 'desktopError.invalidServerUrl',
  invalid_shortcut: 'desktopError.invalidShortcut',
  shortcut_unavailable: 'desktopError.shortcutUnavailable',
  invalid_phone_account: 'desktopError.invalidPhoneAccount',
  phone: 'desktopError.phone',
  evaluator: 'desktopError.evaluator',
  notification: 'desktop.notificationFailed',
  internal: 'desktopError.internal',
}
/** Every message a desktop error code may show (for the i18n test). */
export const DESKTOP_ERROR_MESSAGE_KEYS = Object.values(DESKTOP_ERROR_KEYS)

/**
 * The line for a failed desktop command: what its code means, in the UI's
 * language, then the desktop's message (which names the field, the key, the
 * port) as the detail. The browser softphone's errors are i18n keys
 * (`phone.busyLine`); anything else is shown as `errorMessage` shows it.
 */
export function desktopErrorMessage(err: unknown, t: Translate): string {
  if (err instanceof DesktopError) {
    const summary = t(DESKTOP_ERROR_KEYS[err.code] ?? DESKTOP_ERROR_KEYS.internal)
    return err.message ? t('desktopError.withDetail', { summary, detail: err.message }) : summary
  }
  if (err instanceof Error && err.message.startsWith('phone.')) return t(err.message)
  return errorMessage(err, t)
}
