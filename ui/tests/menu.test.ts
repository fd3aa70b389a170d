import { describe, expect, it } from 'vitest'
import { allowed, buildMenu, firstPath, hasPermission, type MenuItem } from '../src/lib/menu'

// Mirrors Role::permissions() in shared/src/roles.rs.
const ROLE_PERMISSIONS: Record<string, string[]> = {
  admin: [
    'patient.read', 'patient.write', 'patient.reveal', 'screen_pop', 'department.manage', 'user.manage', 'audit.read', 'stats.read',
    'job.manage', 'sms.send', 'sms.manage', 'notification.send',
  ],
  agent: ['patient.read', 'patient.write', 'patient.reveal', 'screen_pop', 'stats.read', 'sms.send'],
  doctor: ['patient.read', 'patient.write', 'patient.reveal'],
  nurse: ['patient.read', 'patient.write', 'patient.reveal'],
  clerk: ['patient.read'],
  manager: ['patient.read', 'stats.read', 'notification.send'],
  auditor: ['audit.read'],
}

function leaves(menu: MenuItem[]): string[] {
  return menu.flatMap((m) => (m.children ? leaves(m.children) : [m.index]))
}

describe('buildMenu', () => {
  it('gives each role exactly its pages', () => {
    const expected: Record<string, string[]> = {
      admin: ['/dashboard', '/patients', '/admin/departments', '/admin/users', '/admin/audit', '/admin/jobs', '/admin/sms'],
      agent: ['/dashboard', '/patients', '/admin/sms'],
      doctor: ['/patients'],
      nurse: ['/patients'],
      clerk: ['/patients'],
      manager: ['/dashboard', '/patients'],
      auditor: ['/admin/audit'],
    }
    for (const [role, perms] of Object.entries(ROLE_PERMISSIONS)) {
      expect(leaves(buildMenu(perms, role)), role).toEqual(expected[role])
    }
  })

  it('drops the admin group when none of its pages is allowed', () => {
    const menu = buildMenu(ROLE_PERMISSIONS.manager, 'manager')
    expect(menu.map((m) => m.index)).toEqual(['/dashboard', '/patients'])
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
      expect(item.title).toMatch(/^menu\./)
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
