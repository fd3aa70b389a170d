// The web console against a real server in Debian's Chromium.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, launchBrowser, uiLogin, menuEntries, artifacts, field, openMenu } from './harness.mjs'

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  server?.stop()
})

async function newPage() {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } })
  return context.newPage()
}

// The menu each demo user sees (mirrors the permission matrix).
const expectedMenus = {
  admin: [
    'menu-/admin/audit',
    'menu-/admin/departments',
    'menu-/admin/hl7',
    'menu-/admin/jobs',
    'menu-/admin/sms',
    'menu-/admin/users',
    'menu-/appointments',
    'menu-/appointments/reports',
    'menu-/appointments/schedules',
    'menu-/appointments/suspension',
    'menu-/dashboard',
    'menu-/evaluations',
    'menu-/feedback',
    'menu-/feedback/stats',
    'menu-/followup/rules',
    'menu-/followup/stats',
    'menu-/followup/tasks',
    'menu-/imports',
    'menu-/knowledge',
    'menu-/lookup',
    'menu-/patients',
    'menu-/surveys',
    'menu-/surveys/staff',
    'menu-/surveys/stats',
  ],
  agent1: [
    'menu-/admin/sms',
    'menu-/appointments',
    'menu-/appointments/reports',
    'menu-/dashboard',
    'menu-/feedback',
    'menu-/feedback/stats',
    'menu-/followup/stats',
    'menu-/followup/tasks',
    'menu-/knowledge',
    'menu-/lookup',
    'menu-/patients',
    'menu-/surveys',
    'menu-/surveys/stats',
    'menu-/work',
  ],
  'doctor.card': [
    'menu-/appointments',
    'menu-/feedback',
    'menu-/followup/tasks',
    'menu-/knowledge',
    'menu-/lookup',
    'menu-/patients',
    'menu-/surveys',
  ],
  'nurse.card': [
    'menu-/appointments',
    'menu-/feedback',
    'menu-/followup/tasks',
    'menu-/knowledge',
    'menu-/lookup',
    'menu-/patients',
    'menu-/surveys',
  ],
  clerk1: [
    'menu-/appointments',
    'menu-/counter',
    'menu-/feedback',
    'menu-/knowledge',
    'menu-/lookup',
    'menu-/patients',
  ],
  'manager.card': [
    'menu-/appointments/reports',
    'menu-/dashboard',
    'menu-/evaluations',
    'menu-/feedback',
    'menu-/feedback/stats',
    'menu-/followup/rules',
    'menu-/followup/stats',
    'menu-/followup/tasks',
    'menu-/imports',
    'menu-/knowledge',
    'menu-/lookup',
    'menu-/patients',
    'menu-/surveys/stats',
  ],
  auditor: ['menu-/admin/audit'],
}

test('each role sees the menu its permissions allow', async () => {
  for (const [username, menu] of Object.entries(expectedMenus)) {
    const page = await newPage()
    await uiLogin(page, server.base, username)
    assert.deepEqual(await menuEntries(page), menu, username)
    await page.context().close()
  }
})

test('agent finds a patient by pinyin initials and by phone, opens the card, reveals the phone, and the audit shows it', async () => {
  const token = await server.login('agent1')
  const created = await server.api('POST', '/api/v1/patients', token, {
    mrn: 'E2E001',
    name: '欧阳明月',
    phones: ['13512345678'],
    id_card: '11010519491231002X',
  })
  assert.equal(created.status, 201)
  const id = created.body.id

  const page = await newPage()
  await uiLogin(page, server.base, 'agent1')
  await openMenu(page, '/patients')
  const input = field(page, 'patient-search-input')
  await input.fill('oymy')
  await page.locator('[data-test=patient-search-submit]').click()
  const table = page.locator('[data-test=patient-table]')
  await table.getByText('欧阳明月').waitFor()
  // Masked in the list.
  await table.getByText('135****5678').waitFor()
  assert.equal(await table.getByText('13512345678').count(), 0)

  // Search by phone from a fresh page so the earlier result cannot satisfy the wait.
  await page.goto(`${server.base}/patients`)
  await table.getByText('欧阳明月').waitFor({ state: 'detached' })
  await field(page, 'patient-search-input').fill('135 1234 5678')
  await page.locator('[data-test=patient-search-submit]').click()
  await table.getByText('欧阳明月').waitFor()
  await table.getByText('欧阳明月').click()
  await page.waitForURL(`**/patients/${id}`)
  await page.locator('[data-test=patient-name]').getByText('欧阳明月').waitFor()
  const phone = page.locator('[data-test=phone-value]').first()
  assert.equal((await phone.textContent()).trim(), '135****5678')
  await page.locator('[data-test=reveal-phone]').click()
  await page.locator('[data-test=phone-value]').getByText('13512345678').waitFor()
  await page.screenshot({ path: join(artifacts, 'patient-card.png') })

  const auditor = await server.login('auditor')
  const rows = await server.api('GET', `/api/v1/audit?action=patient.reveal&patient_id=${id}`, auditor)
  assert.equal(rows.body.total, 1)
  assert.equal(rows.body.items[0].username, 'agent1')

  // And the admin finds the same row in the audit viewer.
  const admin = await newPage()
  await uiLogin(admin, server.base, 'admin')
  await openMenu(admin, '/admin/audit')
  await field(admin, 'audit-action').fill('patient.reveal')
  await field(admin, 'audit-patient').fill(String(id))
  await admin.locator('[data-test=audit-search]').click()
  // The viewer first lists everything; wait for the filtered result.
  const rowsShown = admin.locator('[data-test=audit-table] .el-table__body tr')
  for (let i = 0; i < 100 && (await rowsShown.count()) !== 1; i++) await admin.waitForTimeout(100)
  assert.equal(await rowsShown.count(), 1)
  assert.match(await rowsShown.first().textContent(), /agent1/)
  await page.context().close()
  await admin.context().close()
})

test('an admin creates a user who then signs in; a disabled user is thrown out', async () => {
  const page = await newPage()
  await uiLogin(page, server.base, 'admin')
  await openMenu(page, '/admin/users')
  await page.locator('[data-test=user-new]').click()
  await field(page, 'user-username').fill('agent.e2e')
  await field(page, 'user-display-name').fill('新客服')
  await field(page, 'user-password').fill('Fresh#2026x')
  await page.locator('[data-test=user-role]').click()
  await page
    .locator('.el-select-dropdown__item:visible')
    .filter({ hasText: /客服|agent/i })
    .first()
    .click()
  await page.locator('[data-test=user-save]').click()
  await page.locator('[data-test=user-table]').getByText('agent.e2e').waitFor()

  const user = await newPage()
  await uiLogin(user, server.base, 'agent.e2e', 'Fresh#2026x')
  // A new agent sees exactly what agent1 sees.
  assert.deepEqual(await menuEntries(user), expectedMenus.agent1)

  // The admin disables the new user; their next request sends them to login.
  await page.locator('[data-test="user-disable-agent.e2e"]').click()
  // Disabling asks for confirmation first.
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.locator('[data-test="user-enable-agent.e2e"]').waitFor()
  await openMenu(user, '/patients')
  await field(user, 'patient-search-input').fill('zs')
  await user.locator('[data-test=patient-search-submit]').click()
  await user.waitForURL('**/login**')
  await user.locator('[data-test=login-username]').waitFor()
  const relogin = await server.api('POST', '/api/v1/auth/login', null, {
    username: 'agent.e2e',
    password: 'Fresh#2026x',
  })
  assert.equal(relogin.status, 403)
  await page.context().close()
  await user.context().close()
})

test('a notification reaches the agent live: bell count and toast; reading it lowers the count; the admin sees jobs', async () => {
  const adminToken = await server.login('admin')
  const agentToken = await server.login('agent1')
  const users = await server.api('GET', '/api/v1/users', adminToken)
  const list = Array.isArray(users.body) ? users.body : users.body.items
  const agent = list.find((u) => u.username === 'agent1')
  assert.ok(agent, 'agent1 exists')

  const page = await newPage()
  await uiLogin(page, server.base, 'agent1')
  // Wait for the push socket's hello so the notification arrives as a push.
  const bell = page.locator('[data-test=notification-bell][data-live=true]')
  await bell.waitFor()
  const before = Number(await bell.getAttribute('data-unread'))

  const title = `E2E 提醒 ${Date.now()}`
  const sent = await server.api('POST', '/api/v1/notifications', adminToken, {
    user_id: agent.id,
    kind: 'alert',
    title,
    body: '请回电 3 床家属',
  })
  assert.equal(sent.status, 202)
  await page.locator(`[data-test=notification-bell][data-unread="${before + 1}"]`).waitFor()
  await page.locator('.el-notification').filter({ hasText: title }).waitFor()
  await page.screenshot({ path: join(artifacts, 'notification-toast.png') })

  const mine = await server.api('GET', '/api/v1/notifications?unread=true', agentToken)
  const id = mine.body.items.find((n) => n.title === title).id
  await bell.click()
  await page.locator(`[data-test=notification-${id}]`).getByText(title).waitFor()
  await page.locator(`[data-test=notification-read-${id}]`).click()
  await page.locator(`[data-test=notification-bell][data-unread="${before}"]`).waitFor()
  await page.locator(`[data-test=notification-read-${id}]`).waitFor({ state: 'detached' })
  const count = await server.api('GET', '/api/v1/notifications/unread-count', agentToken)
  assert.equal(count.body.unread, before)

  // A reminder for later is a job; the admin's jobs page lists it.
  const later = new Date(Date.now() + 3600_000).toISOString()
  const reminder = await server.api('POST', '/api/v1/notifications', adminToken, {
    user_id: agent.id,
    kind: 'reminder',
    title: 'E2E 稍后提醒',
    at: later,
  })
  assert.equal(reminder.status, 202)
  const admin = await newPage()
  await uiLogin(admin, server.base, 'admin')
  await openMenu(admin, '/admin/jobs')
  const jobs = admin.locator('[data-test=job-table] .el-table__body')
  // The kind is shown by its Chinese name, not the recorded key.
  await jobs.getByText('送达站内通知').first().waitFor()
  assert.equal(await jobs.getByText('notification.deliver').count(), 0)
  // The history drawer opens for the row.
  const row = admin.locator('[data-test=job-table] .el-table__body tr').filter({ hasText: '送达站内通知' }).first()
  await row.locator('[data-test^=job-detail-]').click()
  await admin.locator('[data-test=job-runs]').waitFor()
  await admin.screenshot({ path: join(artifacts, 'jobs.png') })
  await page.context().close()
  await admin.context().close()
})

test('an SMS the provider cannot send shows as failed with the reason in the outbox', async () => {
  // The e2e server runs with no SMS provider configured, so the send job
  // fails the message for good; urgent, so quiet hours cannot hold it.
  const admin = await server.login('admin')
  const sent = await server.api('POST', '/api/v1/sms/messages', admin, {
    phone: '13800138000',
    body: '复诊提醒测试',
    urgent: true,
  })
  assert.equal(sent.status, 201, JSON.stringify(sent.body))
  const id = sent.body.id
  for (let i = 0; i < 100; i++) {
    const m = await server.api('GET', `/api/v1/sms/messages/${id}`, admin)
    if (m.body.status === 'failed') break
    await new Promise((r) => setTimeout(r, 100))
  }

  const page = await newPage()
  await uiLogin(page, server.base, 'admin')
  await openMenu(page, '/admin/sms')
  await page.locator(`[data-test="sms-status-${id}"]`).getByText('失败').waitFor()
  const reason = await page.locator(`[data-test="sms-reason-${id}"]`).textContent()
  assert.match(reason, /no SMS provider is configured/)
  // The number stays masked in the outbox.
  assert.equal(await page.locator('[data-test=sms-table]').getByText('13800138000').count(), 0)
  await page.context().close()
})
