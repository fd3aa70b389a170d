// Counter mode in the browser: a rating posted through the API as the
// counter PC's reader would post it shows up on the clerk's counter page,
// and on the managers' statistics page.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { startServer, launchBrowser, uiLogin, artifacts, openMenu, field } from './harness.mjs'

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

test('a rating forwarded by the reader appears on the counter page', async () => {
  const page = await newPage()
  await uiLogin(page, server.base, 'clerk1')
  await openMenu(page, '/counter')
  await page.locator('[data-test=counter-window]').waitFor()
  assert.match(await page.locator('[data-test=counter-window]').innerText(), /挂号收费1号窗/)
  assert.equal(await page.locator('[data-test=today-count]').innerText(), '0')

  const token = await server.login('clerk1')
  const r = await server.api('POST', '/api/v1/evaluations/ratings', token, {
    device_id: 'EV-HOSP1-REG-01',
    event_seq: 501,
    key: 2,
    layout: 5,
    prompted: true,
    pressed_at: new Date().toISOString(),
  })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  // The page polls; the rating arrives without a reload.
  await page.locator('[data-test=rating-label]', { hasText: '满意' }).first().waitFor({ timeout: 15000 })
  assert.equal(await page.locator('[data-test=today-count]').innerText(), '1')
  // A heartbeat forwarded by the reader turns the device online.
  await server.api('POST', '/api/v1/evaluations/heartbeats', token, { device_id: 'EV-HOSP1-REG-01', status: {} })
  await page.locator('[data-test=device-online]', { hasText: '在线' }).waitFor({ timeout: 15000 })
  await page.screenshot({ path: join(artifacts, 'evaluations-counter.png') })
  await page.context().close()

  const admin = await newPage()
  await uiLogin(admin, server.base, 'admin')
  await openMenu(admin, '/evaluations')
  try {
    await admin.locator('[data-test=kpi-total]', { hasText: '1' }).waitFor({ timeout: 15000 })
  } finally {
    await admin.screenshot({ path: join(artifacts, 'evaluations-dashboard.png') })
  }
  await admin.screenshot({ path: join(artifacts, 'evaluations-dashboard.png') })
  await admin.context().close()
})

test("an administrator binds a device to a window and sets the manager's mobile", async () => {
  const page = await newPage()
  await uiLogin(page, server.base, 'admin')
  await openMenu(page, '/evaluations')
  const section = page.locator('[data-test=evaluation-windows]')
  await section.locator('[data-test=window-device-REG-02]').waitFor()
  await section.locator('[data-test=window-edit-REG-02]').click()
  const device = field(page, 'window-device')
  await device.fill('EV-NEW-0002')
  await page.locator('[data-test=window-layout]').getByText('4 键').click()
  await page.locator('[data-test=window-save]').click()
  await section.locator('[data-test=window-device-REG-02]', { hasText: 'EV-NEW-0002' }).waitFor({ timeout: 15000 })
  const token = await server.login('admin')
  const windows = (await server.api('GET', '/api/v1/evaluations/windows', token)).body
  const reg2 = windows.find((w) => w.code === 'REG-02')
  assert.equal(reg2.device_id, 'EV-NEW-0002')
  assert.equal(reg2.layout, 4)
  await page.screenshot({ path: join(artifacts, 'evaluations-windows.png') })

  await openMenu(page, '/admin/users')
  await page.locator('[data-test=user-table]').getByText('manager.reg', { exact: true }).waitFor()
  const row = page.locator('[data-test=user-table] tr', { hasText: 'manager.reg' })
  await row.getByText('编辑').click()
  await field(page, 'user-phone').fill('139 0013 9001')
  await page.locator('[data-test=user-save]').click()
  await page.locator('[data-test=user-phone-manager\\.reg]', { hasText: '139****9001' }).waitFor({ timeout: 15000 })
  const users = (await server.api('GET', '/api/v1/users', token)).body
  assert.equal(users.find((u) => u.username === 'manager.reg').phone, '139****9001')
  await page.context().close()
})
