import type { DischargePoint } from './types'

// ECharts options for components/EChart.vue. Kept apart from the component
// so the data shaping (gaps, ordering) is unit-tested.

/** An ECharts option as the builders return it. */
export type ChartOption = Record<string, unknown>

/** A series of numbers over shared categories. */
export interface NamedSeries {
  name: string
  data: number[]
}

/**
 * Categories on x, one series per entry (bars, or lines). `stacked` stacks
 * the bars; labels turn when there are many categories.
 */
export function categoryOption(
  categories: string[],
  series: NamedSeries[],
  opts: { kind?: ChartKind; stacked?: boolean; legend?: boolean; rotateLabels?: boolean } = {},
): ChartOption {
  const kind = opts.kind ?? 'bar'
  return {
    tooltip: { trigger: 'axis' },
    legend: { show: opts.legend ?? true },
    grid: { left: 40, right: 16, top: 36, bottom: opts.rotateLabels ? 40 : 30 },
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: opts.rotateLabels ? { interval: 0, rotate: categories.length > 6 ? 30 : 0 } : undefined,
    },
    yAxis: { type: 'value', minInterval: opts.stacked ? 1 : undefined },
    series: series.map((s) => ({ name: s.name, type: kind, data: s.data, stack: opts.stacked ? 'all' : undefined })),
  }
}

export interface DischargeSeries {
  departmentId: number
  name: string
  data: number[]
}

export interface DischargeTable {
  dates: string[]
  series: DischargeSeries[]
}

function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d + n))
  return t.toISOString().slice(0, 10)
}

/**
 * One row per department over a continuous date axis. The server omits days
 * with no discharges; they are filled with 0 so a line does not skip days.
 */
export function pivotDischarges(points: readonly DischargePoint[]): DischargeTable {
  if (points.length === 0) return { dates: [], series: [] }
  const sorted = [...points].map((p) => p.date).sort()
  const first = sorted[0]
  const last = sorted[sorted.length - 1]
  const dates: string[] = []
  for (let d = first; d <= last && dates.length < 3660; d = addDays(d, 1)) dates.push(d)
  const index = new Map(dates.map((d, i) => [d, i]))

  const byDept = new Map<number, DischargeSeries>()
  for (const p of points) {
    let s = byDept.get(p.department_id)
    if (!s) {
      s = { departmentId: p.department_id, name: p.department_name, data: dates.map(() => 0) }
      byDept.set(p.department_id, s)
    }
    const i = index.get(p.date)
    if (i !== undefined) s.data[i] += p.count
  }
  const series = [...byDept.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
  return { dates, series }
}

export type ChartKind = 'line' | 'bar'

export function dischargeOption(table: DischargeTable, kind: ChartKind, yName: string) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: table.dates, boundaryGap: kind === 'bar' },
    yAxis: { type: 'value', name: yName, minInterval: 1 },
    series: table.series.map((s) => ({
      name: s.name,
      type: kind,
      data: s.data,
      smooth: kind === 'line',
      stack: kind === 'bar' ? 'total' : undefined,
      emphasis: { focus: 'series' },
    })),
  }
}

export function totalDischarges(points: readonly DischargePoint[]): number {
  return points.reduce((n, p) => n + p.count, 0)
}
