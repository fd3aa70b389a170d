// The questionnaire engine's path and answer checks, mirrored from
// shared/src/questionnaire/logic.rs so branching applies live while a
// respondent answers. The server checks again on submit; both run the same
// cases (shared/src/questionnaire/cases.json).

import type { components } from '../api/schema'

type Schemas = components['schemas']

export type QuestionKind = Schemas['QuestionKind']
export type Level = Schemas['Satisfaction']
export type Choice = Schemas['Choice']
export type MatrixRow = Schemas['MatrixRow']
export type Condition = Schemas['Condition']
export type Jump = Schemas['Jump']
export type Question = Schemas['Question']
export type Section = Schemas['Section']
export type AnswerRule = Schemas['AnswerRule']
/** A questionnaire (one version's content). */
export type Template = Schemas['QuestionnaireTemplate']
export type AnswerValue = string | number | string[] | Record<string, string> | null
export type Answers = Record<string, AnswerValue | undefined>

export const END = 'end'

export function questions(t: Template): Question[] {
  return t.sections.flatMap((s) => s.questions)
}

export function isEmpty(v: AnswerValue | undefined): boolean {
  if (v === null || v === undefined) return true
  if (typeof v === 'string') return v.trim() === ''
  if (Array.isArray(v)) return v.length === 0
  if (typeof v === 'object') return Object.keys(v).length === 0
  return false
}

/** The answer typed into a number or date input: a number (null when cleared), or the date's text. */
export function inputAnswer(kind: 'number' | 'date', text: string): AnswerValue {
  if (kind === 'date') return text
  return text === '' ? null : Number(text)
}

export function ratingRange(kind: QuestionKind): [number, number] | null {
  if (kind === 'rating5') return [1, 5]
  if (kind === 'rating10') return [1, 10]
  if (kind === 'nps') return [0, 10]
  return null
}

export function questionScore(q: Question, v: AnswerValue | undefined): number | null {
  const opt = (s: unknown) => q.options?.find((o) => o.value === s)?.score ?? null
  const sum = (xs: (number | null)[]) => {
    const ns = xs.filter((x): x is number => x !== null)
    return ns.length ? ns.reduce((a, b) => a + b, 0) : null
  }
  switch (q.kind) {
    case 'single_choice':
      return typeof v === 'string' ? opt(v) : null
    case 'multiple_choice':
      return Array.isArray(v) ? sum(v.map(opt)) : null
    case 'matrix':
      return v && typeof v === 'object' && !Array.isArray(v) ? sum(Object.values(v).map(opt)) : null
    case 'rating5':
    case 'rating10':
    case 'nps':
      return typeof v === 'number' ? v : null
    default:
      return null
  }
}

export function holds(q: Question, c: Condition, v: AnswerValue | undefined): boolean {
  switch (c.op) {
    case 'answered':
      return !isEmpty(v)
    case 'chosen':
      if (typeof v === 'string') return c.values.includes(v)
      if (Array.isArray(v)) return v.some((x) => c.values.includes(x))
      return false
    case 'score_at_most': {
      const s = questionScore(q, v)
      return s !== null && s <= c.value
    }
    case 'score_at_least': {
      const s = questionScore(q, v)
      return s !== null && s >= c.value
    }
  }
}

/** The questions asked, in order, given the answers so far. */
export function path(t: Template, answers: Answers): string[] {
  const order = questions(t)
  const index = new Map(order.map((q, i) => [q.id, i]))
  const out: string[] = []
  let i = 0
  while (i < order.length && out.length <= order.length) {
    const q = order[i]
    out.push(q.id)
    const a = answers[q.id]
    const jump = isEmpty(a) ? undefined : (q.jumps ?? []).find((j) => holds(q, j.when, a))
    const target = jump ? jump.goto : (q.next ?? null)
    if (target === null) i += 1
    else if (target === END) break
    else {
      const p = index.get(target)
      i = p !== undefined && p > i ? p : i + 1
    }
  }
  return out
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
function isDate(s: string): boolean {
  const m = DATE.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]
}

/** Checks one answer; returns a message or null. */
export function checkAnswer(q: Question, v: AnswerValue): string | null {
  const has = (s: unknown) => typeof s === 'string' && (q.options ?? []).some((o) => o.value === s)
  switch (q.kind) {
    case 'single_choice':
      return has(v) ? null : 'choose an option'
    case 'multiple_choice':
      return Array.isArray(v) && v.every(has) && new Set(v).size === v.length ? null : 'choose options'
    case 'rating5':
    case 'rating10':
    case 'nps': {
      const [lo, hi] = ratingRange(q.kind)!
      return typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi
        ? null
        : `give a whole number from ${lo} to ${hi}`
    }
    case 'text':
      return typeof v === 'string' ? null : 'give text'
    case 'number':
      if (typeof v !== 'number' || Number.isNaN(v)) return 'give a number'
      if ((q.min != null && v < q.min) || (q.max != null && v > q.max))
        return `give a number from ${q.min ?? '-'} to ${q.max ?? '-'}`
      return null
    case 'date':
      return typeof v === 'string' && isDate(v) ? null : 'give a date as YYYY-MM-DD'
    case 'matrix': {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return 'give an answer per row'
      for (const [row, x] of Object.entries(v)) {
        if (!(q.rows ?? []).some((r) => r.id === row)) return `"${row}" is not a row`
        if (!has(x)) return `row "${row}": not an option`
      }
      if (q.required && Object.keys(v).length < (q.rows ?? []).length) return 'answer every row'
      return null
    }
  }
}

/** A check failure: where (question id) and what. UI-only. */
export interface Problem {
  at: string
  message: string
}

/** The whole response: answers on the path, required ones present. */
export function checkResponse(t: Template, answers: Answers): Problem | null {
  const p = path(t, answers)
  const byId = new Map(questions(t).map((q) => [q.id, q]))
  for (const id of Object.keys(answers).sort()) {
    const v = answers[id]
    const q = byId.get(id)
    if (!q) return { at: id, message: 'no such question' }
    if (isEmpty(v)) continue
    if (!p.includes(id)) return { at: id, message: 'this question is skipped by the answers before it' }
    const m = checkAnswer(q, v as AnswerValue)
    if (m) return { at: id, message: m }
  }
  for (const id of p) {
    if (byId.get(id)!.required && isEmpty(answers[id])) return { at: id, message: 'this question is required' }
  }
  return null
}

/** Only the answers on the path: what to submit. */
export function onPath(t: Template, answers: Answers): Answers {
  const p = path(t, answers)
  const out: Answers = {}
  for (const id of p) if (!isEmpty(answers[id])) out[id] = answers[id]
  return out
}

/** The keyboard choices a question offers, in the order number keys pick them. */
export function keyChoices(q: Question): { value: string | number; label: string }[] {
  const r = ratingRange(q.kind)
  if (r) {
    const out = []
    for (let n = r[0]; n <= r[1]; n++) out.push({ value: n, label: String(n) })
    return out
  }
  return (q.options ?? []).map((o) => ({ value: o.value, label: o.label }))
}
