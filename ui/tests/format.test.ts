import { describe, expect, it } from 'vitest'
import {
  ageFrom,
  displayAge,
  EMPTY,
  formatDate,
  formatDateTime,
  formatTime,
  joinList,
  setHospitalUtcOffset,
  orDash,
  sexKey,
  tagKey,
  tagType,
} from '../src/lib/format'

describe('formatDateTime', () => {
  it("shows the hospital's wall time to the minute, whatever the PC's zone", () => {
    expect(formatDateTime('2026-11-01T00:05:59Z')).toBe('2026-11-01 08:05')
    expect(formatDateTime('2026-10-31T16:00:00Z')).toBe('2026-11-01 00:00')
    expect(formatDateTime('2026-11-01T08:05:00+08:00')).toBe('2026-11-01 08:05')
    expect(formatTime('2026-11-01T00:05:09Z')).toBe('08:05:09')
    setHospitalUtcOffset(0)
    expect(formatDateTime('2026-11-01T00:05:59Z')).toBe('2026-11-01 00:05')
    setHospitalUtcOffset(480)
  })
  it('takes a bare date as a local calendar date', () => {
    expect(formatDateTime('2026-11-01')).toBe('2026-11-01 00:00')
  })
  it('shows a dash for empty or garbage', () => {
    expect(formatDateTime(null)).toBe(EMPTY)
    expect(formatDateTime(undefined)).toBe(EMPTY)
    expect(formatDateTime('')).toBe(EMPTY)
    expect(formatDateTime('not a date')).toBe(EMPTY)
  })
})

describe('formatDate', () => {
  it('passes a bare date through', () => {
    expect(formatDate('1980-01-02')).toBe('1980-01-02')
  })
  it("cuts a timestamp to the hospital's date", () => {
    expect(formatDate('2026-01-31T15:59:00Z')).toBe('2026-01-31')
    expect(formatDate('2026-01-31T16:00:00Z')).toBe('2026-02-01')
  })
  it('dashes null', () => {
    expect(formatDate(null)).toBe(EMPTY)
  })
})

describe('age', () => {
  const now = new Date(2026, 5, 15)
  it('counts whole years, before and after the birthday', () => {
    expect(ageFrom('1980-06-15', now)).toBe(46)
    expect(ageFrom('1980-06-16', now)).toBe(45)
    expect(ageFrom('1980-01-02', now)).toBe(46)
  })
  it('is null for a future or missing birth date', () => {
    expect(ageFrom('2030-01-01', now)).toBeNull()
    expect(ageFrom(null, now)).toBeNull()
  })
  it('prefers the server age and falls back to the birth date', () => {
    expect(displayAge(46, '1900-01-01', now)).toBe('46')
    expect(displayAge(0, null, now)).toBe('0')
    expect(displayAge(null, '2000-06-15', now)).toBe('26')
    expect(displayAge(null, null, now)).toBe(EMPTY)
  })
})

describe('labels', () => {
  it('maps sex to i18n keys with unknown as fallback', () => {
    expect(sexKey('male')).toBe('sex.male')
    expect(sexKey('female')).toBe('sex.female')
    expect(sexKey('unknown')).toBe('sex.unknown')
    expect(sexKey('x')).toBe('sex.unknown')
    expect(sexKey(null)).toBe('sex.unknown')
  })
  it('colours tags', () => {
    expect(tagType('do_not_contact')).toBe('danger')
    expect(tagType('vip')).toBe('warning')
    expect(tagType('deceased')).toBe('info')
    expect(tagType('something_new')).toBe('primary')
    expect(tagKey('vip')).toBe('tag.vip')
  })
  it('joins lists and dashes empties', () => {
    expect(joinList(['心内科', '神经内科'])).toBe('心内科、神经内科')
    expect(joinList([])).toBe(EMPTY)
    expect(joinList(null)).toBe(EMPTY)
    expect(orDash('')).toBe(EMPTY)
    expect(orDash(0)).toBe('0')
    expect(orDash('x')).toBe('x')
  })
})
