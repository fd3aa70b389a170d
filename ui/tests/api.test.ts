import { describe, expect, it, vi } from 'vitest'
import { ApiClient, ApiError, buildQuery, itemsOf } from '../src/lib/api'
import { applyFieldError, errorMessage } from '../src/lib/errors'

interface Call {
  url: string
  init: RequestInit
}

function fakeFetch(status: number, body: unknown, contentType = 'application/json') {
  const calls: Call[] = []
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    return new Response(status === 204 ? null : text, { status, headers: { 'Content-Type': contentType } })
  })
  return { fn: fn as unknown as typeof fetch, calls }
}

const problem = {
  type: 'about:blank',
  title: 'Validation failed',
  status: 422,
  code: 'validation_failed',
  detail: '用户名已存在',
  field: 'username',
}

describe('buildQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(buildQuery({ q: '张三', page: 1, per_page: 20, x: '', y: null, z: undefined })).toBe(
      '?q=%E5%BC%A0%E4%B8%89&page=1&per_page=20',
    )
    expect(buildQuery({})).toBe('')
    expect(buildQuery()).toBe('')
  })
})

describe('ApiClient', () => {
  it('sends the bearer token and JSON body under /api/v1', async () => {
    const f = fakeFetch(200, { values: ['13812345678'] })
    const api = new ApiClient({ getToken: () => 'tok', fetch: f.fn })
    const res = await api.reveal(7, 'phone')
    expect(res.values).toEqual(['13812345678'])
    expect(f.calls[0].url).toBe('/api/v1/patients/7/reveal')
    expect(f.calls[0].init.method).toBe('POST')
    const headers = f.calls[0].init.headers as Record<string, string>
    expect(headers.Authorization).toBe('Bearer tok')
    expect(headers['Content-Type']).toBe('application/json')
    expect(JSON.parse(f.calls[0].init.body as string)).toEqual({ field: 'phone' })
  })

  it('sends no Authorization header without a session', async () => {
    const f = fakeFetch(200, { token: 't', expires_at: '2099-01-01T00:00:00Z', user: {} })
    const api = new ApiClient({ getToken: () => null, fetch: f.fn })
    await api.login('admin', 'pw')
    expect((f.calls[0].init.headers as Record<string, string>).Authorization).toBeUndefined()
  })

  it('builds the patient search and audit queries', async () => {
    const f = fakeFetch(200, { items: [], total: 0, page: 2, per_page: 20 })
    const api = new ApiClient({ getToken: () => 't', fetch: f.fn })
    await api.searchPatients('zs', 2)
    expect(f.calls[0].url).toBe('/api/v1/patients?q=zs&page=2&per_page=20')
    await api.audit({ username: 'a', action: '', page: 1, per_page: 50 })
    expect(f.calls[1].url).toBe('/api/v1/audit?username=a&page=1&per_page=50')
    await api.discharges()
    expect(f.calls[2].url).toBe('/api/v1/stats/discharges?days=30')
  })

  it('reports a 401 on an authenticated call to the session handler', async () => {
    const onUnauthorized = vi.fn()
    const f = fakeFetch(401, { title: 'Unauthorized', status: 401, code: 'unauthenticated', detail: '会话已过期' })
    const api = new ApiClient({ getToken: () => 't', fetch: f.fn, onUnauthorized })
    await expect(api.me()).rejects.toBeInstanceOf(ApiError)
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })

  it('does not treat a failed login as an expired session', async () => {
    const onUnauthorized = vi.fn()
    const f = fakeFetch(401, {
      title: 'Unauthorized',
      status: 401,
      code: 'bad_credentials',
      detail: '用户名或密码错误',
    })
    const api = new ApiClient({ getToken: () => null, fetch: f.fn, onUnauthorized })
    const err = await api.login('a', 'b').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toBe('用户名或密码错误')
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('parses problem+json with its field', async () => {
    const f = fakeFetch(422, problem, 'application/problem+json')
    const api = new ApiClient({ getToken: () => 't', fetch: f.fn })
    const err = (await api
      .createUser({ username: 'x', display_name: 'x', password: 'p', role: 'agent', department_id: null })
      .catch((e) => e)) as ApiError
    expect(err.status).toBe(422)
    expect(err.code).toBe('validation_failed')
    expect(err.field).toBe('username')
    expect(err.message).toBe('用户名已存在')
  })

  it('survives a non-JSON error page', async () => {
    const f = fakeFetch(502, '<html>Bad gateway</html>', 'text/html')
    const api = new ApiClient({ getToken: () => 't', fetch: f.fn })
    const err = (await api.me().catch((e) => e)) as ApiError
    expect(err.status).toBe(502)
    expect(err.field).toBeUndefined()
  })

  it('maps a network failure to status 0', async () => {
    const api = new ApiClient({
      getToken: () => 't',
      fetch: (async () => {
        throw new TypeError('Failed to fetch')
      }) as unknown as typeof fetch,
    })
    const err = (await api.me().catch((e) => e)) as ApiError
    expect(err.status).toBe(0)
  })

  it('returns undefined for 204', async () => {
    const f = fakeFetch(204, '')
    const api = new ApiClient({ getToken: () => 't', fetch: f.fn })
    await expect(api.logout()).resolves.toBeUndefined()
  })
})

describe('itemsOf', () => {
  it('accepts bare and paged lists', () => {
    expect(itemsOf([1, 2])).toEqual([1, 2])
    expect(itemsOf({ items: [3], total: 1, page: 1, per_page: 20 })).toEqual([3])
    expect(itemsOf(null)).toEqual([])
  })
})

describe('error display', () => {
  const t = (k: string) => `<${k}>`
  it('translates the code and field, never the server detail', () => {
    expect(errorMessage(new ApiError(422, problem), t)).toBe('<error.codes.validation_failed_field>')
    expect(errorMessage(new ApiError(0, {}), t)).toBe('<error.network>')
    expect(errorMessage(new ApiError(403, {}), t)).toBe('<error.forbidden>')
    expect(errorMessage(new Error('boom'), t)).toBe('boom')
    expect(errorMessage('??', t)).toBe('<error.generic>')
  })
  it('names the field by its label, and falls back on the status', () => {
    const dict: Record<string, string> = {
      'error.codes.validation_failed_field': '「{field}」填写有误',
      'fields.questionnaire_id': '问卷',
      'error.notFound': '不存在',
    }
    const tr = (k: string, named?: Record<string, unknown>) =>
      (dict[k] ?? k).replace('{field}', String(named?.field ?? ''))
    const crossed = { ...problem, code: 'validation_failed', field: 'rounds[1].questionnaire_id', detail: 'in English' }
    expect(errorMessage(new ApiError(422, crossed), tr)).toBe('「问卷」填写有误')
    expect(errorMessage(new ApiError(422, { ...crossed, field: 'odd_field' }), tr)).toBe('「odd_field」填写有误')
    expect(errorMessage(new ApiError(404, { code: 'something_new', detail: 'in English' }), tr)).toBe('不存在')
  })
  it('marks the named field and clears the others', () => {
    const errors = { username: '', password: 'old' }
    expect(applyFieldError(new ApiError(422, problem), errors, t)).toBe(true)
    expect(errors).toEqual({ username: '<error.codes.validation_failed_field>', password: '' })
    expect(applyFieldError(new ApiError(422, { ...problem, field: 'phones[1]' }), errors, t)).toBe(false)
    expect(errors).toEqual({ username: '', password: '' })
  })
})
