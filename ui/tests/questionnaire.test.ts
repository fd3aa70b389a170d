import { describe, expect, it } from 'vitest'
import cases from '../../shared/src/questionnaire/cases.json'
import {
  checkResponse,
  inputAnswer,
  keyChoices,
  onPath,
  path,
  type Answers,
  type Template,
} from '../src/lib/questionnaire'

const template = cases.template as unknown as Template

describe('questionnaire path (same cases as the Rust engine)', () => {
  for (const c of cases.cases) {
    it(c.name, () => {
      const answers = c.answers as Answers
      expect(path(template, answers)).toEqual(c.path)
      const p = checkResponse(template, answers)
      expect(p?.at ?? null).toEqual(c.error_at)
    })
  }

  it('submits only the answers on the path', () => {
    const kept = onPath(template, { q1: 5, q3: 's', q4: ['wait'], q5: '' })
    expect(Object.keys(kept)).toEqual(['q1', 'q3'])
  })

  it('offers number keys for ratings and options', () => {
    const qs = template.sections[0].questions
    expect(keyChoices(qs[0]).map((c) => c.value)).toEqual([1, 2, 3, 4, 5])
    expect(keyChoices(qs[1])).toHaveLength(11)
    expect(keyChoices(qs[2]).map((c) => c.value)).toEqual(['vs', 's', 'n', 'd', 'vd'])
  })
})

describe('builder helpers and chart options', async () => {
  const { newQuestion, satisfactionOptions, uniqueId } = await import('../src/lib/builder')
  const { departmentOption, trendOption } = await import('../src/lib/surveys')

  it('makes ids that are not taken and the five satisfaction levels', () => {
    expect(uniqueId('q', ['q1', 'q2', 'q4'])).toBe('q3')
    expect(satisfactionOptions().map((o) => o.level)).toEqual([
      'very_satisfied',
      'satisfied',
      'neutral',
      'dissatisfied',
      'very_dissatisfied',
    ])
    expect(newQuestion('matrix', 'q9').rows).toHaveLength(1)
    expect(newQuestion('rating5', 'q9').options).toBeUndefined()
  })

  it('charts the rates the server computed, unchanged', () => {
    const rows = [
      { month: '2026-10', department_id: null, department_name: '全院', valid: 10, satisfied: 9, rate: 90 },
      { month: '2026-11', department_id: null, department_name: '全院', valid: 0, satisfied: 0, rate: null },
    ]
    const t = trendOption(rows, '满意度')
    expect(t.xAxis.data).toEqual(['2026-10', '2026-11'])
    expect(t.series[0].data).toEqual([90, null])
    expect(departmentOption(rows, '满意度').series[0].type).toBe('bar')
  })
})

describe('inputAnswer', () => {
  it('reads a number input as a number, null when cleared, and a date input as its text', () => {
    expect(inputAnswer('number', '42')).toBe(42)
    expect(inputAnswer('number', '')).toBeNull()
    expect(inputAnswer('date', '2026-12-01')).toBe('2026-12-01')
    expect(inputAnswer('date', '')).toBe('')
  })
})
