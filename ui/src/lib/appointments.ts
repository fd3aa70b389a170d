// Appointment booking (预约挂号): API shapes and calls.
import { api } from '../client'
import type { Query } from './api'

export interface ApptSession {
  id: number
  department_id: number
  department_name: string
  doctor_id: number | null
  doctor_name: string | null
  title: string
  is_expert: boolean
  day: string
  session: 'morning' | 'afternoon' | 'evening'
  starts_at: string
  ends_at: string
  slot_minutes: number
  capacity: number
  free: number
  onsite_every: number
  quotas: Record<string, number>
  release_at: string
  status: 'open' | 'suspended'
  suspend_reason: string | null
  waitlist: number
}

export interface ApptSlot {
  id: number
  seq: number
  starts_at: string
  ends_at: string
  reserved_for: string | null
  status: 'free' | 'held' | 'booked'
}

export interface Appointment {
  id: number
  session_id: number
  slot_id: number
  seq: number
  patient_id: number
  patient_name: string
  department_id: number
  doctor_id: number | null
  channel: string
  status: string
  hold_until: string | null
  starts_at: string
  ends_at: string
  created_at: string
  cancel_reason: string | null
}

export interface ApptTemplate {
  id?: number
  department_id: number | null
  doctor_id: number | null
  title: string
  is_expert: boolean
  weekday: number
  session: string
  start_time: string
  end_time: string
  slot_minutes: number
  onsite_every: number
  quotas: Record<string, number>
  active: boolean
}

export interface Holiday {
  id: number
  day: string
  name: string
}

export interface SuspensionNotice {
  id: number
  appointment_id: number
  seq: number
  patient_id: number
  patient_name: string
  phone: string | null
  sms_id: number | null
  sms_status: string | null
  sms_reason: string | null
  offer_session_id: number | null
  status: 'pending' | 'rebooked' | 'cancelled' | 'unreachable'
  new_appointment_id: number | null
  note: string | null
}

export interface ChannelCount {
  channel: string
  booked: number
  cancelled: number
  no_shows: number
  checked_in: number
}
export interface ApptReport {
  from: string
  to: string
  channels: ChannelCount[]
  cancellations: number
  no_shows: number
  checked_in: number
  no_show_rate: number
  capacity: number
  slots_used: number
  slot_use_rate: number
  days: { day: string; capacity: number; booked: number }[]
}

export const appointmentsApi = {
  sessions: (q: Query) => api.get<ApptSession[]>('/appointments/sessions', q),
  session: (id: number) => api.get<{ session: ApptSession; slots: ApptSlot[] }>(`/appointments/sessions/${id}`),
  list: (q: Query) => api.get<Appointment[]>('/appointments', q),
  book: (body: { session_id: number; patient_id: number; slot_id?: number; confirm: boolean }) =>
    api.post<Appointment>('/appointments', body),
  cancel: (id: number, reason: string) => api.post<Appointment>(`/appointments/${id}/cancel`, { reason }),
  checkIn: (id: number) => api.post<Appointment>(`/appointments/${id}/check-in`, {}),
  joinWaitlist: (session_id: number, patient_id: number) =>
    api.post('/appointments/waitlist', { session_id, patient_id }),
  templates: () => api.get<ApptTemplate[]>('/appointments/templates'),
  createTemplate: (t: ApptTemplate) => api.post<ApptTemplate>('/appointments/templates', t),
  holidays: () => api.get<Holiday[]>('/appointments/holidays'),
  addHoliday: (day: string, name: string) => api.post<Holiday>('/appointments/holidays', { day, name }),
  generate: (from: string, to: string) =>
    api.post<{ sessions_created: number; slots_created: number; skipped_holidays: string[] }>(
      '/appointments/generate',
      { from, to },
    ),
  suspend: (id: number, reason: string) =>
    api.post<{ notices: SuspensionNotice[] }>(`/appointments/sessions/${id}/suspend`, { reason }),
  notices: (id: number) => api.get<SuspensionNotice[]>(`/appointments/sessions/${id}/notices`),
  resolve: (id: number, outcome: string) =>
    api.post<SuspensionNotice>(`/appointments/notices/${id}/resolve`, { outcome }),
  report: (q: Query) => api.get<ApptReport>('/appointments/reports', q),
  exportReport: (from: string, to: string) =>
    api.download('/appointments/reports/export', { query: { from, to }, name: `appointments-${from}-${to}.xlsx` }),
}

/** Local date as YYYY-MM-DD, `days` from today. */
export function isoDay(days = 0): string {
  const d = new Date(Date.now() + days * 86400000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

export function timeOf(iso: string): string {
  const d = new Date(iso)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}
