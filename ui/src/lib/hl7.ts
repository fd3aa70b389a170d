// The HL7 inbox (server: server/src/hl7/): wire types and calls.
import { api } from '../client'
import type { components } from '../api/schema'
import type { Page, QueryOf } from './types'

type Schemas = components['schemas']

export type Hl7Message = Schemas['Hl7Message']
export type Hl7MessageDetail = Schemas['Hl7MessageDetail']

/** The inbox filters (query string). */
export type Hl7Query = QueryOf<'/api/v1/hl7/messages'>

export const HL7_STATUSES = ['processed', 'error', 'rejected'] as const
export const HL7_EVENTS = ['A01', 'A02', 'A03', 'A04', 'A08', 'A11', 'A13', 'A40'] as const

export const hl7Api = {
  messages: (q: Hl7Query) => api.get<Page<Hl7Message>>('/hl7/messages', q),
  message: (id: number) => api.get<Hl7MessageDetail>(`/hl7/messages/${id}`),
  replay: (id: number) => api.post<Hl7MessageDetail>(`/hl7/messages/${id}/replay`, {}),
}
