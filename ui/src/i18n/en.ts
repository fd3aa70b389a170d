import type zhCN from './zh-CN'
import { moduleMessages } from './modules'

// English. Typed against the Chinese file so a missing key fails the build.
const en: typeof zhCN = {
  app: { title: 'HCRM Service Center' },
  lang: { 'zh-CN': '简体中文', en: 'English' },
  common: {
    search: 'Search', reset: 'Reset', refresh: 'Refresh', add: 'Add', new: 'New', edit: 'Edit', save: 'Save',
    cancel: 'Cancel', ok: 'OK', confirm: 'Confirm', back: 'Back', backHome: 'Back to home', logout: 'Log out',
    actions: 'Actions', none: 'No data', required: 'Required', saved: 'Saved', totalCount: '{n} in total',
    comingLater: 'Coming in a later version',
  },
  error: {
    network: 'Cannot reach the server', forbidden: 'You are not allowed to do this',
    notFound: 'Page or record not found', generic: 'The operation failed',
  },
  login: {
    subtitle: 'Hospital customer relationship management', username: 'Username', password: 'Password',
    submit: 'Log in', usernameRequired: 'Enter your username', passwordRequired: 'Enter your password',
    expired: 'Your session has ended. Please log in again.',
  },
  menu: {
    dashboard: 'Dashboard', patients: 'Patients', admin: 'Administration', departments: 'Departments',
    users: 'Users', audit: 'Audit log', jobs: 'Jobs', sms: 'SMS outbox',
    followup: 'Follow-up', followupTasks: 'Follow-up tasks', followupRules: 'Rules and plans', followupStats: 'Follow-up statistics',
    counter: 'Counter rating', evaluations: 'Rating statistics',
  },
  role: {
    admin: 'Administrator', agent: 'Agent', doctor: 'Doctor', nurse: 'Nurse', clerk: 'Counter clerk',
    manager: 'Manager', auditor: 'Auditor',
  },
  setup: {
    title: 'Connect to the server', hint: 'Enter the address of the HCRM server (ask your IT department).',
    serverUrl: 'Server address', invalid: 'Enter an address starting with http:// or https://', change: 'Change server',
  },
  welcome: { title: 'Welcome, {name}', noPages: 'This account has no pages yet. Ask an administrator for permissions.' },
  desktop: {
    softphone: 'Softphone', evaluator: 'Evaluator', offline: 'not registered', notConnected: 'not connected',
    softphoneLater: 'The softphone comes in a later version', evaluatorLater: 'The window evaluator comes in a later version',
    connected: 'Server connected', unreachable: 'Server unreachable', checking: 'Connecting to the server', notConfigured: 'No server set',
    settings: 'Desktop settings', shortcuts: 'Keyboard shortcuts',
    shortcutsHint: 'Global shortcuts work while the window is in the background. Click a field and press the combination; Backspace turns the shortcut off.',
    shortcutAnswer: 'Answer', shortcutHangUp: 'Hang up', shortcutSearch: 'Search patient', shortcutOff: 'Not set',
    shortcutDefaults: 'Restore defaults', shortcutNeedsModifier: '{key}: a global shortcut needs Ctrl, Alt or Super',
    shortcutDuplicate: '{key} is used for more than one action', notifications: 'Desktop notifications', notificationSend: 'Send a test notification',
    notificationTest: 'This is a test notification', notificationFailed: 'Cannot show the notification', logDir: 'Log folder',
  },
  dashboard: {
    discharges: 'Discharges per day by department', total: '{n} in total', days: 'Last {n} days', line: 'Line',
    bar: 'Bar', count: 'Patients', noData: 'No discharges in the selected period',
  },
  patients: {
    searchPlaceholder: 'Name, pinyin initials, phone, ID number or MRN', noResults: 'No matching patient',
    enterQuery: 'Enter a search term',
  },
  patient: {
    mrn: 'MRN', name: 'Name', sex: 'Sex', age: 'Age', ageYears: '{n} y', birthDate: 'Date of birth',
    idCard: 'ID number', phones: 'Phone', tags: 'Tags', departments: 'Departments', lastVisit: 'Last visit',
    address: 'Address', reveal: 'Reveal', hide: 'Hide', revealAudited: 'Revealing the full value is recorded in the audit log',
    notFound: 'Patient not found',
  },
  sex: { male: 'Male', female: 'Female', unknown: 'Unknown' },
  tag: { vip: 'VIP', do_not_contact: 'Do not contact', deceased: 'Deceased' },
  visit: {
    title: 'Visits', visitNo: 'Visit no.', kind: 'Type', inpatient: 'Inpatient', outpatient: 'Outpatient', department: 'Department',
    ward: 'Ward', doctor: 'Attending', admittedAt: 'Admitted / seen', dischargedAt: 'Discharged', diagnoses: 'Diagnoses',
  },
  contact: {
    title: 'Contact log', at: 'Time', channel: 'Channel', direction: 'Direction', summary: 'Summary', user: 'By',
    summaryRequired: 'Enter a summary', saved: 'Contact entry added',
    channels: { phone: 'Phone', sms: 'SMS', visit: 'Visit', other: 'Other' },
    directions: { outbound: 'Outbound', inbound: 'Inbound' },
  },
  panel: { tasks: 'Follow-up tasks', calls: 'Calls', appointments: 'Appointments', surveys: 'Satisfaction surveys', complaints: 'Complaints and suggestions' },
  department: {
    code: 'Code', name: 'Name', kind: 'Kind', active: 'Active', create: 'New department', edit: 'Edit department',
    kinds: { clinical: 'Clinical', ward: 'Ward', office: 'Office', window: 'Service window' },
  },
  user: {
    username: 'Username', displayName: 'Name', password: 'Initial password', role: 'Role', department: 'Department',
    status: 'Status', lastLogin: 'Last login', enabled: 'Active', disabled: 'Disabled', locked: 'Locked',
    create: 'New user', edit: 'Edit user', disable: 'Disable', enable: 'Enable', unlock: 'Unlock', resetPassword: 'Reset password',
    resetPasswordFor: 'Reset password of {name}', newPassword: 'New password', passwordReset: 'Password reset',
    disableConfirm: 'Disable user {name}? Their sessions end at once.', filter: 'Filter by username or name',
  },
  audit: {
    at: 'Time', username: 'User', role: 'Role', action: 'Action', actionPlaceholder: 'e.g. patient.reveal',
    patientId: 'Patient ID', target: 'Target', detail: 'Detail', ip: 'IP address', range: 'Period', from: 'From', to: 'To',
  },
  notification: {
    title: 'Notifications', readAll: 'Mark all read', markRead: 'Mark read', empty: 'No notifications',
    kinds: { task_assigned: 'Task assigned', alert: 'Alert', reminder: 'Reminder', sms_failed: 'SMS failed' },
  },
  job: {
    kind: 'Kind', status: 'Status', allStatuses: 'All statuses', runAt: 'Due', schedule: 'Schedule', attempts: 'Attempts',
    lastError: 'Last error', history: 'History', runNow: 'Run now', retry: 'Retry', ranNow: 'The job is due now',
    retried: 'The job is queued again', finishedAt: 'Finished', payload: 'Payload', runs: 'Attempts', outcome: 'Outcome',
    startedAt: 'Started', runner: 'Instance', error: 'Error',
    statuses: { pending: 'Pending', running: 'Running', done: 'Done', dead: 'Dead' },
    outcomes: { running: 'Running', ok: 'OK', retry: 'Retry', held: 'Held', dead: 'Dead', lease_expired: 'Lease expired' },
  },
  sms: {
    status: 'Status', allStatuses: 'All statuses', phone: 'Phone', body: 'Text', reason: 'Reason', attempts: 'Attempts',
    createdAt: 'Created', sentAt: 'Sent / delivered', resend: 'Resend', resent: 'Sent again as message #{id}', urgent: 'Urgent',
    statuses: { queued: 'Queued', held: 'Held', sent: 'Sent', delivered: 'Delivered', failed: 'Failed' },
  },
  ...moduleMessages('en'),
}

export default en
