import { describe, expect, it } from 'vitest'
import zhCN from '../src/i18n/zh-CN'
import en from '../src/i18n/en'
import { DesktopError } from '../src/desktop/ipc'
import { DESKTOP_ERROR_MESSAGE_KEYS, desktopErrorMessage } from '../src/lib/errors'

type Tree = { [k: string]: string | Tree }

function lookup(tree: Tree, key: string): string | undefined {
  const v = key
    .split('.')
    .reduce<string | Tree | undefined>((node, k) => (typeof node === 'object' ? node[k] : undefined), tree)
  return typeof v === 'string' ? v : undefined
}

// A stand-in for vue-i18n's `t`: the English message with `{name}` filled in.
const t = (key: string, named: Record<string, unknown> = {}) =>
  (lookup(en as Tree, key) ?? key).replace(/\{(\w+)\}/g, (_, n: string) => String(named[n]))

describe('desktopErrorMessage', () => {
  it('has a message for every desktop error code in both languages', () => {
    for (const key of [...DESKTOP_ERROR_MESSAGE_KEYS, 'desktopError.withDetail']) {
      expect(lookup(zhCN as Tree, key), `zh-CN ${key}`).toBeTruthy()
      expect(lookup(en as Tree, key), `en ${key}`).toBeTruthy()
    }
  })

  it('shows what the code means, then the desktop message', () => {
    const e = new DesktopError('shortcut_unavailable', 'Ctrl+Alt+A is held by another program')
    expect(desktopErrorMessage(e, t)).toBe(
      'The shortcut is held by another program (Ctrl+Alt+A is held by another program)',
    )
    expect(desktopErrorMessage(new DesktopError('notification', ''), t)).toBe('Cannot show the notification')
  })

  it('translates the browser softphone keys and passes other errors through', () => {
    expect(desktopErrorMessage(new Error('phone.busyLine'), t)).toBe(t('phone.busyLine'))
    expect(desktopErrorMessage(new Error('boom'), t)).toBe('boom')
  })
})
