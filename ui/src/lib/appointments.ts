// Appointment booking (预约挂号): API shapes and calls.
import { api } from '../client'
import type { Query } from './api'
import type { components } from '../api/schema'
import { formatTime, hospitalDay } from './format'
import { allValues } from './types'

type Schemas = components['schemas']

export type ApptSession = Schemas['Session']
export type SessionPeriod = Schemas['SessionPeriod']
export const SESSION_PERIODS = allValues<SessionPeriod>({ morning: true, afternoon: true, evening: true })
export type ApptSlot = Schemas['Slot']
export type Appointment = Schemas['Appointment']
/** A weekly schedule template; `id` is absent until created. */
export type ApptTemplate = Schemas['ScheduleTemplateInput'] & { id?: number }
export type Holiday = Schemas['Holiday']
export type SuspensionNotice = Schemas['Notice']
export type ChannelCount = Schemas['ChannelCount']
export type ApptReport = Schemas['Report']

export const appointmentsApi = {
  sessions: (q: Query) => api.get<ApptSession[]>('/appointments/sessions', q),
  session: (id: number) => api.get<Schemas['SessionDetail']>(`/appointments/sessions/${id}`),
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
    api.post<Schemas['ScheduleGenerateResult']>('/appointments/generate', { from, to }),
  suspend: (id: number, reason: string) =>
    api.post<Schemas['SuspendResult']>(`/appointments/sessions/${id}/suspend`, { reason }),
  notices: (id: number) => api.get<SuspensionNotice[]>(`/appointments/sessions/${id}/notices`),
  resolve: (id: number, outcome: string) =>
    api.post<SuspensionNotice>(`/appointments/notices/${id}/resolve`, { outcome }),
  report: (q: Query) => api.get<ApptReport>('/appointments/reports', q),
  exportReport: (from: string, to: string) =>
    api.download('/appointments/reports/export', { query: { from, to }, name: `appointments-${from}-${to}.xlsx` }),
}

/** Local date as YYYY-MM-DD, `days` from today. */
/** A date on the hospital's calendar, `days` from today. */
export function isoDay(days = 0): string {
  return hospitalDay(days)
}

/** `08:30` on the hospital's clock. */
export function timeOf(iso: string): string {
  return formatTime(iso).slice(0, 5)
}
