// The agent's working day in the browser, in zh-CN with the PC's clock in
// UTC: the agent lands on their workbench; each of their first 30 tasks
// opens on its questionnaire script, with the follow-up window in China
// time and no raw message key; "next task" walks 10 distinct tasks in
// queue order; a caller found by the last four digits of their phone.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launchBrowser, uiLogin, field } from './harness.mjs'

let server
let browser
let agent

before(async () => {
  // Enough discharges that the agent's queue holds more than 30 open tasks.
  server = await startServer({ patients: 600 })
  browser = await launchBrowser()
  agent = await server.login('agent1')
})

after(async () => {
  await browser?.close()
  server?.stop()
})

async function newPage() {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'UTC',
    viewport: { width: 1366, height: 860 },
  })
  return context.newPage()
}

async function get(path) {
  const r = await server.api('GET', path, agent)
  assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`)
  return r.body
}

const RAW_KEY = /\b(common|followup|sex|surveys|patient|phone|error|fields)\.[A-Za-z_.]+\b/

test('the agent lands on the workbench and every one of the first 30 tasks shows its script in China time', async () => {
  const page = await newPage()
  await uiLogin(page, server.base, 'agent1')
  await page.waitForURL('**/work')
  await page.locator('[data-test=workbench-numbers]').waitFor()

  const tasks = (await get('/api/v1/followup/tasks?status=open&per_page=30')).items
  assert.equal(tasks.length, 30)
  for (const task of tasks) {
    await page.goto(`${server.base}/followup/tasks/${task.id}`)
    const script = page.locator('[data-test=questionnaire-script] .head strong')
    await script.waitFor({ timeout: 10_000 })
    assert.ok((await script.innerText()).trim().length > 0, `task ${task.id}: a script title`)
    const window = await page.locator('[data-test=task-window]').innerText()
    assert.match(window, /^\d{4}-\d\d-\d\d 00:00 — \d{4}-\d\d-\d\d 23:59$/, `task ${task.id}: ${window}`)
    const text = await page.locator('body').innerText()
    assert.doesNotMatch(text, RAW_KEY, `task ${task.id} shows a raw key`)
  }
  await page.context().close()
})

test('"next task" walks ten distinct tasks in queue order', async () => {
  const page = await newPage()
  await uiLogin(page, server.base, 'agent1')
  const first = (await get('/api/v1/followup/tasks?status=open&mine=true&per_page=1')).items[0].id
  // The server's walk, mine first: the order the button must follow.
  const expected = []
  let at = first
  for (let i = 0; i < 10; i++) {
    at = (await get(`/api/v1/followup/tasks/${at}/next?mine=true`)).task_id
    assert.ok(at, 'the queue has ten more tasks')
    expected.push(at)
  }
  await page.goto(`${server.base}/followup/tasks/${first}`)
  const walked = []
  for (let i = 0; i < 10; i++) {
    const before = page.url()
    await page.locator('[data-test=next-task]').click()
    await page.waitForURL((u) => u.toString() !== before)
    walked.push(Number(new URL(page.url()).pathname.split('/').pop()))
  }
  assert.deepEqual(walked, expected)
  assert.equal(new Set([first, ...walked]).size, 11, 'never back to a task just left')
  await page.context().close()
})

test('a caller is found by the last four digits of their phone, masked', async () => {
  const task = (await get('/api/v1/followup/tasks?status=open&per_page=1')).items[0]
  const tail = task.phone_masked.slice(-4)
  const page = await newPage()
  await uiLogin(page, server.base, 'agent1')
  await page.goto(`${server.base}/patients`)
  const input = field(page, 'patient-search-input')
  await input.fill(tail)
  await page.locator('[data-test=patient-search-submit]').click()
  const table = page.locator('[data-test=patient-table]')
  await table.getByText(task.patient_name).first().waitFor()
  assert.match(await table.innerText(), new RegExp(`\\*{4}${tail}`))
  await page.context().close()
})
