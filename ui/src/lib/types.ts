// Wire types of the HCRM HTTP API (/api/v1): aliases of the types generated
// from the server's OpenAPI document (src/api/schema.d.ts, `npm run gen:api`).
import type { components } from '../api/schema'

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
export const JOB_STATUSES = ['pending', 'running', 'done', 'dead'] as const
export const JOB_OUTCOMES = ['running', 'ok', 'retry', 'held', 'dead', 'lease_expired'] as const
export const SMS_STATUSES = ['queued', 'held', 'sent', 'delivered', 'failed'] as const
export const NOTIFICATION_KINDS = ['task_assigned', 'alert', 'reminder', 'sms_failed'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]
export type JobOutcome = (typeof JOB_OUTCOMES)[number]
export type SmsStatus = (typeof SMS_STATUSES)[number]
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

// Query strings of the list endpoints (UI filters; the values go through buildQuery).
export type AuditQuery = {
  username?: string
  action?: string
  patient_id?: number | string
  from?: string
  to?: string
  page?: number
  per_page?: number
}
export type JobQuery = { status?: JobStatus | ''; kind?: string; page?: number; per_page?: number }
export type SmsQuery = {
  status?: SmsStatus | ''
  patient_id?: number | string
  phone?: string
  page?: number
  per_page?: number
}

/** Frames pushed over the WebSocket `/api/v1/events` (not part of the OpenAPI document). */
export type EventFrame =
  | { type: 'hello'; user_id: number; unread: number }
  | { type: 'notification'; notification: AppNotification; unread: number }
  | { type: 'unread'; unread: number }

export const ROLES: Role[] = ['admin', 'agent', 'doctor', 'nurse', 'clerk', 'manager', 'auditor']
export const DEPARTMENT_KINDS: DepartmentKind[] = ['clinical', 'ward', 'office', 'window']
export const CONTACT_CHANNELS: ContactChannel[] = ['phone', 'sms', 'visit', 'other']
export const CONTACT_DIRECTIONS: ContactDirection[] = ['outbound', 'inbound']
