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

export const ROLES: Role[] = ['admin', 'agent', 'doctor', 'nurse', 'clerk', 'manager', 'auditor']
export const DEPARTMENT_KINDS: DepartmentKind[] = ['clinical', 'ward', 'office', 'window']
export const CONTACT_CHANNELS: ContactChannel[] = ['phone', 'sms', 'visit', 'other']
export const CONTACT_DIRECTIONS: ContactDirection[] = ['outbound', 'inbound']
