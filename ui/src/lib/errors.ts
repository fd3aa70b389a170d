import { ApiError } from './api'

// Turns any thrown value into a line for ElMessage and, when the server named
// the offending field, an entry for the form's error map.

export type Translate = (key: string) => string

export function errorMessage(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network')
    if (err.problem.detail) return err.problem.detail
    if (err.status === 403) return t('error.forbidden')
    if (err.status === 404) return t('error.notFound')
    if (err.problem.title) return err.problem.title
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
