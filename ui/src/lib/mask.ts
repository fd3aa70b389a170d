import { EMPTY } from './format'

// The server masks identifiers before they leave it; the UI never receives a
// full phone or ID number unless the user asks to reveal it (audited). These
// helpers only shape what is shown, and mask again as a safety net if an
// unmasked value ever reaches a place meant for masked ones.

export const MASK_CHAR = '*'

export function isMasked(value: string | null | undefined): boolean {
  return !!value && value.includes(MASK_CHAR)
}

/** Mobile `13812345678` -> `138****5678`; other numbers keep their last 4. */
export function maskPhone(value: string | null | undefined): string {
  if (!value) return EMPTY
  if (isMasked(value)) return value
  const digits = value.replace(/[\s-]/g, '')
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`
  if (digits.length <= 4) return MASK_CHAR.repeat(digits.length)
  return MASK_CHAR.repeat(digits.length - 4) + digits.slice(-4)
}

/** 18-digit resident ID -> first 6, 8 stars, last 4 (the server's format). */
export function maskIdCard(value: string | null | undefined): string {
  if (!value) return EMPTY
  if (isMasked(value)) return value
  const v = value.trim()
  if (v.length === 18) return `${v.slice(0, 6)}${MASK_CHAR.repeat(8)}${v.slice(14)}`
  if (v.length === 15) return `${v.slice(0, 6)}${MASK_CHAR.repeat(6)}${v.slice(12)}`
  if (v.length <= 4) return MASK_CHAR.repeat(v.length)
  return MASK_CHAR.repeat(v.length - 4) + v.slice(-4)
}

/** What to show for a masked field: the masked text, or `—` when absent. */
export function displayMasked(value: string | null | undefined): string {
  return value ? value : EMPTY
}

/** Masked phones for a table cell: the first one, plus `(+N)` for the rest. */
export function displayPhones(values: readonly string[] | null | undefined): string {
  if (!values || values.length === 0) return EMPTY
  const first = maskPhone(values[0])
  return values.length > 1 ? `${first} (+${values.length - 1})` : first
}

/**
 * Pairs masked values with revealed ones for display. Revealed values are
 * matched by position; if the server returns a different count (a phone was
 * added meanwhile) the revealed list is shown as is.
 */
export function mergeRevealed(
  masked: readonly string[],
  revealed: readonly string[] | null | undefined,
): { value: string; revealed: boolean }[] {
  if (!revealed || revealed.length === 0) {
    return masked.map((value) => ({ value: displayMasked(value), revealed: false }))
  }
  return revealed.map((value) => ({ value, revealed: true }))
}
