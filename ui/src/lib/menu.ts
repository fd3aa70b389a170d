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

/** A page of the menu, shown to whoever holds one of `anyOf` (and has one of `roles`, when given). */
function page(index: string, title: string, icon: string, anyOf: Permission[], roles?: Role[]): MenuSpec {
  return roles ? { index, title, icon, anyOf, roles } : { index, title, icon, anyOf }
}

/** A heading over pages; shown when one of them is. */
function group(index: string, title: string, icon: string, children: MenuSpec[]): MenuSpec {
  return { index, title, icon, children }
}

export const MENU: MenuSpec[] = [
  page('/work', 'workbench.menu', 'Odometer', ['followup.work'], ['agent']),
  page('/dashboard', 'menu.dashboard', 'DataLine', ['stats.read']),
  page('/patients', 'menu.patients', 'User', ['patient.read']),
  page('/imports', 'imports.menu.excel', 'Upload', ['import.run']),
  group('surveys', 'surveys.menu.group', 'Document', [
    page('/surveys', 'surveys.menu.questionnaires', 'Document', ['survey.manage', 'survey.respond']),
    page('/surveys/staff', 'surveys.menu.staff', 'Avatar', ['survey.manage']),
    page('/surveys/stats', 'surveys.menu.stats', 'DataLine', ['stats.read']),
  ]),
  group('appointments', 'appointments.menu.group', 'Calendar', [
    page('/appointments', 'appointments.menu.console', 'Calendar', ['appointment.book']),
    page('/appointments/schedules', 'appointments.menu.schedules', 'Timer', ['appointment.manage']),
    page('/appointments/suspension', 'appointments.menu.suspension', 'Message', ['appointment.manage']),
    page('/appointments/reports', 'appointments.menu.reports', 'DataLine', ['stats.read']),
  ]),
  page('/counter', 'menu.counter', 'Star', ['evaluation.submit'], ['clerk']),
  page('/evaluations', 'menu.evaluations', 'TrendCharts', ['evaluation.read']),
  // Issue 10: feedback tickets and the knowledge base.
  group('feedback-group', 'feedback.menu.group', 'ChatDotRound', [
    page('/feedback', 'feedback.menu.tickets', 'Tickets', ['feedback.read']),
    page('/lookup', 'feedback.menu.lookup', 'Search', ['knowledge.read']),
    page('/knowledge', 'feedback.menu.articles', 'Notebook', ['knowledge.read']),
    page('/feedback/stats', 'feedback.menu.stats', 'PieChart', ['stats.read']),
  ]),
  group('admin', 'menu.admin', 'Setting', [
    page('/admin/departments', 'menu.departments', 'OfficeBuilding', ['department.manage']),
    page('/admin/users', 'menu.users', 'Avatar', ['user.manage']),
    page('/admin/audit', 'menu.audit', 'Document', ['audit.read']),
    page('/admin/jobs', 'menu.jobs', 'Timer', ['job.manage']),
    page('/admin/sms', 'menu.sms', 'Message', ['sms.send']),
    page('/admin/hl7', 'hl7.menu.inbox', 'Connection', ['hl7.manage']),
  ]),
  group('followup', 'menu.followup', 'PhoneFilled', [
    page('/followup/tasks', 'menu.followupTasks', 'List', ['followup.work']),
    page('/followup/rules', 'menu.followupRules', 'SetUp', ['followup.manage']),
    page('/followup/stats', 'menu.followupStats', 'TrendCharts', ['stats.read']),
  ]),
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
    const item: MenuItem = { index: s.index, title: s.title, icon: s.icon }
    if (s.children) {
      item.children = buildMenu(perms, role, s.children)
      if (item.children.length === 0) continue
    }
    out.push(item)
  }
  return out
}

/** Where each role's day starts, when its menu has that page. */
const LANDING: Partial<Record<Role, string>> = {
  agent: '/work',
  doctor: '/followup/tasks',
  nurse: '/followup/tasks',
  clerk: '/counter',
  manager: '/dashboard',
}

/** The landing page after login: the role's work, else the first page. */
export function landingPath(menu: readonly MenuItem[], role?: Role | string): string | null {
  const wanted = role ? LANDING[role as Role] : undefined
  if (wanted && hasPath(menu, wanted)) return wanted
  return firstPath(menu)
}

function hasPath(menu: readonly MenuItem[], path: string): boolean {
  return menu.some((m) => m.index === path || (m.children ? hasPath(m.children, path) : false))
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
