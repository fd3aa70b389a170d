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
  // Questionnaires without a session: the kiosk (device token) and the form behind an SMS link.
  { path: '/kiosk', name: 'kiosk', component: () => import('./views/surveys/KioskView.vue'), meta: { public: true } },
  {
    path: '/survey/:token',
    name: 'public-survey',
    component: () => import('./views/surveys/PublicSurveyView.vue'),
    meta: { public: true },
  },
  // Issue 10: the anonymous submitter's progress page (no sign-in).
  {
    path: '/progress',
    name: 'feedback-progress',
    component: () => import('./views/feedback/ProgressView.vue'),
    meta: { public: true },
  },
  // Issue 10: the public complaint / praise / suggestion form (no sign-in); ?h=<hospital code>.
  {
    path: '/feedback-form',
    name: 'feedback-form',
    component: () => import('./views/feedback/WebFormView.vue'),
    meta: { public: true },
  },
  {
    path: '/',
    component: () => import('./views/LayoutView.vue'),
    children: [
      // Not a `redirect`: redirects resolve before the guard, when the user
      // may not be signed in yet and the landing page is unknown.
      { path: '', name: 'home', component: () => import('./views/WelcomeView.vue') },
      { path: 'welcome', name: 'welcome', component: () => import('./views/WelcomeView.vue') },
      {
        path: 'work',
        name: 'workbench',
        component: () => import('./views/workbench/WorkbenchView.vue'),
        meta: { anyOf: ['followup.work'] },
      },
      {
        path: 'dashboard',
        name: 'dashboard',
        component: () => import('./views/stats/DashboardView.vue'),
        meta: { anyOf: ['stats.read'] },
      },
      {
        path: 'patients',
        name: 'patients',
        component: () => import('./views/patients/PatientSearchView.vue'),
        meta: { anyOf: ['patient.read'] },
      },
      {
        path: 'patients/:id',
        name: 'patient',
        component: () => import('./views/patients/PatientCardView.vue'),
        meta: { anyOf: ['patient.read'] },
        props: true,
      },
      {
        path: 'admin/departments',
        name: 'departments',
        component: () => import('./views/organisation/DepartmentsView.vue'),
        meta: { anyOf: ['department.manage'] },
      },
      {
        path: 'admin/users',
        name: 'users',
        component: () => import('./views/organisation/UsersView.vue'),
        meta: { anyOf: ['user.manage'] },
      },
      {
        path: 'admin/audit',
        name: 'audit',
        component: () => import('./views/audit/AuditView.vue'),
        meta: { anyOf: ['audit.read'] },
      },
      {
        path: 'admin/jobs',
        name: 'jobs',
        component: () => import('./views/jobs/JobsView.vue'),
        meta: { anyOf: ['job.manage'] },
      },
      {
        path: 'admin/sms',
        name: 'sms',
        component: () => import('./views/sms/SmsOutboxView.vue'),
        meta: { anyOf: ['sms.send'] },
      },
      {
        path: 'surveys',
        name: 'surveys',
        component: () => import('./views/surveys/QuestionnaireListView.vue'),
        meta: { anyOf: ['survey.manage', 'survey.respond'] },
      },
      {
        path: 'surveys/new',
        name: 'survey-new',
        component: () => import('./views/surveys/BuilderView.vue'),
        meta: { anyOf: ['survey.manage'] },
      },
      {
        path: 'surveys/:id/edit',
        name: 'survey-edit',
        component: () => import('./views/surveys/BuilderView.vue'),
        meta: { anyOf: ['survey.manage'] },
        props: true,
      },
      {
        path: 'surveys/phone/:templateId',
        name: 'survey-phone',
        component: () => import('./views/surveys/PhoneScriptView.vue'),
        meta: { anyOf: ['survey.respond'] },
      },
      {
        path: 'surveys/staff',
        name: 'survey-staff',
        component: () => import('./views/surveys/StaffSurveysView.vue'),
        meta: { anyOf: ['survey.manage'] },
      },
      {
        path: 'surveys/stats',
        name: 'survey-stats',
        component: () => import('./views/surveys/SurveyStatsView.vue'),
        meta: { anyOf: ['stats.read'] },
      },
      { path: 'surveys/mine/:id?', name: 'survey-mine', component: () => import('./views/surveys/MySurveysView.vue') },
      // Appointment booking (预约挂号).
      {
        path: 'appointments',
        name: 'appointments',
        component: () => import('./views/appointments/BookingConsoleView.vue'),
        meta: { anyOf: ['appointment.book'] },
      },
      {
        path: 'appointments/schedules',
        name: 'appointment-schedules',
        component: () => import('./views/appointments/SchedulesView.vue'),
        meta: { anyOf: ['appointment.manage'] },
      },
      {
        path: 'appointments/suspension',
        name: 'appointment-suspension',
        component: () => import('./views/appointments/SuspensionView.vue'),
        meta: { anyOf: ['appointment.manage'] },
      },
      {
        path: 'appointments/reports',
        name: 'appointment-reports',
        component: () => import('./views/appointments/ReportsView.vue'),
        meta: { anyOf: ['stats.read'] },
      },
      {
        path: 'phone/settings',
        name: 'phone-settings',
        component: () => import('./views/PhoneSettingsView.vue'),
        meta: { anyOf: ['call.write'] },
      },
      {
        path: 'imports',
        name: 'imports',
        component: () => import('./views/imports/ImportView.vue'),
        meta: { anyOf: ['import.run'] },
      },
      {
        path: 'admin/hl7',
        name: 'hl7-inbox',
        component: () => import('./views/hl7/Hl7InboxView.vue'),
        meta: { anyOf: ['hl7.manage'] },
      },
      // follow-up engine
      {
        path: 'followup/tasks',
        name: 'followup-tasks',
        component: () => import('./views/followup/TaskListView.vue'),
        meta: { anyOf: ['followup.work'] },
      },
      {
        path: 'followup/tasks/:id',
        name: 'followup-task',
        component: () => import('./views/followup/TaskWorkView.vue'),
        meta: { anyOf: ['followup.work'] },
        props: true,
      },
      {
        path: 'followup/rules',
        name: 'followup-rules',
        component: () => import('./views/followup/RulesView.vue'),
        meta: { anyOf: ['followup.manage'] },
      },
      {
        path: 'followup/stats',
        name: 'followup-stats',
        component: () => import('./views/followup/StatsView.vue'),
        meta: { anyOf: ['stats.read'] },
      },
      {
        path: 'counter',
        name: 'counter',
        component: () => import('./views/evaluations/CounterView.vue'),
        meta: { anyOf: ['evaluation.submit'] },
      },
      {
        path: 'evaluations',
        name: 'evaluations',
        component: () => import('./views/evaluations/EvaluationDashboardView.vue'),
        meta: { anyOf: ['evaluation.read'] },
      },
      // Issue 10: feedback tickets, statistics, lookup screen, knowledge base.
      {
        path: 'feedback',
        name: 'feedback',
        component: () => import('./views/feedback/TicketListView.vue'),
        meta: { anyOf: ['feedback.read'] },
      },
      {
        path: 'feedback/stats',
        name: 'feedback-stats',
        component: () => import('./views/feedback/FeedbackStatsView.vue'),
        meta: { anyOf: ['stats.read'] },
      },
      {
        path: 'feedback/:id',
        name: 'feedback-ticket',
        component: () => import('./views/feedback/TicketDetailView.vue'),
        meta: { anyOf: ['feedback.read'] },
        props: true,
      },
      {
        path: 'lookup',
        name: 'lookup',
        component: () => import('./views/knowledge/LookupView.vue'),
        meta: { anyOf: ['knowledge.read'] },
      },
      {
        path: 'knowledge',
        name: 'knowledge',
        component: () => import('./views/knowledge/ArticlesView.vue'),
        meta: { anyOf: ['knowledge.read'] },
      },
      {
        path: 'desktop',
        name: 'desktop-settings',
        component: () => import('./views/DesktopSettingsView.vue'),
        meta: { desktopOnly: true },
      },
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
