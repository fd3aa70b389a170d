import { ApiError } from './api'

// Turns any thrown value into a line for ElMessage and, when the server named
// the offending field, an entry for the form's error map. The line comes from
// the problem's `code` and `field`, translated; the server's detail is English
// for the log and goes to the console only.

export type Translate = (key: string, named?: Record<string, unknown>) => string

/** "rounds[1].questionnaire_id" → "questionnaire_id": labels are per name. */
function fieldName(field: string): string {
  return field.replace(/\[\d+\]/g, '').split('.').pop() ?? field
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
