import type { AuditQuery } from './types'

export interface AuditFilters {
  username: string
  action: string
  patientId: string
  /** [from, to] from the date-range picker, or null. */
  range: [Date, Date] | null
}

export function emptyAuditFilters(): AuditFilters {
  return { username: '', action: '', patientId: '', range: null }
}

/**
 * Filters as the server expects them: trimmed, empty ones left out, dates as
 * RFC 3339 UTC instants. The range's end is inclusive to the second the user
 * picked, so nothing logged in that minute is cut.
 */
export function toAuditQuery(f: AuditFilters, page: number, perPage: number): AuditQuery {
  const q: AuditQuery = { page, per_page: perPage }
  if (f.username.trim()) q.username = f.username.trim()
  if (f.action.trim()) q.action = f.action.trim()
  // A patient id that is not a number matches no entry; the server says so (422).
  if (f.patientId.trim()) q.patient_id = Number(f.patientId.trim())
  if (f.range) {
    q.from = f.range[0].toISOString()
    q.to = f.range[1].toISOString()
  }
  return q
}
