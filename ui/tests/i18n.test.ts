import { readdirSync, readFileSync, statSync } from 'node:fs'
import { SURVEY_FAMILIES } from '../src/lib/surveys-i18n'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import zhCN from '../src/i18n/zh-CN'
import en from '../src/i18n/en'
import { MENU, type MenuSpec } from '../src/lib/menu'
import { OUTCOMES, TASK_STATUSES } from '../src/lib/followup'
import {
  CONTACT_CHANNELS,
  CONTACT_DIRECTIONS,
  DEPARTMENT_KINDS,
  JOB_OUTCOMES,
  JOB_STATUSES,
  NOTIFICATION_KINDS,
  ROLES,
  SMS_STATUSES,
} from '../src/lib/types'
import { AGENT_STATES, CALL_DIRECTIONS, CALL_STATUSES, DISPOSITIONS } from '../src/lib/phoneTypes'

type Tree = { [k: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv)
  }
  return out
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sourceFiles(p)
    return /\.(vue|ts)$/.test(name) ? [p] : []
  })
}

const zh = flatten(zhCN as Tree)
const enFlat = flatten(en as Tree)
const SRC = join(__dirname, '..', 'src')
const sources = sourceFiles(SRC).filter((p) => !p.includes(`${join('src', 'i18n')}`))
const text = sources.map((p) => readFileSync(p, 'utf8')).join('\n')

// Keys built at run time from a value: prefix -> the values it takes.
const FAMILIES: Record<string, readonly string[]> = {
  ...SURVEY_FAMILIES,
  'role.': ROLES,
  'lang.': ['zh-CN', 'en'],
  'sex.': ['male', 'female', 'unknown'],
  'tag.': ['vip', 'do_not_contact', 'deceased'],
  'visit.': ['inpatient', 'outpatient'],
  'panel.': ['tasks', 'calls', 'appointments', 'surveys', 'complaints'],
  'followup.statuses.': TASK_STATUSES,
  // What a task can end with: the agent's outcomes and the SMS round's.
  'followup.outcomes.': [...OUTCOMES, 'sms_sent'],
  'contact.channels.': CONTACT_CHANNELS,
  'contact.directions.': CONTACT_DIRECTIONS,
  'department.kinds.': DEPARTMENT_KINDS,
  'job.statuses.': JOB_STATUSES,
  'job.outcomes.': JOB_OUTCOMES,
  'sms.statuses.': SMS_STATUSES,
  'notification.kinds.': NOTIFICATION_KINDS,
  // Appointment booking.
  'appointments.sessions.': ['morning', 'afternoon', 'evening'],
  'appointments.sessionStatus.': ['open', 'suspended'],
  'appointments.channels.': ['phone', 'web', 'wechat', 'onsite', 'clinic', 'partner'],
  'appointments.apptStatus.': [
    'held',
    'confirmed',
    'checked_in',
    'cancelled',
    'expired',
    'no_show',
    'rescheduled',
    'suspended',
  ],
  'appointments.noticeStatuses.': ['pending', 'rebooked', 'cancelled', 'unreachable'],
  'appointments.smsStatuses.': SMS_STATUSES,
  'appointments.weekdays.': ['1', '2', '3', '4', '5', '6', '7'],
  'phone.states.': AGENT_STATES,
  'phone.status.': CALL_STATUSES,
  'phone.direction.': CALL_DIRECTIONS,
  'phone.disposition.': DISPOSITIONS,
  // issue 10: feedback tickets and the knowledge base
  'feedback.kind.': ['complaint', 'praise', 'suggestion'],
  'feedback.source.': ['phone', 'followup', 'questionnaire', 'evaluator', 'walk_in', 'web_form', 'letter'],
  'feedback.severity.': ['low', 'normal', 'high', 'critical'],
  'feedback.status.': ['new', 'assigned', 'in_progress', 'waiting_patient', 'resolved', 'closed', 'reopened'],
  'feedback.action.': [
    'created',
    'routed',
    'status',
    'comment',
    'reply',
    'satisfaction',
    'compensation_requested',
    'compensation_decided',
    'escalated',
  ],
  'feedback.': ['sms', 'phone'],
  'knowledge.articles.status.': ['draft', 'pending', 'published', 'superseded', 'rejected'],
  'knowledge.lookup.kind.': ['drug', 'directory', 'clinic', 'lab', 'exam', 'staff'],
}

function menuTitles(spec: readonly MenuSpec[]): string[] {
  return spec.flatMap((s) => [s.title, ...(s.children ? menuTitles(s.children) : [])])
}

describe('i18n', () => {
  it('has the same keys in zh-CN and en', () => {
    const onlyZh = [...zh.keys()].filter((k) => !enFlat.has(k))
    const onlyEn = [...enFlat.keys()].filter((k) => !zh.has(k))
    expect(onlyZh, 'missing in en').toEqual([])
    expect(onlyEn, 'missing in zh-CN').toEqual([])
  })

  it('has no empty message', () => {
    for (const [k, v] of [...zh, ...enFlat]) expect(v.trim(), k).not.toBe('')
  })

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [k, v] of zh) expect(names(enFlat.get(k) ?? ''), k).toEqual(names(v))
  })

  it('defines every literal key the sources use, in both languages', () => {
    const used = new Set<string>()
    for (const m of text.matchAll(/\bte?\(\s*['"]([\w.-]+)['"]\s*[,)]/g)) used.add(m[1])
    for (const k of menuTitles(MENU)) used.add(k)
    expect(used.size).toBeGreaterThan(50)
    const missing = [...used].filter((k) => !zh.has(k) || !enFlat.has(k))
    expect(missing).toEqual([])
  })

  it('defines every key built at run time', () => {
    // Every `t('prefix.' + x)` in the sources must be a known family...
    const prefixes = new Set<string>()
    for (const m of text.matchAll(/\bte?\(\s*['"]([\w.-]+\.)['"]\s*\+/g)) prefixes.add(m[1])
    expect([...prefixes].filter((p) => !(p in FAMILIES))).toEqual([])
    // ...and each value of each family must have its message.
    for (const [prefix, values] of Object.entries(FAMILIES)) {
      for (const v of values) {
        expect(zh.has(prefix + v), `zh-CN ${prefix}${v}`).toBe(true)
        expect(enFlat.has(prefix + v), `en ${prefix}${v}`).toBe(true)
      }
    }
  })

  it('keeps Chinese in the Chinese file', () => {
    // A message copied over untranslated is a common slip; language names
    // are the one place where each language is shown in its own script.
    const cjk = /[\u4e00-\u9fff]/
    const untranslated = [...zh].filter(([k, v]) => !k.startsWith('lang.') && !cjk.test(v))
    expect(untranslated.map(([k]) => k)).toEqual([])
  })
})
