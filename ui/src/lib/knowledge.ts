// The knowledge base and the lookup screen (issue 10): wire types and calls
// (server: server/src/knowledge/).
import { api } from '../client'
import type { components } from '../api/schema'

type Schemas = components['schemas']

export type Segment = Schemas['Segment']
export type SearchHit = Schemas['SearchHit']
export type LookupItem = Schemas['LookupItem']
export type LookupResults = Schemas['LookupResults']
export type Version = Schemas['Version']
export type Article = Schemas['Article']
export type ArticleDetail = Schemas['ArticleDetail']
export type ArticleInput = Schemas['ArticleInput']

export const knowledgeApi = {
  lookup: (q: string) => api.get<LookupResults>('/lookup/search', { q }),
  articles: () => api.get<Article[]>('/knowledge/articles'),
  article: (id: number) => api.get<ArticleDetail>(`/knowledge/articles/${id}`),
  createArticle: (a: ArticleInput) => api.post<ArticleDetail>('/knowledge/articles', a),
  editArticle: (id: number, a: ArticleInput) =>
    api.request<ArticleDetail>('PUT', `/knowledge/articles/${id}`, { body: a }),
  submitArticle: (id: number) => api.post<ArticleDetail>(`/knowledge/articles/${id}/submit`),
  reviewArticle: (id: number, approve: boolean, note = '') =>
    api.post<ArticleDetail>(`/knowledge/articles/${id}/review`, { approve, note }),
  logInquiry: (topic: string, article_id?: number) =>
    api.post<Schemas['Logged']>('/inquiries', { topic, article_id: article_id ?? null }),
}
