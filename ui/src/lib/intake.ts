// HIS intake: the HL7 inbox and Excel imports. Kept apart from api.ts so
// this feature does not edit the shared client.
import { api } from '../client'
import type { Query } from './api'
import type { components } from '../api/schema'
import type { Page } from './types'

type Schemas = components['schemas']

export type Hl7Message = Schemas['Hl7Message']
export type Hl7MessageDetail = Schemas['Hl7MessageDetail']

/** The inbox filters (query string). */
export type Hl7Query = {
  control_id?: string
  event?: string
  status?: string
  mrn?: string
  from?: string
  to?: string
  page?: number
  per_page?: number
}

export const HL7_STATUSES = ['processed', 'error', 'rejected'] as const
export const HL7_EVENTS = ['A01', 'A02', 'A03', 'A04', 'A08', 'A11', 'A13', 'A40'] as const

export type ImportKind = 'discharges' | 'exams'
export type ImportMode = 'all_or_nothing' | 'good_rows'

export type RowError = Schemas['RowError']
export type PreviewRow = Schemas['PreviewRow']
export type ImportBatch = Schemas['ImportBatch']

export const intake = {
  hl7Messages: (q: Hl7Query) => api.get<Page<Hl7Message>>('/hl7/messages', q as Record<string, string | number>),
  hl7Message: (id: number) => api.get<Hl7MessageDetail>(`/hl7/messages/${id}`),
  replay: (id: number) => api.post<Hl7MessageDetail>(`/hl7/messages/${id}/replay`, {}),
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
