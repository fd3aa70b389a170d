import { describe, expect, it } from 'vitest'
import { OUTCOMES, emptyTaskFilters, outcomeForKey, taskQuery } from '../src/lib/followup'

describe('follow-up screen helpers', () => {
  it('maps the hotkeys 1-8 to the outcome buttons in order', () => {
    expect(outcomeForKey('1')).toBe('reached')
    expect(outcomeForKey('2')).toBe('no_answer')
    expect(outcomeForKey('8')).toBe('call_back')
    expect(OUTCOMES).toHaveLength(8)
    for (const k of ['0', '9', 'a', ' ', '1.5']) expect(outcomeForKey(k)).toBeNull()
  })

  it('sends only the filters that are set', () => {
    expect(taskQuery(emptyTaskFilters(), 1, 20)).toEqual({
      mine: undefined,
      department_id: undefined,
      due_today: undefined,
      overdue: undefined,
      kind: undefined,
      status: 'open',
      page: 1,
      per_page: 20,
    })
    const f = { ...emptyTaskFilters(), mine: true, overdue: true, kind: 'discharge', department_id: 3 }
    expect(taskQuery(f)).toMatchObject({ mine: true, overdue: true, kind: 'discharge', department_id: 3 })
  })
})
