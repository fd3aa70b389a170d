// Message families the survey pages build at run time (t('surveys.kinds.' + k)).
export const QUESTION_KINDS = [
  'single_choice',
  'multiple_choice',
  'rating5',
  'rating10',
  'nps',
  'text',
  'number',
  'date',
  'matrix',
] as const
export const LEVELS = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'] as const
export const GROUPS = [
  'nursing',
  'medical_technology',
  'pharmacy',
  'doctors',
  'logistics',
  'administration',
  'custom',
] as const
export const PUBLIC_STATES = ['done', 'used', 'expired', 'invalid', 'error'] as const

export const SURVEY_FAMILIES: Record<string, readonly string[]> = {
  'surveys.kinds.': QUESTION_KINDS,
  'surveys.levels.': LEVELS,
  'surveys.groups.': GROUPS,
  'surveys.public.': PUBLIC_STATES,
}
