import type { Sex } from './types'

// Formatting helpers. Dates from the server are RFC 3339 timestamps (UTC or
// with offset) or plain `YYYY-MM-DD` dates. Times are shown as the hospital's
// wall clock (its UTC offset comes with the signed-in user), whatever time
// zone the PC is set to: a follow-up window reads "08:00 — 07:59" in every
// counter and ward.

export const EMPTY = '—'

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

function parse(value: string | null | undefined): Date | null {
  if (!value) return null
  // `new Date('2026-11-01')` is UTC midnight, which shows as the previous day
  // west of Greenwich; a bare date is taken as a local calendar date instead.
  if (DATE_ONLY.test(value)) {
    const [y, m, d] = value.split('-').map(Number)
    return new Date(y, m - 1, d)
  }
  const t = Date.parse(value)
  return Number.isNaN(t) ? null : new Date(t)
}

/** China's, until the server says otherwise at sign-in. */
let hospitalOffsetMinutes = 480

export function setHospitalUtcOffset(minutes: number): void {
  hospitalOffsetMinutes = minutes
}

/** The hospital's wall clock at `d`, read through the UTC getters. */
function wall(d: Date): Date {
  return new Date(d.getTime() + hospitalOffsetMinutes * 60_000)
}

function dateOf(w: Date): string {
  return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`
}

/** `2026-11-01 08:05` on the hospital's clock; `—` when empty or unparsable. */
export function formatDateTime(value: string | null | undefined): string {
  if (value && DATE_ONLY.test(value)) return `${value} 00:00`
  const d = parse(value)
  if (!d) return EMPTY
  const w = wall(d)
  return `${dateOf(w)} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`
}

/** `08:05:09` on the hospital's clock. */
export function formatTime(value: string | null | undefined): string {
  const d = parse(value)
  if (!d || (value && DATE_ONLY.test(value))) return EMPTY
  const w = wall(d)
  return `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`
}

/** `2026-11-01` on the hospital's calendar; a bare date is passed through. */
export function formatDate(value: string | null | undefined): string {
  if (value && DATE_ONLY.test(value)) return value
  const d = parse(value)
  return d ? dateOf(wall(d)) : EMPTY
}

/** Today's date on the hospital's calendar, `days` from now. */
export function hospitalDay(days = 0): string {
  return dateOf(wall(new Date(Date.now() + days * 86_400_000)))
}

/** Age in whole years at `now`, from a `YYYY-MM-DD` birth date. */
export function ageFrom(birthDate: string | null | undefined, now: Date = new Date()): number | null {
  const b = parse(birthDate)
  if (!b) return null
  let age = now.getFullYear() - b.getFullYear()
  const beforeBirthday =
    now.getMonth() < b.getMonth() || (now.getMonth() === b.getMonth() && now.getDate() < b.getDate())
  if (beforeBirthday) age -= 1
  return age >= 0 ? age : null
}

/** The server's age wins; the birth date is the fallback. */
export function displayAge(age: number | null | undefined, birthDate?: string | null, now?: Date): string {
  const a = age ?? ageFrom(birthDate, now)
  return a === null || a === undefined ? EMPTY : String(a)
}

/** i18n key for a sex value; unknown strings fall back to `sex.unknown`. */
export function sexKey(sex: Sex | string | null | undefined): string {
  return sex === 'male' || sex === 'female' ? `sex.${sex}` : 'sex.unknown'
}

const TAG_TYPES: Record<string, 'warning' | 'danger' | 'info' | 'success' | 'primary'> = {
  vip: 'warning',
  do_not_contact: 'danger',
  deceased: 'info',
}

/** Element Plus tag colour for a patient tag. */
export function tagType(tag: string): 'warning' | 'danger' | 'info' | 'success' | 'primary' {
  return TAG_TYPES[tag] ?? 'primary'
}

/** i18n key for a patient tag; unknown tags are shown raw by the caller. */
export function tagKey(tag: string): string {
  return `tag.${tag}`
}

/** Joins a list for a table cell, `—` when empty. */
export function joinList(values: readonly string[] | null | undefined, sep = '、'): string {
  return values && values.length ? values.join(sep) : EMPTY
}

/** `—` for null, undefined and the empty string. */
export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? EMPTY : String(value)
}

// el-table-column `formatter`s: the column's `prop` value as a date and time,
// or as it is; `—` when empty.
export const dateTimeCell = (_row: unknown, _column: unknown, value: string | null | undefined): string =>
  formatDateTime(value)
export const dashCell = (_row: unknown, _column: unknown, value: string | number | null | undefined): string =>
  orDash(value)
