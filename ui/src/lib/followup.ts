import { api } from '../client'
import type { Query } from './api'
import type { Page } from './types'
import type { components } from '../api/schema'

// The follow-up engine's types and calls (server: server/src/followup/).

export const OUTCOMES = [
  'reached',
  'no_answer',
  'busy',
  'wrong_number',
  'refused',
  'deceased',
  'readmitted',
  'call_back',
] as const
export type Outcome = (typeof OUTCOMES)[number]
export const TASK_KINDS = [
  'discharge',
  'administrative',
  'department',
  'research',
  'physical_exam',
  'outpatient',
  'revisit',
  'callback',
] as const
export const TASK_STATUSES = ['open', 'pending', 'in_progress', 'completed', 'failed', 'cancelled', 'all'] as const

/** Hotkey 1-8 → outcome, in the order of the buttons. */
export function outcomeForKey(key: string): Outcome | null {
  const n = Number(key)
  return Number.isInteger(n) && n >= 1 && n <= OUTCOMES.length ? OUTCOMES[n - 1] : null
}

type Schemas = components['schemas']

export type FollowupTask = Schemas['Task']
export type Attempt = Schemas['Attempt']
export type TaskDetail = Schemas['TaskDetail']

/** The task list's filters (UI state, turned into the query by taskQuery). */
export interface TaskFilters {
  mine: boolean
  department_id: number | null
  due_today: boolean
  overdue: boolean
  kind: string
  status: string
}

export function emptyTaskFilters(): TaskFilters {
  return { mine: false, department_id: null, due_today: false, overdue: false, kind: '', status: 'open' }
}

export function taskQuery(f: TaskFilters, page?: number, perPage?: number): Query {
  return {
    mine: f.mine || undefined,
    department_id: f.department_id ?? undefined,
    due_today: f.due_today || undefined,
    overdue: f.overdue || undefined,
    kind: f.kind || undefined,
    status: f.status || undefined,
    page,
    per_page: perPage,
  }
}

export type Round = Schemas['Round']
export type Rule = Schemas['Rule']
export type RuleInput = Schemas['RuleInput']
export type PlanRound = Schemas['PlanRound']
export type Plan = Schemas['Plan']
export type PlanInput = Schemas['PlanInput']
export type Assignee = Schemas['Assignee']
export type FollowupStats = Schemas['FollowupStats']

export const followupApi = {
  tasks: (q: Query) => api.get<Page<FollowupTask>>('/followup/tasks', q),
  task: (id: number | string) => api.get<TaskDetail>(`/followup/tasks/${id}`),
  /** The open task after this one in queue order; null at the end. */
  next: (id: number | string, mine: boolean) =>
    api.get<components['schemas']['NextTask']>(`/followup/tasks/${id}/next`, { mine }),
  outcome: (id: number, body: { outcome: Outcome; note: string; callback_at?: string | null }) =>
    api.post<FollowupTask>(`/followup/tasks/${id}/outcome`, body),
  reassign: (id: number, userId: number | null) => api.post<void>(`/followup/tasks/${id}/assign`, { user_id: userId }),
  assign: (strategy: 'count' | 'department', userIds: number[]) =>
    api.post<Schemas['AssignResult']>('/followup/assign', { strategy, user_ids: userIds }),
  assignees: () => api.get<Assignee[]>('/followup/assignees'),
  generate: () => api.post<Record<string, number>>('/followup/generate', {}),
  rules: () => api.get<Rule[]>('/followup/rules'),
  createRule: (r: RuleInput) => api.post<Rule>('/followup/rules', r),
  updateRule: (id: number, r: RuleInput) => api.request<Rule>('PUT', `/followup/rules/${id}`, { body: r }),
  plans: () => api.get<Plan[]>('/followup/plans'),
  createPlan: (p: PlanInput) => api.post<Plan>('/followup/plans', p),
  flagVisit: (visitId: number) => api.post<Schemas['Flagged']>(`/followup/visits/${visitId}/flag`, {}),
  stats: (q: Query) => api.get<FollowupStats>('/followup/stats', q),
}

/** Downloads an export with the session's token and saves it. */
export function downloadExport(path: string, query: Query, filename: string): Promise<void> {
  return api.download(path, { query, name: filename })
}
