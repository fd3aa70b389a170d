// Appointment booking in the browser: an agent books for a caller from the
// booking console opened on the patient card, and an administrator suspends
// a session and watches the suspension texts go out through a local HTTP
// SMS gateway.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, launchBrowser, uiLogin, artifacts } from './harness.mjs'

let server
let browser
let gateway
const texts = []

// A minimal SMS gateway speaking the HTTP provider's default contract.
async function startGateway() {
  const srv = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      texts.push(body)
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ code: 0, data: { msgid: `m${texts.length}` } }))
    })
  })
  await new Promise((r) => srv.listen(0, '127.0.0.1', r))
  return srv
}

before(async () => {
  gateway = await startGateway()
  const dir = mkdtempSync(join(tmpdir(), 'hcrm-appt-e2e-'))
  const config = join(dir, 'hcrm.toml')
  writeFileSync(
    config,
    `[jobs]\npoll_ms = 100\n\n[sms]\nprovider = "http"\nquiet_hours = "off"\nper_number_per_hour = 0\n\n[sms.http]\nurl = "http://127.0.0.1:${gateway.address().port}/send"\n` +
      `success_pattern = '"code":0'\nmessage_id_pointer = "/data/msgid"\n`,
  )
  process.env.HCRM_CONFIG = config
  server = await startServer()
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  server?.stop()
  gateway?.close()
  delete process.env.HCRM_CONFIG
})

async function newPage() {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
  return context.newPage()
}

function isoDay(days) {
  return new Date(Date.now() + 8 * 3600000 + days * 86400000).toISOString().slice(0, 10)
}

/** An open department session in the next days that nobody booked yet. */
async function openSession(token) {
  const r = await server.api('GET', `/api/v1/appointments/sessions?from=${isoDay(1)}&to=${isoDay(3)}`, token)
  assert.equal(r.status, 200)
  const s = r.body.find((x) => x.status === 'open' && x.free === x.capacity && !x.doctor_id)
  assert.ok(s, 'the demo schedules have an open session')
  return s
}

test('an agent books a number for a caller from the console opened on the patient card', async () => {
  const token = await server.login('agent1')
  const found = await server.api('GET', '/api/v1/patients?q=A000000007', token)
  const patient = found.body.items[0]
  const session = await openSession(token)

  const page = await newPage()
  await uiLogin(page, server.base, 'agent1')
  await page.goto(`${server.base}/patients/${patient.id}`)
  await page.locator('[data-test=patient-book]').click()
  await page.locator('[data-test=appt-patient-name]').waitFor()
  assert.equal(await page.locator('[data-test=appt-patient-name]').innerText(), patient.name)
  await page.locator(`[data-test=appt-open-${session.id}]`).click()
  await page.locator('[data-test=appt-slots]').waitFor()
  await page.locator(`[data-test=appt-book-${session.id}]`).click()
  // Nothing is booked until the agent confirms what will happen.
  const confirm = page.locator('.el-message-box')
  await confirm.getByText(patient.name).waitFor()
  const before = await server.api('GET', `/api/v1/appointments?patient_id=${patient.id}`, token)
  assert.equal(before.body.filter((a) => a.session_id === session.id).length, 0)
  await confirm.locator('.el-message-box__btns .el-button--primary').click()
  const mine = page.locator('[data-test=appt-mine]')
  await mine.getByText('已预约').first().waitFor()
  await page.screenshot({ path: join(artifacts, 'appointments-console.png') })

  const list = await server.api('GET', `/api/v1/appointments?patient_id=${patient.id}`, token)
  const booked = list.body.find((a) => a.session_id === session.id)
  assert.equal(booked.status, 'confirmed')
  assert.equal(booked.channel, 'phone')
  await page.context().close()
})

test('an administrator suspends a session and sees the texts go out', async () => {
  const agent = await server.login('agent1')
  const session = await openSession(agent)
  const ids = []
  for (const mrn of ['A000000011', 'A000000012']) {
    const p = (await server.api('GET', `/api/v1/patients?q=${mrn}`, agent)).body.items[0]
    const r = await server.api('POST', '/api/v1/appointments', agent, {
      session_id: session.id,
      patient_id: p.id,
      confirm: true,
    })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    ids.push(r.body.id)
  }

  const page = await newPage()
  await uiLogin(page, server.base, 'admin')
  await page.goto(`${server.base}/appointments/suspension`)
  await page.locator(`[data-test=susp-open-${session.id}]`).click()
  await page.locator('input[data-test=susp-reason], [data-test=susp-reason] input').first().fill('专家外出会诊')
  await page.locator('[data-test=susp-submit]').click()
  // The confirmation says how many patients will be texted.
  const confirm = page.locator('.el-message-box')
  await confirm.getByText('停诊将给 2 位已预约患者发送短信').waitFor()
  await confirm.locator('.el-message-box__btns .el-button--primary').click()
  await page.locator(`[data-test=susp-status-${session.id}]`).getByText('停诊').waitFor()
  const notices = page.locator('[data-test=susp-notices]')
  // Both patients are listed and their texts reach the gateway: the
  // outbox status in the view moves to sent.
  await notices.getByText('已发送').nth(1).waitFor({ timeout: 30000 })
  await page.screenshot({ path: join(artifacts, 'appointments-suspension.png') })
  assert.ok(texts.length >= 2, 'the gateway received the texts')
  const n = await server.api('GET', `/api/v1/appointments/sessions/${session.id}/notices`, agent)
  assert.equal(n.body.length, 2)
  assert.ok(n.body.every((x) => x.sms_status === 'sent' || x.sms_status === 'delivered'))
  await page.context().close()
})
