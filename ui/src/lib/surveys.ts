// Wire types and calls of the survey endpoints (/api/v1/surveys, /kiosk,
// /public/surveys), and the chart options of the statistics page.
import { api } from '../client'
import type { Query } from './api'
import type { Answers, Template } from './questionnaire'

export interface QuestionnaireSummary {
  id: number
  code: string
  name: string
  category: string
  current_version_id: number | null
  current_version: number | null
  draft_version: number | null
  responses: number
  updated_at: string
}
export interface VersionInfo {
  id: number
  questionnaire_id: number
  number: number
  status: string
  published_at: string | null
}
export interface VersionDetail extends VersionInfo {
  questionnaire_name: string
  content: Template
}
export interface QuestionnaireDetail extends QuestionnaireSummary {
  versions: VersionInfo[]
  latest: VersionDetail
}
export interface ResponseDetail {
  id: number
  version_id: number
  version: number
  questionnaire_id: number
  channel: string
  patient_id: number | null
  department_id: number | null
  followup_task_id: number | null
  answers: Answers
  score: number | null
  max_score: number | null
  satisfaction: string | null
  answered_on: string
  callback_task_ids: number[]
}
export interface SurveyLink {
  id: number
  token: string
  url: string
  expires_at: string
  sms_message_id: number | null
}
export interface PublicQuestionnaire {
  version_id: number
  title: string
  content: Template
  idle_seconds: number | null
}
export interface Kiosk {
  id: number
  name: string
  questionnaire_id: number
  department_id: number | null
  active: boolean
  last_seen_on: string | null
  token: string | null
}
export interface StaffSurvey {
  id: number
  title: string
  staff_group: string
  anonymous: boolean
  version_id: number
  questionnaire_id: number
  due_on: string | null
  assigned: number
  answered: number
  answered_by_me: boolean | null
}
export interface StaffAssignee {
  user_id: number
  username: string
  display_name: string
  role: string
  department_name: string | null
  answered_on: string | null
  reminded_on: string | null
}
export interface StaffSurveyDetail extends StaffSurvey {
  assignees: StaffAssignee[]
}
export interface NewStaffSurvey {
  questionnaire_id: number
  title: string
  staff_group: string
  anonymous: boolean
  roles: string[]
  department_ids: number[]
  due_on?: string | null
}
export interface AnswerCount {
  value: string
  label: string
  count: number
}
export interface QuestionStats {
  id: string
  text: string
  kind: string
  answered: number
  distribution: AnswerCount[]
  average: number | null
}
export interface SatisfactionRow {
  month: string
  department_id: number | null
  department_name: string
  valid: number
  satisfied: number
  rate: number | null
}
export interface TextAnswer {
  response_id: number
  question_id: string
  answered_on: string
  department_name: string | null
  text: string
}
export interface SurveyStats {
  questionnaire_id: number
  name: string
  responses: number
  average_score: number | null
  overall: SatisfactionRow
  monthly: SatisfactionRow[]
  departments: SatisfactionRow[]
  by_department: SatisfactionRow[]
  questions: QuestionStats[]
  texts: TextAnswer[]
}
export interface StatsQuery extends Query {
  questionnaire_id: number
  from?: string
  to?: string
  department_id?: number
}

/** Staff groups and the roles / department codes each preselects. */
export const STAFF_GROUPS: Record<string, { roles: string[] }> = {
  nursing: { roles: ['nurse'] },
  doctors: { roles: ['doctor'] },
  medical_technology: { roles: [] },
  pharmacy: { roles: [] },
  logistics: { roles: [] },
  administration: { roles: ['admin', 'agent', 'clerk', 'manager'] },
  custom: { roles: [] },
}

export const surveys = {
  list: () => api.get<QuestionnaireSummary[]>('/surveys/questionnaires'),
  detail: (id: number | string) => api.get<QuestionnaireDetail>(`/surveys/questionnaires/${id}`),
  create: (body: { code: string; name: string; category: string; template: Template; publish: boolean }) =>
    api.post<QuestionnaireDetail>('/surveys/questionnaires', body),
  edit: (id: number, body: { name?: string; template: Template; publish: boolean }) =>
    api.request<QuestionnaireDetail>('PUT', `/surveys/questionnaires/${id}/draft`, { body }),
  publish: (id: number) => api.post<QuestionnaireDetail>(`/surveys/questionnaires/${id}/publish`),
  exportJson: (id: number) => api.get<unknown>(`/surveys/questionnaires/${id}/export`),
  importJson: (doc: unknown) => api.post<QuestionnaireDetail>('/surveys/questionnaires/import', doc),
  version: (id: number | string) => api.get<VersionDetail>(`/surveys/versions/${id}`),
  respond: (body: {
    version_id?: number
    questionnaire_id?: number
    channel?: string
    patient_id?: number | null
    followup_task_id?: number | null
    answers: Answers
  }) => api.post<ResponseDetail>('/surveys/responses', body),
  link: (body: {
    questionnaire_id: number
    patient_id: number
    followup_task_id?: number | null
    send_sms: boolean
    valid_hours?: number
  }) => api.post<SurveyLink>('/surveys/links', body),
  kiosks: () => api.get<Kiosk[]>('/surveys/kiosks'),
  createKiosk: (body: { name: string; questionnaire_id: number; department_id?: number | null }) =>
    api.post<Kiosk>('/surveys/kiosks', body),
  staffList: () => api.get<StaffSurvey[]>('/surveys/staff'),
  staffCreate: (body: NewStaffSurvey) => api.post<StaffSurveyDetail>('/surveys/staff', body),
  staffDetail: (id: number | string) => api.get<StaffSurveyDetail>(`/surveys/staff/${id}`),
  staffRemind: (id: number) => api.post<{ reminded: number }>(`/surveys/staff/${id}/remind`),
  staffMine: () => api.get<StaffSurvey[]>('/surveys/staff-mine'),
  staffAnswer: (id: number | string, answers: Answers) => api.post<void>(`/surveys/staff/${id}/answer`, { answers }),
  stats: (q: StatsQuery) => api.get<SurveyStats>('/surveys/stats', q),
}

/** Downloads the Excel export of the statistics. */
export function downloadStats(q: StatsQuery, name: string): Promise<void> {
  return api.download('/surveys/stats/export', { query: q, name })
}

/** Endpoints without a session: the SMS-link form and the kiosk. */
export const publicSurveys = {
  form: (token: string) =>
    api.request<PublicQuestionnaire>('GET', `/public/surveys/${encodeURIComponent(token)}`, { anonymous: true }),
  answer: (token: string, answers: Answers) =>
    api.request<void>('POST', `/public/surveys/${encodeURIComponent(token)}`, { anonymous: true, body: { answers } }),
  kioskForm: (device: string) =>
    api.request<PublicQuestionnaire>('GET', '/kiosk/questionnaire', {
      anonymous: true,
      headers: { 'X-Kiosk-Token': device },
    }),
  kioskAnswer: (device: string, answers: Answers) =>
    api.request<void>('POST', '/kiosk/responses', {
      anonymous: true,
      headers: { 'X-Kiosk-Token': device },
      body: { answers },
    }),
}

/** Line chart of the monthly satisfaction rate. */
export function trendOption(rows: SatisfactionRow[], name: string) {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 24, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: rows.map((r) => r.month) },
    yAxis: { type: 'value', min: 0, max: 100, name: '%' },
    series: [{ name, type: 'line', data: rows.map((r) => r.rate), label: { show: true } }],
  }
}

/** Bars of satisfaction per department. */
export function departmentOption(rows: SatisfactionRow[], name: string) {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 24, top: 30, bottom: 60 },
    xAxis: { type: 'category', data: rows.map((r) => r.department_name), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', min: 0, max: 100, name: '%' },
    series: [{ name, type: 'bar', data: rows.map((r) => r.rate), label: { show: true, position: 'top' } }],
  }
}

/** Horizontal bars of one question's answers. */
export function distributionOption(q: QuestionStats) {
  const rows = q.distribution
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 120, right: 24, top: 10, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true },
    series: [{ type: 'bar', data: rows.map((r) => r.count), label: { show: true, position: 'right' } }],
  }
}
