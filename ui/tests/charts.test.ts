import { describe, expect, it } from 'vitest'
import { dischargeOption, pivotDischarges, totalDischarges } from '../src/lib/charts'
import { emptyAuditFilters, toAuditQuery } from '../src/lib/audit'

const points = [
  { date: '2026-11-03', department_id: 2, department_name: '神经内科', count: 1 },
  { date: '2026-11-01', department_id: 1, department_name: '心内科', count: 3 },
  { date: '2026-11-03', department_id: 1, department_name: '心内科', count: 2 },
]

describe('pivotDischarges', () => {
  it('builds a gapless date axis with one series per department', () => {
    const t = pivotDischarges(points)
    expect(t.dates).toEqual(['2026-11-01', '2026-11-02', '2026-11-03'])
    const byName = Object.fromEntries(t.series.map((s) => [s.name, s.data]))
    expect(byName['心内科']).toEqual([3, 0, 2])
    expect(byName['神经内科']).toEqual([0, 0, 1])
  })
  it('crosses month ends', () => {
    const t = pivotDischarges([
      { date: '2026-10-30', department_id: 1, department_name: 'A', count: 1 },
      { date: '2026-11-02', department_id: 1, department_name: 'A', count: 1 },
    ])
    expect(t.dates).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02'])
  })
  it('is empty for no data', () => {
    expect(pivotDischarges([])).toEqual({ dates: [], series: [] })
    expect(totalDischarges([])).toBe(0)
  })
  it('sums counts and feeds ECharts', () => {
    expect(totalDischarges(points)).toBe(6)
    const opt = dischargeOption(pivotDischarges(points), 'bar', '人数')
    expect(opt.series).toHaveLength(2)
    expect(opt.series.every((s) => s.type === 'bar' && s.stack === 'total')).toBe(true)
    expect(opt.xAxis.data).toHaveLength(3)
    const line = dischargeOption(pivotDischarges(points), 'line', '人数')
    expect(line.series.every((s) => s.type === 'line' && s.stack === undefined)).toBe(true)
  })
})

describe('toAuditQuery', () => {
  it('trims and leaves out empty filters', () => {
    const f = { ...emptyAuditFilters(), username: ' admin ', patientId: '' }
    expect(toAuditQuery(f, 2, 50)).toEqual({ username: 'admin', page: 2, per_page: 50 })
  })
  it('sends the range as UTC instants', () => {
    const f = {
      ...emptyAuditFilters(),
      range: [new Date('2026-11-01T00:00:00Z'), new Date('2026-11-02T12:00:00Z')] as [Date, Date],
    }
    const q = toAuditQuery(f, 1, 20)
    expect(q.from).toBe('2026-11-01T00:00:00.000Z')
    expect(q.to).toBe('2026-11-02T12:00:00.000Z')
  })
})
