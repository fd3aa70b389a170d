// Excel imports (server: server/src/imports/): wire types, calls and the
// helpers of the import page.
import { api } from '../client'
import type { Query } from './api'
import type { components } from '../api/schema'

type Schemas = components['schemas']

export type ImportKind = 'discharges' | 'exams'
export type ImportMode = 'all_or_nothing' | 'good_rows'

export type RowError = Schemas['RowError']
export type PreviewRow = Schemas['PreviewRow']
export type ImportBatch = Schemas['ImportBatch']

export const importsApi = {
  upload: (kind: ImportKind, fileName: string, contentBase64: string) =>
    api.post<ImportBatch>('/imports', { kind, file_name: fileName, content_base64: contentBase64 }),
  batch: (id: number) => api.get<ImportBatch>(`/imports/${id}`),
  commit: (id: number, mode: ImportMode) => api.post<ImportBatch>(`/imports/${id}/commit`, { mode }),
}

/** Percentage for a progress bar. */
export function percent(done: number, total: number): number {
  if (total <= 0) return 0
  return Math.min(100, Math.round((done / total) * 100))
}

/** "row 17, column 出院日期: not a date" */
export function describeError(e: RowError): string {
  return e.column ? `row ${e.row}, column ${e.column}: ${e.message}` : `row ${e.row}: ${e.message}`
}

/** Reads a File as base64 (without the data: prefix). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => {
      const s = String(r.result ?? '')
      resolve(s.slice(s.indexOf(',') + 1))
    }
    r.onerror = () => reject(r.error)
    r.readAsDataURL(file)
  })
}

/** Downloads an authenticated file (template, error file). */
export function download(path: string, fileName: string, query?: Query): Promise<void> {
  return api.download(path, { query, name: fileName })
}
