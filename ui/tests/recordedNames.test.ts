import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '../src/i18n/zh-CN'
import en from '../src/i18n/en'
import { AUDIT_ACTIONS, auditActionKey, auditActionLabel, jobKindLabel } from '../src/lib/recordedNames'

const messages = { 'zh-CN': zhCN, en }

describe('audit action names', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`names every action the server records in ${locale}`, () => {
      const i18n = createI18n({ legacy: false, locale, messages })
      const { t, te } = i18n.global
      const missing = AUDIT_ACTIONS.filter((a) => !te(auditActionKey(a)))
      expect(missing).toEqual([])
      expect(auditActionLabel(t, te, 'patient.reveal')).not.toBe('patient.reveal')
    })
  }

  it('shows an action of an earlier version as it was recorded', () => {
    const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages })
    const { t, te } = i18n.global
    expect(auditActionLabel(t, te, 'legacy.thing')).toBe('legacy.thing')
    expect(auditActionLabel(t, te, 'patient.reveal')).toBe('查看完整号码')
  })
})

describe('job kind names', () => {
  it('names the server’s kinds and shows others as recorded', () => {
    const { t, te } = createI18n({ legacy: false, locale: 'zh-CN', messages }).global
    expect(jobKindLabel(t, te, 'sms.send')).toBe('发送短信')
    expect(jobKindLabel(t, te, 'test.kind')).toBe('test.kind')
  })
})
