// Wire types of the HCRM HTTP API (/api/v1): aliases of the types generated
// from the server's OpenAPI document (src/api/schema.d.ts, `npm run gen:api`).
import type { components, paths } from '../api/schema'

type Schemas = components['schemas']

export type Role = Schemas['Role']
export type Permission = Schemas['Permission']
export type SessionUser = Schemas['CurrentUser']
export type LoginResponse = Schemas['LoginResponse']

/**
 * A page of a list. OpenAPI has no generics: the document spells out each
 * instance (`Page_PatientSummary`, ...), all of this shape.
 */
export type Page<T> = Omit<Schemas['Page_PatientSummary'], 'items'> & { items: T[] }

export type Sex = Schemas['Sex']
export type PatientTag = Schemas['PatientTag']
export type PatientSummary = Schemas['PatientSummary']
export type Diagnosis = Schemas['Diagnosis']
export type VisitKind = Schemas['VisitKind']
export type Visit = Schemas['Visit']
export type ContactChannel = Schemas['ContactChannel']
export type ContactDirection = Schemas['ContactDirection']
export type ContactEntry = Schemas['Contact']
/** The patient card: the patient, visits and contact log. */
export type PatientDetail = Schemas['PatientCard']
export type RevealField = Schemas['RevealField']
export type RevealResponse = Schemas['RevealResponse']
export type NewContact = Schemas['NewContact']

export type DischargePoint = Schemas['DischargePoint']
export type DischargeStats = Schemas['DischargeStats']

export type DepartmentKind = Schemas['DepartmentKind']
export type Department = Schemas['Department']
// The server rejects unknown fields, so create and update bodies carry
// exactly what each accepts (the code is fixed once created).
export type NewDepartment = Schemas['NewDepartment']
export type DepartmentPatch = Schemas['UpdateDepartment']
export type User = Schemas['User']
export type NewUser = Schemas['NewUser']
export type UserPatch = Schemas['UpdateUser']

export type AuditEntry = Schemas['AuditEntry']

/** RFC 9457 problem details; the UI also builds them for non-JSON errors, so all optional. */
export type Problem = Partial<Schemas['Problem']>

// --- jobs, SMS and notifications (shared/src/messaging.rs) ---

export type Job = Schemas['Job']
export type JobRun = Schemas['JobRun']
/** The job with its runs, newest first. */
export type JobDetail = Schemas['JobDetail']
export type SmsMessage = Schemas['SmsMessage']
export type AppNotification = Schemas['Notification']
export type UnreadCount = Schemas['UnreadCount']
export type NewNotification = Schemas['NewNotification']

// The values the server sends in the fields it declares as plain strings.
export type JobStatus = Schemas['JobStatus']
export type SmsStatus = Schemas['SmsStatus']
export type NotificationKind = Schemas['NotificationKind']

/**
 * Every value of a generated string union, once, for dropdowns and label
 * lookups: a value the server adds and the list lacks fails type-checking.
 */
export function allValues<T extends string>(present: Record<T, true>): T[] {
  return Object.keys(present) as T[]
}
export const JOB_STATUSES = allValues<JobStatus>({ pending: true, running: true, done: true, dead: true })
export const SMS_STATUSES = allValues<SmsStatus>({
  queued: true,
  held: true,
  sent: true,
  delivered: true,
  failed: true,
})
/** The colour of an SMS status's tag (the outbox, the suspension notices). */
export const SMS_STATUS_TAGS: Record<SmsStatus, 'info' | 'primary' | 'success' | 'danger' | 'warning'> = {
  queued: 'info',
  held: 'warning',
  sent: 'primary',
  delivered: 'success',
  failed: 'danger',
}
export const NOTIFICATION_KINDS = allValues<NotificationKind>({
  task_assigned: true,
  alert: true,
  reminder: true,
  sms_failed: true,
})
export const JOB_OUTCOMES = ['running', 'ok', 'retry', 'held', 'dead', 'lease_expired'] as const
export type JobOutcome = (typeof JOB_OUTCOMES)[number]

/**
 * The query string of a GET endpoint, as its OpenAPI entry documents it.
 * Filter forms may also hold '' for "any" (dropped by the client).
 */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? { [K in keyof NonNullable<Q>]?: NonNullable<Q>[K] | '' }
  : never

export type AuditQuery = QueryOf<'/api/v1/audit'>
export type JobQuery = QueryOf<'/api/v1/jobs'>
export type SmsQuery = QueryOf<'/api/v1/sms/messages'>

/** Frames pushed over the WebSocket `/api/v1/events` (not part of the OpenAPI document). */
export type EventFrame =
  | { type: 'hello'; user_id: number; unread: number }
  | { type: 'notification'; notification: AppNotification; unread: number }
  | { type: 'unread'; unread: number }

export const ROLES: Role[] = ['admin', 'agent', 'doctor', 'nurse', 'clerk', 'manager', 'auditor']
export const DEPARTMENT_KINDS: DepartmentKind[] = ['clinical', 'ward', 'office', 'window']
export const CONTACT_CHANNELS: ContactChannel[] = ['phone', 'sms', 'visit', 'other']
export const CONTACT_DIRECTIONS: ContactDirection[] = ['outbound', 'inbound']
