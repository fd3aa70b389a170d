import { describe, expect, it } from 'vitest'
import {
  percent,
  scoreBarOption,
  scoreTag,
  trendOption,
  windowBarOption,
  type EvaluationStats,
} from '../src/lib/evaluations'

const stats: EvaluationStats = {
  total: 5,
  average_score: 3.6,
  satisfaction: 0.6,
  low: 1,
  by_score: [
    { score: 5, label: '非常满意', count: 2 },
    { score: 4, label: '满意', count: 1 },
    { score: 3, label: '基本满意/一般', count: 1 },
    { score: 2, label: '不满意', count: 0 },
    { score: 1, label: '非常不满意', count: 1 },
  ],
  by_window: [
    { id: 1, name: '1号窗', total: 3, average_score: 4.5, low: 0, satisfaction: 1 },
    { id: 2, name: '2号窗', total: 2, average_score: 2.5, low: 1, satisfaction: 0.5 },
  ],
  by_clerk: [],
  by_department: [],
  by_day: [
    { day: '2026-11-21', total: 2, average_score: 4 },
    { day: '2026-11-22', total: 3, average_score: 3.33 },
  ],
}

describe('evaluation charts', () => {
  it('shows the distribution in key order and the trend per day', () => {
    const bar = scoreBarOption(stats, 't') as { xAxis: { data: string[] }; series: { data: number[] }[] }
    expect(bar.xAxis.data[0]).toBe('非常满意')
    expect(bar.series[0].data).toEqual([2, 1, 1, 0, 1])
    const trend = trendOption(stats, 't', 'n', 'avg') as { xAxis: { data: string[] }; series: { data: number[] }[] }
    expect(trend.xAxis.data).toEqual(['2026-11-21', '2026-11-22'])
    expect(trend.series[1].data).toEqual([4, 3.33])
  })

  it('puts the weakest window first', () => {
    const w = windowBarOption(stats, 't', 'avg') as { yAxis: { data: string[] } }
    expect(w.yAxis.data).toEqual(['2号窗', '1号窗'])
  })

  it('formats satisfaction and colours scores', () => {
    expect(percent(0.6)).toBe('60%')
    expect(percent(0.8333)).toBe('83.3%')
    expect([5, 4, 3, 2, 1].map(scoreTag)).toEqual(['success', 'success', 'info', 'warning', 'danger'])
  })
})
