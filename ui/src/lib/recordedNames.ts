// Names, in the user's language, of values the server records as text: the
// audited acts (its AuditAction) and the background job kinds. The log keeps
// the values of earlier versions (and tests register kinds of their own), so
// a value without a name is shown as it was recorded.
import type { components } from '../api/schema'
import { allValues } from './types'

export type AuditAction = components['schemas']['AuditAction']

/** Every action, in the server's order (a missing one fails the type check). */
export const AUDIT_ACTIONS = allValues<AuditAction>({
  'agent.state': true,
  'appointment.api_key_create': true,
  'appointment.api_key_update': true,
  'appointment.block': true,
  'appointment.block_lift': true,
  'appointment.book': true,
  'appointment.cancel': true,
  'appointment.check_in': true,
  'appointment.confirm': true,
  'appointment.hold': true,
  'appointment.list': true,
  'appointment.record_read': true,
  'appointment.reschedule': true,
  'appointment.suspend': true,
  'appointment.suspension_resolve': true,
  'appointment.waitlist_join': true,
  'auth.login': true,
  'auth.login_disabled': true,
  'auth.login_failed': true,
  'auth.login_locked': true,
  'auth.logout': true,
  'auth.password_changed': true,
  'call.write': true,
  'department.create': true,
  'department.update': true,
  'evaluation.export': true,
  'evaluation.rate': true,
  'evaluation.window.create': true,
  'evaluation.window.update': true,
  'feedback.comment': true,
  'feedback.compensation': true,
  'feedback.compensation_decision': true,
  'feedback.create': true,
  'feedback.list': true,
  'feedback.read': true,
  'feedback.reply': true,
  'feedback.route': true,
  'feedback.satisfaction': true,
  'feedback.stats_export': true,
  'feedback.status': true,
  'followup.assign': true,
  'followup.export': true,
  'followup.flag_visit': true,
  'followup.generate': true,
  'followup.outcome': true,
  'followup.plan_create': true,
  'followup.plan_patient_add': true,
  'followup.reassign': true,
  'followup.revisit_set': true,
  'followup.rule_create': true,
  'followup.rule_update': true,
  'followup.settings': true,
  'followup.stats_export': true,
  'followup.task_list': true,
  'followup.task_read': true,
  'hl7.read': true,
  'hl7.replay': true,
  'import.commit': true,
  'import.upload': true,
  'inquiry.log': true,
  'job.retry': true,
  'job.run_now': true,
  'kiosk.create': true,
  'knowledge.create': true,
  'knowledge.edit': true,
  'knowledge.review': true,
  'knowledge.submit': true,
  'lookup.import_inpatients': true,
  'lookup.import_surgeries': true,
  'lookup.inpatients': true,
  'lookup.staff': true,
  'lookup.surgeries': true,
  'lookup.upsert': true,
  'notification.send': true,
  'patient.calls_read': true,
  'patient.contact_add': true,
  'patient.create': true,
  'patient.dial': true,
  'patient.merge': true,
  'patient.phone_add': true,
  'patient.read': true,
  'patient.reveal': true,
  'patient.screen_pop': true,
  'patient.search': true,
  'patient.update': true,
  'patient.visit_add': true,
  'patient.visit_cancel': true,
  'patient.visit_update': true,
  'patient.visits_read': true,
  'questionnaire.create': true,
  'questionnaire.edit': true,
  'questionnaire.publish': true,
  'recording.play': true,
  'recording.upload_complete': true,
  'recording.upload_start': true,
  'sms.opt_out': true,
  'sms.resend': true,
  'sms.send': true,
  'sms.template.create': true,
  'sms.template.update': true,
  'staff_survey.create': true,
  'staff_survey.remind': true,
  'survey.link': true,
  'survey.response': true,
  'survey.response.list': true,
  'survey.response.read': true,
  'user.create': true,
  'user.phone': true,
  'user.reset_password': true,
  'user.update': true,
})

/** The i18n key of an action's name (vue-i18n reads dots as nesting). */
export function auditActionKey(action: string): string {
  return `auditAction.${action.replaceAll('.', '_')}`
}

type Translate = (key: string) => string
type HasKey = (key: string) => boolean

function nameOrValue(t: Translate, te: HasKey, key: string, value: string): string {
  return te(key) ? t(key) : value
}

/** An action's name in the current language, or the action itself when unknown. */
export function auditActionLabel(t: Translate, te: HasKey, action: string): string {
  return nameOrValue(t, te, auditActionKey(action), action)
}

/** A job kind's name in the current language, or the kind itself when unknown. */
export function jobKindLabel(t: Translate, te: HasKey, kind: string): string {
  return nameOrValue(t, te, `job.jobKind_${kind.replaceAll('.', '_')}`, kind)
}
