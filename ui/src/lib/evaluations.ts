import { api } from '../client'
import type { Page, User } from './types'
import type { components } from '../api/schema'

// Window evaluations (窗口评价): wire types of /api/v1/evaluations/* and the
// calls the counter page and the dashboard make (types generated from the
// OpenAPI document; server: hcrm-shared/src/evaluations.rs).

type Schemas = components['schemas']

export type EvaluationWindow = Schemas['EvaluationWindow']
export type NewEvaluationWindow = Schemas['NewEvaluationWindow']
/** `device_id: ''` unbinds the device, `clerk_id: 0` the clerk. */
export type EvaluationWindowPatch = Schemas['UpdateEvaluationWindow']

/** Key layouts of docs/evaluator-protocol.md §6 (labels from left to right). */
export const KEY_LAYOUTS: Record<number, string[]> = {
  5: ['非常满意', '满意', '基本满意', '不满意', '非常不满意'],
  4: ['非常满意', '满意', '一般', '不满意'],
  3: ['满意', '一般', '不满意'],
}

export type Rating = Schemas['Rating']
export type CountCell = Schemas['CountCell']
export type DayCell = Schemas['DayCell']
export type ScoreCell = Schemas['ScoreCell']
export type EvaluationStats = Schemas['EvaluationStats']
export type CounterView = Schemas['CounterView']

export interface RatingFilter {
  from?: string
  to?: string
  window_id?: number
  clerk_id?: number
  department_id?: number
}

export const evaluationsApi = {
  counter: (windowId?: number) => api.get<CounterView>('/evaluations/counter', { window_id: windowId }),
  windows: () => api.get<EvaluationWindow[]>('/evaluations/windows'),
  createWindow: (w: NewEvaluationWindow) => api.post<EvaluationWindow>('/evaluations/windows', w),
  updateWindow: (id: number, p: EvaluationWindowPatch) => api.patch<EvaluationWindow>(`/evaluations/windows/${id}`, p),
  /** An admin sets a user's mobile (the manager's low-rating SMS); null clears it. */
  setUserPhone: (id: number, phone: string | null) =>
    api.request<User>('PUT', `/users/${id}/phone`, { body: { phone } }),
  stats: (f: RatingFilter) => api.get<EvaluationStats>('/evaluations/stats', { ...f }),
  ratings: (f: RatingFilter & { page?: number; per_page?: number }) =>
    api.get<Page<Rating>>('/evaluations/ratings', { ...f }),
  /** Downloads the Excel export (needs the bearer token, so not a plain link). */
  exportXlsx: (f: RatingFilter) => api.download('/evaluations/export', { query: { ...f }, name: 'evaluations.xlsx' }),
}

/** Satisfaction as a percentage for display. */
export function percent(x: number): string {
  return `${Math.round(x * 1000) / 10}%`
}

/** Element Plus tag type for a 1..5 score. */
export function scoreTag(score: number): 'success' | 'info' | 'warning' | 'danger' {
  if (score >= 4) return 'success'
  if (score === 3) return 'info'
  if (score === 2) return 'warning'
  return 'danger'
}

/** The chart option of the score distribution and the daily trend. */
export function scoreBarOption(stats: EvaluationStats, title: string) {
  return {
    tooltip: {},
    grid: { left: 40, right: 10, top: 30, bottom: 30 },
    title: { text: title, textStyle: { fontSize: 13 } },
    xAxis: { type: 'category', data: stats.by_score.map((s) => s.label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: stats.by_score.map((s) => s.count), itemStyle: { color: '#409eff' } }],
  }
}

export function trendOption(stats: EvaluationStats, title: string, countName: string, avgName: string) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [countName, avgName], top: 0, right: 0 },
    title: { text: title, textStyle: { fontSize: 13 } },
    grid: { left: 40, right: 40, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: stats.by_day.map((d) => d.day) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 1, max: 5 },
    ],
    series: [
      { name: countName, type: 'bar', data: stats.by_day.map((d) => d.total) },
      { name: avgName, type: 'line', yAxisIndex: 1, data: stats.by_day.map((d) => d.average_score) },
    ],
  }
}

export function windowBarOption(stats: EvaluationStats, title: string, avgName: string) {
  const cells = [...stats.by_window].sort((a, b) => a.average_score - b.average_score)
  return {
    tooltip: {},
    title: { text: title, textStyle: { fontSize: 13 } },
    grid: { left: 120, right: 20, top: 30, bottom: 20 },
    xAxis: { type: 'value', min: 0, max: 5 },
    yAxis: { type: 'category', data: cells.map((c) => c.name) },
    series: [{ name: avgName, type: 'bar', data: cells.map((c) => c.average_score) }],
  }
}
