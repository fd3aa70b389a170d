// Wire types and calls of the survey endpoints (/api/v1/surveys, /kiosk,
// /public/surveys), and the chart options of the statistics page.
import { api } from '../client'
import type { Query } from './api'
import type { components } from '../api/schema'
import type { Answers, Template } from './questionnaire'

type Schemas = components['schemas']
/** The generated type with its questionnaire field typed (see questionnaire.ts `Template`). */
type WithTemplate<T, K extends keyof T> = Omit<T, K> & { [P in K]: Template }

export type QuestionnaireSummary = Schemas['QuestionnaireSummary']
export type QuestionnaireCategory = Schemas['QuestionnaireCategory']
export type VersionInfo = Schemas['VersionInfo']
export type VersionDetail = WithTemplate<Schemas['VersionDetail'], 'content'>
export type QuestionnaireDetail = Omit<Schemas['QuestionnaireDetail'], 'latest'> & { latest: VersionDetail }
export type ResponseDetail = Omit<Schemas['ResponseDetail'], 'answers'> & { answers: Answers }
export type SurveyLink = Schemas['SurveyLink']
export type PublicQuestionnaire = WithTemplate<Schemas['PublicQuestionnaire'], 'content'>
export type Kiosk = Schemas['Kiosk']
export type StaffSurvey = Schemas['StaffSurvey']
export type StaffAssignee = Schemas['StaffAssignee']
export type StaffSurveyDetail = Schemas['StaffSurveyDetail']
export type NewStaffSurvey = Schemas['NewStaffSurvey']
export type NewQuestionnaire = WithTemplate<Schemas['NewQuestionnaire'], 'template'>
export type EditQuestionnaire = WithTemplate<Schemas['EditQuestionnaire'], 'template'>
export type NewResponse = Omit<Schemas['NewResponse'], 'answers'> & { answers: Answers }
export type NewSurveyLink = Schemas['NewSurveyLink']
export type NewKiosk = Schemas['NewKiosk']
export type AnswerCount = Schemas['AnswerCount']
export type QuestionStats = Schemas['QuestionStats']
export type SatisfactionRow = Schemas['SatisfactionRow']
export type TextAnswer = Schemas['TextAnswer']
export type SurveyStats = Schemas['SurveyStats']
/** The statistics filter (query string). */
export type StatsQuery = Query & { questionnaire_id: number; from?: string; to?: string; department_id?: number }

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
  create: (body: NewQuestionnaire) => api.post<QuestionnaireDetail>('/surveys/questionnaires', body),
  edit: (id: number, body: EditQuestionnaire) =>
    api.request<QuestionnaireDetail>('PUT', `/surveys/questionnaires/${id}/draft`, { body }),
  publish: (id: number) => api.post<QuestionnaireDetail>(`/surveys/questionnaires/${id}/publish`),
  exportJson: (id: number) => api.get<unknown>(`/surveys/questionnaires/${id}/export`),
  importJson: (doc: unknown) => api.post<QuestionnaireDetail>('/surveys/questionnaires/import', doc),
  version: (id: number | string) => api.get<VersionDetail>(`/surveys/versions/${id}`),
  respond: (body: NewResponse) => api.post<ResponseDetail>('/surveys/responses', body),
  link: (body: NewSurveyLink) => api.post<SurveyLink>('/surveys/links', body),
  kiosks: () => api.get<Kiosk[]>('/surveys/kiosks'),
  createKiosk: (body: NewKiosk) => api.post<Kiosk>('/surveys/kiosks', body),
  staffList: () => api.get<StaffSurvey[]>('/surveys/staff'),
  staffCreate: (body: NewStaffSurvey) => api.post<StaffSurveyDetail>('/surveys/staff', body),
  staffDetail: (id: number | string) => api.get<StaffSurveyDetail>(`/surveys/staff/${id}`),
  staffRemind: (id: number) => api.post<Schemas['Reminded']>(`/surveys/staff/${id}/remind`),
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
