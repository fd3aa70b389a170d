import type { Permission, Role } from './types'

// The side menu is derived from what the server says the user may do. The
// server enforces the same permissions on every endpoint; the menu only keeps
// people away from pages that would answer 403.

export interface MenuItem {
  /** Unique key; for leaves it is also the route path (el-menu router mode). */
  index: string
  /** i18n key of the title. */
  title: string
  /** Element Plus icon component name. */
  icon?: string
  children?: MenuItem[]
}

export interface MenuSpec {
  index: string
  title: string
  icon?: string
  /** Any one of these grants the item; absent = everyone signed in. */
  anyOf?: Permission[]
  /** Restricts the item to these roles on top of the permissions. */
  roles?: Role[]
  children?: MenuSpec[]
}

export const MENU: MenuSpec[] = [
  { index: '/dashboard', title: 'menu.dashboard', icon: 'DataLine', anyOf: ['stats.read'] },
  { index: '/patients', title: 'menu.patients', icon: 'User', anyOf: ['patient.read'] },
  { index: '/imports', title: 'imports.menu.excel', icon: 'Upload', anyOf: ['import.run'] },
  {
    index: 'surveys',
    title: 'surveys.menu.group',
    icon: 'Document',
    children: [
      {
        index: '/surveys',
        title: 'surveys.menu.questionnaires',
        icon: 'Document',
        anyOf: ['survey.manage', 'survey.respond'],
      },
      { index: '/surveys/staff', title: 'surveys.menu.staff', icon: 'Avatar', anyOf: ['survey.manage'] },
      { index: '/surveys/stats', title: 'surveys.menu.stats', icon: 'DataLine', anyOf: ['stats.read'] },
    ],
  },
  {
    index: 'appointments',
    title: 'appointments.menu.group',
    icon: 'Calendar',
    children: [
      { index: '/appointments', title: 'appointments.menu.console', icon: 'Calendar', anyOf: ['appointment.book'] },
      {
        index: '/appointments/schedules',
        title: 'appointments.menu.schedules',
        icon: 'Timer',
        anyOf: ['appointment.manage'],
      },
      {
        index: '/appointments/suspension',
        title: 'appointments.menu.suspension',
        icon: 'Message',
        anyOf: ['appointment.manage'],
      },
      { index: '/appointments/reports', title: 'appointments.menu.reports', icon: 'DataLine', anyOf: ['stats.read'] },
    ],
  },
  { index: '/counter', title: 'menu.counter', icon: 'Star', anyOf: ['evaluation.submit'], roles: ['clerk'] },
  { index: '/evaluations', title: 'menu.evaluations', icon: 'TrendCharts', anyOf: ['evaluation.read'] },
  // Issue 10: feedback tickets and the knowledge base.
  {
    index: 'feedback-group',
    title: 'feedback.menu.group',
    icon: 'ChatDotRound',
    children: [
      { index: '/feedback', title: 'feedback.menu.tickets', icon: 'Tickets', anyOf: ['feedback.read'] },
      { index: '/lookup', title: 'feedback.menu.lookup', icon: 'Search', anyOf: ['knowledge.read'] },
      { index: '/knowledge', title: 'feedback.menu.articles', icon: 'Notebook', anyOf: ['knowledge.read'] },
      { index: '/feedback/stats', title: 'feedback.menu.stats', icon: 'PieChart', anyOf: ['stats.read'] },
    ],
  },
  {
    index: 'admin',
    title: 'menu.admin',
    icon: 'Setting',
    children: [
      { index: '/admin/departments', title: 'menu.departments', icon: 'OfficeBuilding', anyOf: ['department.manage'] },
      { index: '/admin/users', title: 'menu.users', icon: 'Avatar', anyOf: ['user.manage'] },
      { index: '/admin/audit', title: 'menu.audit', icon: 'Document', anyOf: ['audit.read'] },
      { index: '/admin/jobs', title: 'menu.jobs', icon: 'Timer', anyOf: ['job.manage'] },
      { index: '/admin/sms', title: 'menu.sms', icon: 'Message', anyOf: ['sms.send'] },
      { index: '/admin/hl7', title: 'hl7.menu.inbox', icon: 'Connection', anyOf: ['hl7.manage'] },
    ],
  },
  {
    index: 'followup',
    title: 'menu.followup',
    icon: 'PhoneFilled',
    children: [
      { index: '/followup/tasks', title: 'menu.followupTasks', icon: 'List', anyOf: ['followup.work'] },
      { index: '/followup/rules', title: 'menu.followupRules', icon: 'SetUp', anyOf: ['followup.manage'] },
      { index: '/followup/stats', title: 'menu.followupStats', icon: 'TrendCharts', anyOf: ['stats.read'] },
    ],
  },
]

export function hasPermission(permissions: readonly string[] | null | undefined, p: string): boolean {
  return !!permissions && permissions.includes(p)
}

/** True when no permission is required or the user holds at least one. */
export function allowed(permissions: readonly string[] | null | undefined, anyOf?: readonly string[]): boolean {
  if (!anyOf || anyOf.length === 0) return true
  return anyOf.some((p) => hasPermission(permissions, p))
}

function visible(spec: MenuSpec, permissions: readonly string[], role?: Role | string): boolean {
  if (!allowed(permissions, spec.anyOf)) return false
  if (spec.roles && (!role || !spec.roles.includes(role as Role))) return false
  return true
}

/**
 * Builds the menu for a user. Groups whose children are all hidden are
 * dropped, so a doctor sees no empty "Administration" heading.
 */
export function buildMenu(
  permissions: readonly string[] | null | undefined,
  role?: Role | string,
  spec: readonly MenuSpec[] = MENU,
): MenuItem[] {
  const perms = permissions ?? []
  const out: MenuItem[] = []
  for (const s of spec) {
    if (!visible(s, perms, role)) continue
    if (s.children) {
      const children = buildMenu(perms, role, s.children)
      if (children.length === 0) continue
      out.push({ index: s.index, title: s.title, icon: s.icon, children })
    } else {
      out.push({ index: s.index, title: s.title, icon: s.icon })
    }
  }
  return out
}

/** The first page the user may open, used as the landing page after login. */
export function firstPath(menu: readonly MenuItem[]): string | null {
  for (const item of menu) {
    if (item.children) {
      const p = firstPath(item.children)
      if (p) return p
    } else if (item.index.startsWith('/')) {
      return item.index
    }
  }
  return null
}
