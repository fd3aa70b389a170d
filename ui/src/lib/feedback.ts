// Feedback tickets, the knowledge base and lookup data (issue 10): wire
// types and calls. Kept apart from api.ts so this feature edits no shared file.
import { api } from '../client'
import type { Page } from './types'

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

export interface Ticket {
  id: number
  number: string
  kind: TicketKind
  source: string
  severity: string
  status: string
  anonymous: boolean
  patient_id: number | null
  contact_name: string
  contact_phone: string | null
  topic: string
  content: string
  staff_name: string
  department_id: number | null
  department_name: string | null
  department_ids: number[]
  call_uuid: string | null
  first_response_due: string
  resolution_due: string
  first_responded_at: string | null
  resolved_at: string | null
  closed_at: string | null
  paused_at: string | null
  escalation_level: number
  compensation_cents: number | null
  compensation_status: string
  satisfaction: number | null
  created_at: string
}

export interface HistoryEntry {
  id: number
  at: string
  username: string
  action: string
  from_status: string | null
  to_status: string | null
  department_id: number | null
  body: string
  channel: string | null
  public: boolean
  call_uuid: string | null
}

/** The recording of the call a ticket came from. */
export interface TicketRecording {
  call_uuid: string
  size: number
  received: number
  complete: boolean
}
export interface TicketDetail {
  ticket: Ticket
  history: HistoryEntry[]
  recording: TicketRecording | null
}
/** What the public web form sends (no sign-in). */
export interface WebFormTicket {
  hospital: string | null
  kind: TicketKind
  anonymous: boolean
  name: string
  phone: string | null
  topic: string
  content: string
}
export interface Created {
  id: number
  number: string
  secret_code: string | null
  created: boolean
}
export interface Template {
  id: number
  code: string
  kind: string
  topic: string
  body: string
}

export interface NewTicket {
  kind: TicketKind
  source: string
  severity?: string
  anonymous?: boolean
  patient_id?: number | null
  contact_name?: string
  contact_phone?: string | null
  topic: string
  content: string
  department_ids?: number[]
  staff_name?: string
  call_uuid?: string | null
}

export interface Count {
  key: string
  count: number
}
export interface FeedbackStats {
  from: string
  to: string
  total: number
  by_kind: Count[]
  by_department: Count[]
  by_source: Count[]
  by_month: { month: string; complaint: number; praise: number; suggestion: number }[]
  sla: {
    first_response_total: number
    first_response_on_time: number
    resolved_total: number
    resolved_on_time: number
    open_overdue: number
    compliance_percent: number
  }
  resolve_time: { resolved: number; average_hours: number; median_hours: number }
  top_complaint_topics: Count[]
  praise_by_staff: Count[]
  top_inquiry_topics: Count[]
}

export interface Segment {
  text: string
  hit: boolean
}
export interface SearchHit {
  id: number
  category: string
  title: string
  tags: string[]
  title_highlight: Segment[]
  snippet: Segment[]
  score: number
}
export interface LookupItem {
  id: number
  kind: string
  name: string
  department: string
  phone: string
  location: string
  price: string
  info: string
  schedule: string
  turnaround: string
}
export interface Version {
  version: number
  category: string
  title: string
  tags: string[]
  body: string
  status: string
  created_at: string
  review_note: string | null
}
export interface Article {
  id: number
  category: string
  title: string
  tags: string[]
  body: string
  published_version: number | null
  latest_version: number
  status: string
  source_call_uuid: string | null
  updated_at: string
}
export interface ArticleDetail {
  article: Article
  versions: Version[]
}
export interface ArticleInput {
  category: string
  title: string
  tags: string[]
  body: string
  source_call_uuid?: string | null
}

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
  playRecording: (uuid: string) => api.post<{ url: string; expires_at: string }>(`/calls/${uuid}/recording/play`),
  progress: (number: string, code: string) =>
    api.post<{
      number: string
      kind: string
      status: string
      topic: string
      created_at: string
      resolved_at: string | null
      replies: { at: string; channel: string | null; body: string }[]
    }>('/public/feedback/progress', { number, code }),
  // knowledge
  lookup: (q: string) => api.get<{ articles: SearchHit[]; items: LookupItem[] }>('/lookup/search', { q }),
  articles: () => api.get<Article[]>('/knowledge/articles'),
  article: (id: number) => api.get<ArticleDetail>(`/knowledge/articles/${id}`),
  createArticle: (a: ArticleInput) => api.post<ArticleDetail>('/knowledge/articles', a),
  editArticle: (id: number, a: ArticleInput) =>
    api.request<ArticleDetail>('PUT', `/knowledge/articles/${id}`, { body: a }),
  submitArticle: (id: number) => api.post<ArticleDetail>(`/knowledge/articles/${id}/submit`),
  reviewArticle: (id: number, approve: boolean, note = '') =>
    api.post<ArticleDetail>(`/knowledge/articles/${id}/review`, { approve, note }),
  logInquiry: (topic: string, article_id?: number) =>
    api.post<{ id: number }>('/inquiries', { topic, article_id: article_id ?? null }),
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
