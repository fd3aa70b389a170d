import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuth } from './stores/auth'
import { allowed } from './lib/menu'
import { desktop } from './desktop'
import type { Permission } from './lib/types'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    anyOf?: Permission[]
    desktopOnly?: boolean
  }
}

// Pages are loaded lazily so the login page does not pull in ECharts.
const routes: RouteRecordRaw[] = [
  { path: '/setup', name: 'setup', component: () => import('./views/SetupView.vue'), meta: { public: true } },
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('./views/LayoutView.vue'),
    children: [
      // Not a `redirect`: redirects resolve before the guard, when the user
      // may not be signed in yet and the landing page is unknown.
      { path: '', name: 'home', component: () => import('./views/WelcomeView.vue') },
      { path: 'welcome', name: 'welcome', component: () => import('./views/WelcomeView.vue') },
      { path: 'dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue'), meta: { anyOf: ['stats.read'] } },
      { path: 'patients', name: 'patients', component: () => import('./views/PatientSearchView.vue'), meta: { anyOf: ['patient.read'] } },
      { path: 'patients/:id', name: 'patient', component: () => import('./views/PatientCardView.vue'), meta: { anyOf: ['patient.read'] }, props: true },
      { path: 'admin/departments', name: 'departments', component: () => import('./views/admin/DepartmentsView.vue'), meta: { anyOf: ['department.manage'] } },
      { path: 'admin/users', name: 'users', component: () => import('./views/admin/UsersView.vue'), meta: { anyOf: ['user.manage'] } },
      { path: 'admin/audit', name: 'audit', component: () => import('./views/admin/AuditView.vue'), meta: { anyOf: ['audit.read'] } },
      { path: 'admin/jobs', name: 'jobs', component: () => import('./views/admin/JobsView.vue'), meta: { anyOf: ['job.manage'] } },
      { path: 'admin/sms', name: 'sms', component: () => import('./views/admin/SmsOutboxView.vue'), meta: { anyOf: ['sms.send'] } },
      { path: 'desktop', name: 'desktop-settings', component: () => import('./views/DesktopSettingsView.vue'), meta: { desktopOnly: true } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
    ],
  },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach((to) => {
  const auth = useAuth()
  // The desktop app cannot do anything before it knows its server.
  if (desktop.enabled && !desktop.serverUrl && to.name !== 'setup') return { name: 'setup' }
  if (to.meta.public) {
    // A signed-in user has no business on the login page.
    return to.name === 'login' && auth.isAuthenticated ? auth.home : true
  }
  if (!auth.isAuthenticated) {
    const keep = to.name !== 'home' && to.name !== 'welcome'
    return { name: 'login', query: keep ? { redirect: to.fullPath } : {} }
  }
  if (to.name === 'home') return auth.home
  if (to.meta.desktopOnly && !desktop.enabled) return auth.home
  if (!allowed(auth.permissions, to.meta.anyOf)) {
    return auth.home === to.path ? '/welcome' : auth.home
  }
  return true
})
