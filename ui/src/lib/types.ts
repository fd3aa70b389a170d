// Wire types of the HCRM HTTP API (/api/v1). They mirror the DTOs in the
// Rust `hcrm-shared` crate; keep field names in snake_case as sent.

export type Role = 'admin' | 'agent' | 'doctor' | 'nurse' | 'clerk' | 'manager' | 'auditor'

export type Permission =
  | 'patient.read'
  | 'patient.write'
  | 'patient.reveal'
  | 'screen_pop'
  | 'department.manage'
  | 'user.manage'
  | 'audit.read'
  | 'stats.read'
  | 'job.manage'
  | 'sms.send'
  | 'sms.manage'
  | 'notification.send'
  | 'survey.manage'
  | 'survey.respond'
  | 'appointment.book'
  | 'appointment.manage'
  | 'call.write'
  | 'call.read'
  | 'recording.play'
  | 'agent.monitor'
  | 'hl7.manage'
  | 'import.run'
  | 'followup.work'
  | 'followup.manage'
  | 'evaluation.submit'
  | 'evaluation.read'
  | 'evaluation.manage'
  // issue 10: feedback tickets, knowledge base
  | 'feedback.read'
  | 'feedback.write'
  | 'feedback.approve'
  | 'knowledge.read'
  | 'knowledge.write'
  | 'knowledge.publish'
  | 'staff_directory.read'

export interface SessionUser {
  id: number
  username: string
  display_name: string
  role: Role
  department_id: number | null
  department_name: string | null
  hospital_id: number
  hospital_name: string
  permissions: string[]
}

export interface LoginResponse {
  token: string
  expires_at: string
  user: SessionUser
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  per_page: number
}

export type Sex = 'male' | 'female' | 'unknown'

export interface PatientSummary {
  id: number
  mrn: string
  name: string
  sex: Sex
  birth_date: string | null
  age: number | null
  id_card_masked: string | null
  phones_masked: string[]
  tags: string[]
  department_names: string[]
  last_visit_at: string | null
}

export interface Diagnosis {
  code: string
  name: string
}

export interface Visit {
  id: number
  visit_no?: string
  kind: 'inpatient' | 'outpatient'
  department_id: number | null
  department_name: string | null
  ward: string | null
  attending_doctor: string | null
  admitted_at: string | null
  discharged_at: string | null
  diagnoses: Diagnosis[]
}

export type ContactChannel = 'phone' | 'sms' | 'visit' | 'other'
export type ContactDirection = 'outbound' | 'inbound'

export interface ContactEntry {
  id: number
  at: string
  channel: ContactChannel
  direction: ContactDirection
  summary: string
  username: string
}

export interface PatientDetail {
  patient: PatientSummary & { address: string | null; created_at?: string; updated_at?: string }
  visits: Visit[]
  contacts: ContactEntry[]
}

export type RevealField = 'phone' | 'id_card'

export interface RevealResponse {
  values: string[]
}

export interface NewContact {
  channel: ContactChannel
  direction: ContactDirection
  summary: string
}

export interface DischargePoint {
  date: string
  department_id: number
  department_name: string
  count: number
}

export interface DischargeStats {
  series: DischargePoint[]
}

export type DepartmentKind = 'clinical' | 'ward' | 'office' | 'window'

export interface Department {
  id: number
  code: string
  name: string
  kind: DepartmentKind
  active: boolean
}

// The server rejects unknown fields, so create and update bodies carry
// exactly what each accepts (the code is fixed once created).
export interface NewDepartment {
  code: string
  name: string
  kind: DepartmentKind
}

export interface DepartmentPatch {
  name?: string
  kind?: DepartmentKind
  active?: boolean
}

export interface User {
  id: number
  username: string
  display_name: string
  role: Role
  department_id: number | null
  department_name: string | null
  disabled: boolean
  locked_until: string | null
  last_login_at: string | null
  /** Masked mobile (138****0009); set with PUT /users/{id}/phone. */
  phone?: string | null
}

export interface NewUser {
  username: string
  display_name: string
  password: string
  role: Role
  department_id: number | null
}

export interface UserPatch {
  disabled?: boolean
  role?: Role
  department_id?: number | null
  display_name?: string
  /** Clears a lock-out after repeated failed logins. */
  unlock?: boolean
}

export interface AuditEntry {
  id: number
  at: string
  username: string | null
  role: string | null
  action: string
  patient_id: number | null
  target: string | null
  detail: string | null
  ip: string | null
}

export interface AuditQuery {
  username?: string
  action?: string
  patient_id?: number | string
  from?: string
  to?: string
  page?: number
  per_page?: number
}

/** RFC 9457 problem details as the server sends them. */
export interface Problem {
  type?: string
  title?: string
  status?: number
  code?: string
  detail?: string
  field?: string
}

// --- jobs, SMS and notifications (shared/src/messaging.rs) ---

export type JobStatus = 'pending' | 'running' | 'done' | 'dead'
export type JobOutcome = 'running' | 'ok' | 'retry' | 'held' | 'dead' | 'lease_expired'

export interface Job {
  id: number
  kind: string
  payload: unknown
  status: JobStatus
  run_at: string
  /** Cron expression or `@every 30s` for recurring jobs. */
  schedule: string | null
  attempts: number
  max_attempts: number
  last_error: string | null
  locked_by: string | null
  created_at: string
  updated_at: string
  finished_at: string | null
}

export interface JobRun {
  id: number
  attempt: number
  runner: string
  started_at: string
  finished_at: string | null
  outcome: JobOutcome
  error: string | null
}

export interface JobDetail {
  job: Job
  /** Newest first. */
  runs: JobRun[]
}

export interface JobQuery {
  status?: JobStatus | ''
  kind?: string
  page?: number
  per_page?: number
}

export type SmsStatus = 'queued' | 'held' | 'sent' | 'delivered' | 'failed'

export interface SmsMessage {
  id: number
  patient_id: number | null
  /** Always masked. */
  phone: string
  body: string
  urgent: boolean
  status: SmsStatus
  reason: string | null
  provider: string | null
  parts: number
  attempts: number
  created_at: string
  sent_at: string | null
  delivered_at: string | null
  job_id: number | null
}

export interface SmsQuery {
  status?: SmsStatus | ''
  patient_id?: number | string
  phone?: string
  page?: number
  per_page?: number
}

export type NotificationKind = 'task_assigned' | 'alert' | 'reminder' | 'sms_failed'

export interface AppNotification {
  id: number
  kind: NotificationKind | string
  title: string
  body: string
  /** A UI route, e.g. `/patients/12`. */
  link: string | null
  created_at: string
  read_at: string | null
}

export interface UnreadCount {
  unread: number
}

export interface NewNotification {
  user_id?: number
  role?: Role
  kind: NotificationKind
  title: string
  body?: string
  link?: string | null
  at?: string
}

/** Frames pushed over the WebSocket `/api/v1/events`. */
export type EventFrame =
  | { type: 'hello'; user_id: number; unread: number }
  | { type: 'notification'; notification: AppNotification; unread: number }
  | { type: 'unread'; unread: number }

export const JOB_STATUSES: JobStatus[] = ['pending', 'running', 'done', 'dead']
export const JOB_OUTCOMES: JobOutcome[] = ['running', 'ok', 'retry', 'held', 'dead', 'lease_expired']
export const SMS_STATUSES: SmsStatus[] = ['queued', 'held', 'sent', 'delivered', 'failed']
export const NOTIFICATION_KINDS: NotificationKind[] = ['task_assigned', 'alert', 'reminder', 'sms_failed']

export const ROLES: Role[] = ['admin', 'agent', 'doctor', 'nurse', 'clerk', 'manager', 'auditor']
export const DEPARTMENT_KINDS: DepartmentKind[] = ['clinical', 'ward', 'office', 'window']
export const CONTACT_CHANNELS: ContactChannel[] = ['phone', 'sms', 'visit', 'other']
export const CONTACT_DIRECTIONS: ContactDirection[] = ['outbound', 'inbound']
