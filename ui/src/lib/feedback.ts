// Feedback tickets: wire types and calls (server: server/src/feedback/).
import { api } from '../client'
import type { Page } from './types'
import type { components } from '../api/schema'

export type TicketKind = 'complaint' | 'praise' | 'suggestion'
export const KINDS: TicketKind[] = ['complaint', 'praise', 'suggestion']
export const SOURCES = ['phone', 'followup', 'questionnaire', 'evaluator', 'walk_in', 'web_form', 'letter'] as const
export const SEVERITIES = ['low', 'normal', 'high', 'critical'] as const
export const STATUSES = ['new', 'assigned', 'in_progress', 'waiting_patient', 'resolved', 'closed', 'reopened'] as const

/** The status changes the server allows (mirrors feedback::model). */
export const TRANSITIONS: Record<string, string[]> = {
  new: ['assigned', 'in_progress', 'closed'],
  assigned: ['in_progress', 'waiting_patient', 'resolved'],
  in_progress: ['waiting_patient', 'resolved'],
  waiting_patient: ['in_progress', 'resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['assigned', 'in_progress', 'resolved'],
}

type Schemas = components['schemas']

export type Ticket = Schemas['Ticket']
export type HistoryEntry = Schemas['HistoryRow']
/** The recording of the call a ticket came from. */
export type TicketRecording = Schemas['RecordingStatus']
export type TicketDetail = Schemas['TicketDetail']
/** What the public web form sends (no sign-in). */
export type WebFormTicket = Schemas['WebFormTicket']
export type Created = Schemas['Created']
/** A reply template. */
export type Template = Schemas['FeedbackTemplate']
export type NewTicket = Schemas['NewTicket']
export type Count = Schemas['Count']
export type FeedbackStats = Schemas['FeedbackStats']
export type Progress = Schemas['Progress']
export type RecordingPlay = Schemas['RecordingPlay']

export const feedbackApi = {
  tickets: (q: Record<string, string | number | boolean | undefined>) => api.get<Page<Ticket>>('/feedback/tickets', q),
  ticket: (id: number | string) => api.get<TicketDetail>(`/feedback/tickets/${id}`),
  open: (t: NewTicket) => api.post<Created>('/feedback/tickets', t),
  route: (id: number, department_id: number, note: string) =>
    api.post<void>(`/feedback/tickets/${id}/route`, { department_id, note }),
  status: (id: number, status: string, note = '') => api.post<void>(`/feedback/tickets/${id}/status`, { status, note }),
  comment: (id: number, body: string) => api.post<void>(`/feedback/tickets/${id}/comments`, { body }),
  reply: (id: number, channel: string, body: string, call_uuid?: string) =>
    api.post<void>(`/feedback/tickets/${id}/replies`, { channel, body, call_uuid: call_uuid || null }),
  satisfaction: (id: number, score: number) => api.post<void>(`/feedback/tickets/${id}/satisfaction`, { score }),
  compensation: (id: number, amount_cents: number, reason: string) =>
    api.post<void>(`/feedback/tickets/${id}/compensation`, { amount_cents, reason }),
  decide: (id: number, approve: boolean) =>
    api.post<void>(`/feedback/tickets/${id}/compensation/decision`, { approve }),
  templates: () => api.get<Template[]>('/feedback/templates'),
  stats: (from?: string, to?: string) => api.get<FeedbackStats>('/feedback/stats', { from, to }),
  submitWebForm: (f: WebFormTicket) => api.post<Created>('/public/feedback/tickets', f),
  playRecording: (uuid: string) => api.post<RecordingPlay>(`/calls/${uuid}/recording/play`),
  progress: (number: string, code: string) => api.post<Progress>('/public/feedback/progress', { number, code }),
}

/** Downloads the statistics workbook under the server's file name. */
export function downloadStats(from?: string, to?: string): Promise<void> {
  return api.download('/feedback/stats/export', { query: { from, to }, fallbackName: 'feedback-stats.xlsx' })
}

/** "2h 05m left" / "overdue 1h 10m" for an SLA deadline. */
export function countdown(due: string, now: number, paused: boolean): { text: string; overdue: boolean } {
  const ms = new Date(due).getTime() - now
  const abs = Math.abs(ms)
  const h = Math.floor(abs / 3_600_000)
  const m = Math.floor((abs % 3_600_000) / 60_000)
  const d = Math.floor(h / 24)
  const span = d > 0 ? `${d}d ${h % 24}h` : `${h}h ${String(m).padStart(2, '0')}m`
  return { text: paused ? span : span, overdue: ms < 0 && !paused }
}
