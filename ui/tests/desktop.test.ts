import { describe, expect, it } from 'vitest'
import { apiBaseFor, looksLikeServerUrl } from '../src/lib/desktop'

describe('desktop server URL', () => {
  it('uses same-origin /api/v1 without a server URL', () => {
    expect(apiBaseFor(null)).toBe('/api/v1')
    expect(apiBaseFor('')).toBe('/api/v1')
  })
  it('prefixes the configured server', () => {
    expect(apiBaseFor('https://hcrm.local')).toBe('https://hcrm.local/api/v1')
    expect(apiBaseFor('http://10.0.0.5:8080//')).toBe('http://10.0.0.5:8080/api/v1')
  })
  it('accepts http(s) URLs only', () => {
    expect(looksLikeServerUrl('https://hcrm.local')).toBe(true)
    expect(looksLikeServerUrl(' http://127.0.0.1:8080/ ')).toBe(true)
    for (const bad of ['', 'hcrm.local', 'ftp://x', 'http://', 'http://a b', 'http://u@h', 'http://h/?q']) {
      expect(looksLikeServerUrl(bad), bad).toBe(false)
    }
  })
})
