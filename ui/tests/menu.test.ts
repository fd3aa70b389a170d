import { describe, expect, it } from 'vitest'
import { allowed, buildMenu, firstPath, hasPermission, landingPath, type MenuItem } from '../src/lib/menu'

// Mirrors Role::permissions() in shared/src/roles.rs.
const ROLE_PERMISSIONS: Record<string, string[]> = {
  admin: [
    'patient.read',
    'patient.write',
    'patient.reveal',
    'screen_pop',
    'department.manage',
    'user.manage',
    'audit.read',
    'stats.read',
    'job.manage',
    'sms.send',
    'sms.manage',
    'notification.send',
    'hl7.manage',
    'import.run',
    'followup.work',
    'followup.manage',
    'survey.manage',
    'survey.respond',
    'appointment.book',
    'appointment.manage',
    'call.write',
    'call.read',
    'recording.play',
    'agent.monitor',
    'evaluation.submit',
    'evaluation.read',
    'evaluation.manage',
    'feedback.read',
    'feedback.write',
    'feedback.approve',
    'knowledge.read',
    'knowledge.write',
    'knowledge.publish',
    'staff_directory.read',
  ],
  agent: [
    'patient.read',
    'patient.write',
    'patient.reveal',
    'screen_pop',
    'stats.read',
    'sms.send',
    'followup.work',
    'survey.respond',
    'appointment.book',
    'call.write',
    'call.read',
    'feedback.read',
    'feedback.write',
    'knowledge.read',
    'knowledge.write',
    'staff_directory.read',
  ],
  doctor: [
    'patient.read',
    'patient.write',
    'patient.reveal',
    'followup.work',
    'survey.respond',
    'appointment.book',
    'call.write',
    'call.read',
    'feedback.read',
    'feedback.write',
    'knowledge.read',
  ],
  nurse: [
    'patient.read',
    'patient.write',
    'patient.reveal',
    'followup.work',
    'survey.respond',
    'appointment.book',
    'call.write',
    'call.read',
    'feedback.read',
    'feedback.write',
    'knowledge.read',
  ],
  clerk: ['patient.read', 'appointment.book', 'evaluation.submit', 'feedback.read', 'feedback.write', 'knowledge.read'],
  manager: [
    'patient.read',
    'stats.read',
    'notification.send',
    'import.run',
    'followup.work',
    'followup.manage',
    'call.read',
    'recording.play',
    'agent.monitor',
    'evaluation.read',
    'feedback.read',
    'feedback.write',
    'feedback.approve',
    'knowledge.read',
    'knowledge.publish',
    'staff_directory.read',
  ],
  auditor: ['audit.read', 'recording.play'],
}

function leaves(menu: MenuItem[]): string[] {
  return menu.flatMap((m) => (m.children ? leaves(m.children) : [m.index]))
}

describe('buildMenu', () => {
  it('gives each role exactly its pages', () => {
    const expected: Record<string, string[]> = {
      admin: [
        '/dashboard',
        '/patients',
        '/imports',
        '/surveys',
        '/surveys/staff',
        '/surveys/stats',
        '/appointments',
        '/appointments/schedules',
        '/appointments/suspension',
        '/appointments/reports',
        '/evaluations',
        '/feedback',
        '/lookup',
        '/knowledge',
        '/feedback/stats',
        '/admin/departments',
        '/admin/users',
        '/admin/audit',
        '/admin/jobs',
        '/admin/sms',
        '/admin/hl7',
        '/followup/tasks',
        '/followup/rules',
        '/followup/stats',
      ],
      agent: [
        '/work',
        '/dashboard',
        '/patients',
        '/surveys',
        '/surveys/stats',
        '/appointments',
        '/appointments/reports',
        '/feedback',
        '/lookup',
        '/knowledge',
        '/feedback/stats',
        '/admin/sms',
        '/followup/tasks',
        '/followup/stats',
      ],
      doctor: ['/patients', '/surveys', '/appointments', '/feedback', '/lookup', '/knowledge', '/followup/tasks'],
      nurse: ['/patients', '/surveys', '/appointments', '/feedback', '/lookup', '/knowledge', '/followup/tasks'],
      clerk: ['/patients', '/appointments', '/counter', '/feedback', '/lookup', '/knowledge'],
      manager: [
        '/dashboard',
        '/patients',
        '/imports',
        '/surveys/stats',
        '/appointments/reports',
        '/evaluations',
        '/feedback',
        '/lookup',
        '/knowledge',
        '/feedback/stats',
        '/followup/tasks',
        '/followup/rules',
        '/followup/stats',
      ],
      auditor: ['/admin/audit'],
    }
    for (const [role, perms] of Object.entries(ROLE_PERMISSIONS)) {
      expect(leaves(buildMenu(perms, role)), role).toEqual(expected[role])
    }
  })

  it('lands each role on its work', () => {
    const land = (role: string) => landingPath(buildMenu(ROLE_PERMISSIONS[role], role), role)
    expect(land('agent')).toBe('/work')
    expect(land('doctor')).toBe('/followup/tasks')
    expect(land('nurse')).toBe('/followup/tasks')
    expect(land('clerk')).toBe('/counter')
    expect(land('manager')).toBe('/dashboard')
    expect(land('auditor')).toBe('/admin/audit')
    expect(land('admin')).toBe('/dashboard')
  })

  it('drops the admin group when none of its pages is allowed', () => {
    expect(buildMenu(ROLE_PERMISSIONS.clerk, 'clerk').map((m) => m.index)).toEqual([
      '/patients',
      'appointments',
      '/counter',
      'feedback-group',
    ])
    expect(buildMenu(ROLE_PERMISSIONS.manager, 'manager').map((m) => m.index)).toEqual([
      '/dashboard',
      '/patients',
      '/imports',
      'surveys',
      'appointments',
      '/evaluations',
      'feedback-group',
      'followup',
    ])
  })

  it('keeps the group with only the allowed children', () => {
    const menu = buildMenu(['user.manage'], 'admin')
    expect(menu).toHaveLength(1)
    expect(menu[0].index).toBe('admin')
    expect(menu[0].children?.map((c) => c.index)).toEqual(['/admin/users'])
  })

  it('shows nothing without permissions', () => {
    expect(buildMenu([], 'clerk')).toEqual([])
    expect(buildMenu(null)).toEqual([])
    expect(buildMenu(undefined)).toEqual([])
  })

  it('ignores unknown permission strings', () => {
    expect(buildMenu(['something.new'])).toEqual([])
  })

  it('honours a role restriction on top of permissions', () => {
    const spec = [{ index: '/x', title: 'x', anyOf: ['patient.read' as const], roles: ['agent' as const] }]
    expect(buildMenu(['patient.read'], 'agent', spec)).toHaveLength(1)
    expect(buildMenu(['patient.read'], 'doctor', spec)).toHaveLength(0)
    expect(buildMenu(['patient.read'], undefined, spec)).toHaveLength(0)
  })

  it('names its titles with i18n keys and its icons', () => {
    const menu = buildMenu(ROLE_PERMISSIONS.admin, 'admin')
    for (const item of [...menu, ...menu.flatMap((m) => m.children ?? [])]) {
      // Core titles under menu., a feature's in its own i18n module
      // (`surveys.menu.*`, `imports.menu.excel`).
      expect(item.title).toMatch(/^(\w+\.)?menu(\.|[A-Z])/)
      expect(item.icon).toBeTruthy()
    }
  })
})

describe('messaging pages', () => {
  it('shows jobs only with job.manage and the SMS outbox with sms.send', () => {
    expect(leaves(buildMenu(['job.manage']))).toEqual(['/admin/jobs'])
    expect(leaves(buildMenu(['sms.send']))).toEqual(['/admin/sms'])
    // Managing templates or sending notifications gives no page of its own.
    expect(leaves(buildMenu(['sms.manage', 'notification.send']))).toEqual([])
  })
})

describe('firstPath', () => {
  it('is the first leaf the user may open', () => {
    expect(firstPath(buildMenu(ROLE_PERMISSIONS.admin, 'admin'))).toBe('/dashboard')
    expect(firstPath(buildMenu(ROLE_PERMISSIONS.doctor, 'doctor'))).toBe('/patients')
    expect(firstPath(buildMenu(ROLE_PERMISSIONS.auditor, 'auditor'))).toBe('/admin/audit')
    expect(firstPath([])).toBeNull()
  })
})

describe('permission checks', () => {
  it('allows when any listed permission is held or none is required', () => {
    expect(allowed(['a'], ['a', 'b'])).toBe(true)
    expect(allowed(['c'], ['a', 'b'])).toBe(false)
    expect(allowed([], undefined)).toBe(true)
    expect(allowed(null, [])).toBe(true)
    expect(hasPermission(['patient.reveal'], 'patient.reveal')).toBe(true)
    expect(hasPermission(undefined, 'patient.reveal')).toBe(false)
  })
})
