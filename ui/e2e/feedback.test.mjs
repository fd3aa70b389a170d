// Issue 10: an agent opens a complaint from the patient card, routes it
// twice and replies; a manager exports the statistics and the workbook
// (read with calamine through xlsx-cells) holds the page's numbers.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { startServer, launchBrowser, uiLogin, artifacts, field, xlsxCellsBinary } from './harness.mjs'

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
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1366, height: 860 },
    acceptDownloads: true,
  })
  return context.newPage()
}

function textarea(page, name) {
  return page.locator(`textarea[data-test="${name}"], [data-test="${name}"] textarea`).first()
}

async function pick(page, selectTest, option) {
  await page.locator(`[data-test="${selectTest}"]`).first().click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
}

async function route(page, department, note) {
  await page.locator('[data-test=route-open]').click()
  const dialog = page.locator('[data-test=route-dialog]')
  await dialog.waitFor()
  await pick(page, 'route-department', department)
  await field(page, 'route-note').fill(note)
  await page.locator('[data-test=route-submit]').click()
  await page.locator('[data-test=ticket-department]').getByText(department).waitFor()
}

test('an agent opens a complaint from the patient card, routes it twice and replies', async () => {
  const token = await server.login('agent1')
  const patients = await server.api('GET', '/api/v1/patients?per_page=1', token)
  const patient = patients.body.items[0]

  const page = await newPage()
  await uiLogin(page, server.base, 'agent1')
  await page.goto(`${server.base}/patients/${patient.id}`)
  await page.locator('[data-test=patient-name]').waitFor()
  await page.locator('[data-test=new-complaint]').click()
  await page.locator('[data-test=new-ticket-dialog]').waitFor()
  await field(page, 'ticket-topic').fill('候诊秩序混乱')
  await textarea(page, 'ticket-content').fill('患者反映候诊区叫号混乱，等候两小时。')
  await page.locator('[data-test=ticket-save]').click()
  await page.waitForURL('**/feedback/*')
  const id = Number(page.url().split('/').pop())
  await page.locator('[data-test=ticket-number]').waitFor()

  await route(page, '心血管内科', '请心内科核实')
  await route(page, '门诊挂号收费处', '涉及挂号窗口')

  await page.locator('[data-test=reply-open]').click()
  await textarea(page, 'reply-body').fill('您好，您反映的问题已转相关科室处理。')
  await page.locator('[data-test=reply-submit]').click()
  await page.locator('[data-test=history-item]').filter({ hasText: '您好，您反映的问题已转相关科室处理。' }).waitFor()
  await page.screenshot({ path: join(artifacts, 'feedback-ticket.png') })

  const detail = await server.api('GET', `/api/v1/feedback/tickets/${id}`, token)
  assert.equal(detail.body.ticket.patient_id, patient.id)
  assert.equal(detail.body.ticket.department_name, '门诊挂号收费处')
  assert.deepEqual(
    detail.body.history.map((h) => h.action),
    ['created', 'routed', 'routed', 'reply'],
  )
  // The SMS reply is in the outbox.
  const sms = await server.api('GET', '/api/v1/sms/messages', token)
  assert.ok(sms.body.items.some((m) => m.body === '您好，您反映的问题已转相关科室处理。'))
  await page.context().close()
})

test('a manager exports the statistics and the workbook holds the page numbers', async () => {
  const page = await newPage()
  await uiLogin(page, server.base, 'manager.card')
  await page.goto(`${server.base}/feedback/stats`)
  await page.locator('[data-test=stats-kind]').first().waitFor()
  const shown = {}
  for (const el of await page.locator('[data-test=stats-kind] span[data-kind]').all()) {
    shown[await el.getAttribute('data-kind')] = Number(await el.textContent())
  }
  const total = Number((await page.locator('[data-test=stats-total]').textContent()).split(/[:：]/).pop().trim())
  const compliance = Number(await page.locator('[data-test=sla-compliance]').textContent())
  assert.ok(total > 0)
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-test=stats-export]').click(),
  ])
  const file = join(artifacts, 'feedback-stats.xlsx')
  await download.saveAs(file)
  const out = spawnSync(xlsxCellsBinary(), [file], { encoding: 'utf8' })
  assert.equal(out.status, 0, out.stderr)
  const book = JSON.parse(out.stdout)
  const byKind = Object.fromEntries(book['按类型'].slice(1).map(([k, n]) => [k, n]))
  assert.deepEqual(byKind, shown)
  assert.equal(
    Object.values(byKind).reduce((a, b) => a + b, 0),
    total,
  )
  const sla = Object.fromEntries(book.SLA.slice(1))
  assert.equal(sla['SLA达成率(%)'], compliance)
  assert.ok(book['按科室'].length > 1 && book['按月份'].length > 1)
  await page.context().close()
})

test('a patient sends a complaint through the public web form and follows it with the code', async () => {
  const page = await newPage()
  await page.goto(`${server.base}/feedback-form?h=HOSP1`)
  // A real-name submission without a name is refused, saying so.
  await field(page, 'webform-topic').fill('挂号排队太久')
  await textarea(page, 'webform-content').fill('排队太久')
  await page.locator('[data-test=webform-submit]').click()
  await page.locator('[data-test=webform-error]').waitFor()
  await field(page, 'webform-name').fill('赵患者')
  await field(page, 'webform-phone').fill('13912345678')
  await textarea(page, 'webform-content').fill('周一上午在门诊挂号窗口排队超过一小时，希望增加窗口。')
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/public/feedback/tickets') && r.request().method() === 'POST'),
    page.locator('[data-test=webform-submit]').click(),
  ])
  assert.equal(res.status(), 201, await res.text())
  const { number, secret_code: code } = await res.json()
  await page.locator('[data-test=webform-result]').waitFor()
  assert.ok((await page.locator('[data-test=webform-result]').textContent()).includes(number))
  assert.ok((await page.locator('[data-test=webform-code]').textContent()).includes(code))

  // The progress page shows the ticket for the right code only.
  await page.goto(`${server.base}/progress`)
  await field(page, 'progress-number').fill(number)
  await field(page, 'progress-code').fill('WRONG-CODE')
  await page.locator('[data-test=progress-check]').click()
  await page.locator('[data-test=progress-failed]').waitFor()
  await field(page, 'progress-code').fill(code)
  await page.locator('[data-test=progress-check]').click()
  await page.locator('[data-test=progress-status]').waitFor()

  // Staff see it as a web-form complaint.
  const token = await server.login('admin')
  const list = await server.api('GET', '/api/v1/feedback/tickets?per_page=100', token)
  const ticket = (list.body.items ?? list.body).find((t) => t.number === number)
  assert.ok(ticket, `the ticket ${number} is listed`)
  assert.equal(ticket.source, 'web_form')
  await page.context().close()
})
