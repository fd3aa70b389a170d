import { describe, expect, it } from 'vitest'
import {
  acceleratorFromKey,
  apiBaseFor,
  duplicateShortcut,
  hasGlobalModifier,
  looksLikeServerUrl,
  type KeyLike,
} from '../src/lib/desktop'

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

describe('desktop shortcuts', () => {
  const press = (key: string, mods: Partial<KeyLike> = {}, code?: string): KeyLike => ({
    key,
    code,
    ctrlKey: false,
    altKey: false,
    shiftKey: false,
    metaKey: false,
    ...mods,
  })

  it('builds canonical accelerators from key presses', () => {
    expect(acceleratorFromKey(press('a', { ctrlKey: true, altKey: true }, 'KeyA'))).toBe('Ctrl+Alt+A')
    // Alt+A types "å" on some layouts: the physical key wins.
    expect(acceleratorFromKey(press('å', { altKey: true }, 'KeyA'))).toBe('Alt+A')
    expect(acceleratorFromKey(press('F5', { shiftKey: true, metaKey: true }))).toBe('Shift+Super+F5')
    expect(acceleratorFromKey(press('!', { ctrlKey: true, shiftKey: true }, 'Digit1'))).toBe('Ctrl+Shift+1')
    expect(acceleratorFromKey(press('PageDown', { ctrlKey: true }))).toBe('Ctrl+PageDown')
  })

  it('waits while only modifiers are held and refuses other keys', () => {
    expect(acceleratorFromKey(press('Control', { ctrlKey: true }, 'ControlLeft'))).toBeNull()
    expect(acceleratorFromKey(press('F13', { ctrlKey: true }))).toBeNull()
    expect(acceleratorFromKey(press('é', { ctrlKey: true }))).toBeNull()
  })

  it('checks modifiers and duplicates like the desktop does', () => {
    expect(hasGlobalModifier('Ctrl+Alt+A')).toBe(true)
    expect(hasGlobalModifier('Super+1')).toBe(true)
    expect(hasGlobalModifier('Shift+A')).toBe(false)
    expect(hasGlobalModifier('A')).toBe(false)
    expect(duplicateShortcut({ answer: 'Ctrl+Alt+A', hang_up: '', search_patient: '' })).toBeNull()
    expect(duplicateShortcut({ answer: '', hang_up: '', search_patient: '' })).toBeNull()
    expect(duplicateShortcut({ answer: 'Ctrl+1', hang_up: 'Alt+2', search_patient: 'Ctrl+1' })).toBe('Ctrl+1')
  })
})
