import { describe, expect, it } from 'vitest'
import { displayMasked, displayPhones, isMasked, maskIdCard, maskPhone, mergeRevealed } from '../src/lib/mask'
import { EMPTY } from '../src/lib/format'

describe('masking display', () => {
  it('leaves values the server already masked alone', () => {
    expect(maskPhone('138****5678')).toBe('138****5678')
    expect(maskIdCard('110101********1234')).toBe('110101********1234')
    expect(isMasked('138****5678')).toBe(true)
    expect(isMasked('13812345678')).toBe(false)
    expect(isMasked(null)).toBe(false)
  })
  it('masks a full mobile number the server way', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('138-1234-5678')).toBe('138****5678')
  })
  it('keeps only the last four digits of other numbers', () => {
    expect(maskPhone('01062345678')).toBe('*******5678')
    expect(maskPhone('123')).toBe('***')
  })
  it('masks resident IDs: 6 + 8 stars + 4, and the old 15-digit form', () => {
    expect(maskIdCard('11010119800102123X')).toBe('110101********123X')
    expect(maskIdCard('110101800102123')).toBe('110101******123')
  })
  it('never shows an empty cell', () => {
    expect(maskPhone(null)).toBe(EMPTY)
    expect(maskIdCard('')).toBe(EMPTY)
    expect(displayMasked(null)).toBe(EMPTY)
    expect(displayMasked('110101********1234')).toBe('110101********1234')
  })
  it('shows the first phone and a count of the rest', () => {
    expect(displayPhones([])).toBe(EMPTY)
    expect(displayPhones(['138****5678'])).toBe('138****5678')
    expect(displayPhones(['138****5678', '139****0000', '010****1111'])).toBe('138****5678 (+2)')
    // A full number that slipped through is masked again, not shown.
    expect(displayPhones(['13812345678'])).toBe('138****5678')
  })
  it('swaps in revealed values and back', () => {
    const masked = ['138****5678', '139****0000']
    expect(mergeRevealed(masked, null)).toEqual([
      { value: '138****5678', revealed: false },
      { value: '139****0000', revealed: false },
    ])
    expect(mergeRevealed(masked, ['13812345678', '13900000000'])).toEqual([
      { value: '13812345678', revealed: true },
      { value: '13900000000', revealed: true },
    ])
    expect(mergeRevealed(masked, [])).toHaveLength(2)
  })
})
