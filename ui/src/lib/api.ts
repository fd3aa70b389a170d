import type {
  AuditEntry,
  AuditQuery,
  Department,
  DepartmentPatch,
  NewDepartment,
  DischargeStats,
  LoginResponse,
  NewContact,
  NewUser,
  Page,
  PatientDetail,
  PatientSummary,
  Problem,
  RevealField,
  RevealResponse,
  SessionUser,
  User,
  UserPatch,
  ContactEntry,
  AppNotification,
  Job,
  JobDetail,
  JobQuery,
  NewNotification,
  SmsMessage,
  SmsQuery,
  UnreadCount,
} from './types'

export const API_BASE = '/api/v1'

/** An HTTP error carrying the server's problem+json body when there is one. */
export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }

  get field(): string | undefined {
    return this.problem.field || undefined
  }

  get code(): string | undefined {
    return this.problem.code || undefined
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>

export interface ClientOptions {
  /** Prefix for every path; '' in tests, same-origin `/api/v1` in the app. */
  baseUrl?: string
  getToken: () => string | null
  /** Called once per 401 on an authenticated call (expired or revoked session). */
  onUnauthorized?: () => void
  fetch?: typeof fetch
}

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Extra headers (e.g. the kiosk's `X-Kiosk-Token`). */
  headers?: Record<string, string>
  /** A call made without the session (public survey link, kiosk): no token, no session-expiry handling. */
  anonymous?: boolean
}

/** A file the server sent (an xlsx export) with the name from its Content-Disposition. */
export interface DownloadedFile {
  blob: Blob
  filename: string | null
}

export interface DownloadOptions {
  query?: Query
  name?: string
  fallbackName?: string
}

/** Builds `?a=1&b=x`, leaving out empty filters so the server sees no `a=`. */
export function buildQuery(query?: Query): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    params.append(k, String(v))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

// The login call itself answers 401 for a wrong password; that must show an
// error on the form, not bounce the user to the page they are already on.
const NO_SESSION_PATHS = ['/auth/login']

/**
 * The one way the UI calls the server: bearer token, JSON bodies, a 401 on
 * an authenticated call ends the session, and every failure is an ApiError
 * with the server's problem+json (`code`, `detail`, `field`).
 */
export class ApiClient {
  private readonly opts: ClientOptions
  private baseUrl: string

  constructor(opts: ClientOptions) {
    this.opts = opts
    this.baseUrl = opts.baseUrl ?? API_BASE
  }

  /** The current prefix (`/api/v1`, or the desktop's server URL + `/api/v1`). */
  get base(): string {
    return this.baseUrl
  }

  /** The desktop app points the client at the configured server. */
  setBaseUrl(url: string): void {
    this.baseUrl = url
  }

  /** Sends one call; resolves to the response only when it is a 2xx. */
  private async send(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept, ...options.headers }
    const token = options.anonymous ? null : this.opts.getToken()
    if (token) headers.Authorization = `Bearer ${token}`
    let body: string | undefined
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(options.body)
    }
    const doFetch = this.opts.fetch ?? globalThis.fetch.bind(globalThis)
    let res: Response
    try {
      res = await doFetch(this.baseUrl + path + buildQuery(options.query), { method, headers, body })
    } catch (e) {
      // status 0 = the server could not be reached at all.
      throw new ApiError(0, { title: 'network', code: 'network', detail: (e as Error)?.message })
    }
    if (res.status === 401 && !options.anonymous && !NO_SESSION_PATHS.includes(path)) {
      this.opts.onUnauthorized?.()
    }
    if (!res.ok) {
      throw new ApiError(res.status, await readProblem(res))
    }
    return res
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, options, 'application/json')
    if (res.status === 204) return undefined as T
    const text = await res.text()
    return (text ? JSON.parse(text) : undefined) as T
  }

  /** Fetches a file (GET) through the same session and error handling. */
  async file(path: string, query?: Query): Promise<DownloadedFile> {
    const res = await this.send('GET', path, { query }, '*/*')
    return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) }
  }

  /**
   * Fetches a file and hands it to the browser as a download (the bearer
   * token cannot ride on a plain link). `name` fixes the saved name; without
   * it the server's Content-Disposition name is used, else `fallbackName`.
   */
  async download(path: string, opts: DownloadOptions): Promise<void> {
    const { blob, filename } = await this.file(path, opts.query)
    saveFile(blob, opts.name ?? filename ?? opts.fallbackName ?? 'download')
  }

  get<T>(path: string, query?: Query) {
    return this.request<T>('GET', path, { query })
  }
  post<T>(path: string, body?: unknown) {
    return this.request<T>('POST', path, { body })
  }
  patch<T>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, { body })
  }
  put<T>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, { body })
  }
  delete<T>(path: string) {
    return this.request<T>('DELETE', path)
  }

  // --- auth ---
  login(username: string, password: string) {
    return this.post<LoginResponse>('/auth/login', { username, password })
  }
  me() {
    return this.get<SessionUser>('/auth/me')
  }
  logout() {
    return this.post<void>('/auth/logout')
  }

  // --- stats ---
  discharges(days = 30) {
    return this.get<DischargeStats>('/stats/discharges', { days })
  }

  // --- patients ---
  searchPatients(q: string, page = 1, perPage = 20) {
    return this.get<Page<PatientSummary>>('/patients', { q, page, per_page: perPage })
  }
  patient(id: number | string) {
    return this.get<PatientDetail>(`/patients/${id}`)
  }
  reveal(id: number | string, field: RevealField) {
    return this.post<RevealResponse>(`/patients/${id}/reveal`, { field })
  }
  addContact(id: number | string, contact: NewContact) {
    return this.post<ContactEntry>(`/patients/${id}/contacts`, contact)
  }

  // --- admin ---
  departments() {
    return this.get<Department[] | Page<Department>>('/departments')
  }
  createDepartment(d: NewDepartment) {
    return this.post<Department>('/departments', d)
  }
  updateDepartment(id: number, d: DepartmentPatch) {
    return this.patch<Department>(`/departments/${id}`, d)
  }
  users() {
    return this.get<User[] | Page<User>>('/users')
  }
  createUser(u: NewUser) {
    return this.post<User>('/users', u)
  }
  updateUser(id: number, patch: UserPatch) {
    return this.patch<User>(`/users/${id}`, patch)
  }
  resetPassword(id: number, password: string) {
    return this.post<void>(`/users/${id}/reset-password`, { password })
  }
  audit(q: AuditQuery) {
    return this.get<Page<AuditEntry>>('/audit', q as Query)
  }

  // --- notifications ---
  notifications(unread = false, page = 1, perPage = 20) {
    return this.get<Page<AppNotification>>('/notifications', { unread: unread || undefined, page, per_page: perPage })
  }
  unreadCount() {
    return this.get<UnreadCount>('/notifications/unread-count')
  }
  markNotificationRead(id: number) {
    return this.post<UnreadCount>(`/notifications/${id}/read`)
  }
  markAllNotificationsRead() {
    return this.post<UnreadCount>('/notifications/read-all')
  }
  sendNotification(n: NewNotification) {
    return this.post<void>('/notifications', n)
  }

  // --- jobs ---
  jobs(q: JobQuery) {
    return this.get<Page<Job>>('/jobs', q as Query)
  }
  job(id: number) {
    return this.get<JobDetail>(`/jobs/${id}`)
  }
  runJobNow(id: number) {
    return this.post<Job>(`/jobs/${id}/run-now`)
  }
  retryJob(id: number) {
    return this.post<Job>(`/jobs/${id}/retry`)
  }

  // --- SMS ---
  smsMessages(q: SmsQuery) {
    return this.get<Page<SmsMessage>>('/sms/messages', q as Query)
  }
  resendSms(id: number) {
    return this.post<SmsMessage>(`/sms/messages/${id}/resend`)
  }
}

/** Lists may come bare or paged; the admin pages only need the rows. */
export function itemsOf<T>(v: T[] | Page<T> | null | undefined): T[] {
  if (!v) return []
  return Array.isArray(v) ? v : (v.items ?? [])
}

async function readProblem(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '')
  if (text) {
    try {
      const p = JSON.parse(text)
      if (p && typeof p === 'object') return { status: res.status, ...p }
    } catch {
      // Not JSON (a proxy's HTML error page, say): fall through.
    }
  }
  return { status: res.status, title: res.statusText || `HTTP ${res.status}` }
}

/** `attachment; filename="x.xlsx"` (or RFC 5987 `filename*=UTF-8''...`) -> the name. */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      // Badly encoded: try the plain parameter.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  return plain ? plain[1] : null
}

/** Saves a blob through a temporary link. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Revoked later: some browsers start reading the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
