// Message families the survey pages build at run time (t('survey.kinds.' + k)).
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
  'survey.kinds.': QUESTION_KINDS,
  'survey.levels.': LEVELS,
  'survey.groups.': GROUPS,
  'survey.public.': PUBLIC_STATES,
}
