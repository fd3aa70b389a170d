import { api } from '../client'
import type { Query } from './api'
import type { Page, Visit } from './types'

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

export interface FollowupTask {
  id: number
  patient_id: number
  patient_name: string
  mrn: string
  phone_masked: string | null
  visit_id: number | null
  department_id: number | null
  department_name: string | null
  kind: string
  title: string
  detail: string
  priority: 'normal' | 'urgent'
  channel: 'phone' | 'sms'
  questionnaire_id: number | null
  due_from: string
  due_until: string
  status: string
  assignee_id: number | null
  assignee_name: string | null
  attempts: number
  max_attempts: number
  next_attempt_at: string | null
  outcome: string | null
  cancel_reason: string | null
  overdue: boolean
  rule_id: number | null
  completed_at: string | null
}

export interface Attempt {
  id: number
  at: string
  username: string
  outcome: string
  note: string
  call_id: string | null
  callback_at: string | null
}

export interface TaskDetail {
  task: FollowupTask
  sex: string
  age: number | null
  tags: string[]
  phones_masked: string[]
  visit: Visit | null
  attempts: Attempt[]
}

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

export interface Round {
  from_day: number
  to_day: number
  questionnaire_id: number | null
  channel: 'phone' | 'sms'
}
export interface Rule {
  id: number
  name: string
  kind: 'discharge' | 'research'
  department_id: number | null
  icd_codes: string
  rounds: Round[]
  period_from: string | null
  period_to: string | null
  active: boolean
  task_count: number
}
export type RuleInput = Omit<Rule, 'id' | 'task_count'>

export interface PlanRound {
  questionnaire_id: number | null
  channel: 'phone' | 'sms'
}
export interface Plan {
  id: number
  name: string
  department_id: number
  first_date: string
  interval_days: number
  round_count: number
  rounds: PlanRound[]
  sms_body: string
  active: boolean
  patient_ids: number[]
}
export type PlanInput = Omit<Plan, 'id' | 'active'>

export interface Assignee {
  id: number
  display_name: string
  role: string
  department_id: number | null
}

export interface FollowupStats {
  from: string
  to: string
  workload: { user_id: number; name: string; attempts: number; reached: number; completed: number }[]
  coverage: { department_id: number; name: string; due: number; done: number; rate: number }[]
  contact: { attempts: number; contacted: number; rate: number }
  trend: { month: string; due: number; done: number; attempts: number; contacted: number; contact_rate: number }[]
}

export const followupApi = {
  tasks: (q: Query) => api.get<Page<FollowupTask>>('/followup/tasks', q),
  task: (id: number | string) => api.get<TaskDetail>(`/followup/tasks/${id}`),
  outcome: (id: number, body: { outcome: Outcome; note: string; callback_at?: string | null }) =>
    api.post<FollowupTask>(`/followup/tasks/${id}/outcome`, body),
  reassign: (id: number, userId: number | null) => api.post<void>(`/followup/tasks/${id}/assign`, { user_id: userId }),
  assign: (strategy: 'count' | 'department', userIds: number[]) =>
    api.post<{ assigned: number }>('/followup/assign', { strategy, user_ids: userIds }),
  assignees: () => api.get<Assignee[]>('/followup/assignees'),
  generate: () => api.post<Record<string, number>>('/followup/generate', {}),
  rules: () => api.get<Rule[]>('/followup/rules'),
  createRule: (r: RuleInput) => api.post<Rule>('/followup/rules', r),
  updateRule: (id: number, r: RuleInput) => api.request<Rule>('PUT', `/followup/rules/${id}`, { body: r }),
  plans: () => api.get<Plan[]>('/followup/plans'),
  createPlan: (p: PlanInput) => api.post<Plan>('/followup/plans', p),
  flagVisit: (visitId: number) =>
    api.post<{ task_id: number; created: boolean }>(`/followup/visits/${visitId}/flag`, {}),
  stats: (q: Query) => api.get<FollowupStats>('/followup/stats', q),
}

/** Downloads an export with the session's token and saves it. */
export function downloadExport(path: string, query: Query, filename: string): Promise<void> {
  return api.download(path, { query, name: filename })
}
