// Helpers of the questionnaire builder (kept apart to test them).
import type { Choice, Question, QuestionKind } from './questionnaire'

/** The five-level satisfaction scale with scores 5..1. */
export function satisfactionOptions(): Choice[] {
  return [
    { value: 'vs', label: '非常满意', score: 5, level: 'very_satisfied' },
    { value: 's', label: '满意', score: 4, level: 'satisfied' },
    { value: 'n', label: '一般', score: 3, level: 'neutral' },
    { value: 'd', label: '不满意', score: 2, level: 'dissatisfied' },
    { value: 'vd', label: '非常不满意', score: 1, level: 'very_dissatisfied' },
  ]
}

/** The first `<prefix><n>` not taken. */
export function uniqueId(prefix: string, taken: string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`
}

export function newQuestion(kind: QuestionKind, id: string): Question {
  const q: Question = { id, text: '', kind, required: false }
  if (kind === 'single_choice' || kind === 'multiple_choice')
    q.options = [
      { value: 'o1', label: '', score: null },
      { value: 'o2', label: '', score: null },
    ]
  if (kind === 'matrix') {
    q.options = [
      { value: 'good', label: '好', score: 2 },
      { value: 'fair', label: '一般', score: 1 },
      { value: 'bad', label: '差', score: 0 },
    ]
    q.rows = [{ id: 'r1', text: '' }]
  }
  return q
}
