// The follow-up engine in the browser: an agent works a task from the list
// to an outcome with a hotkey; a manager exports the statistics and the file
// (read with calamine through xlsx-cells) holds the numbers the page shows;
// a cardiology doctor cannot reach an orthopaedics task.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { startServer, launchBrowser, uiLogin, artifacts, xlsxCellsBinary } from './harness.mjs'

let server
let browser
let admin
let agent
let ids

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  admin = await server.login('admin')
  agent = await server.login('agent1')
  ids = await prepare()
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

async function ok(r, what) {
  assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

/** Two patients discharged five days ago (cardiology, orthopaedics), the
 * demo rules turned into tasks, one task each for agent1 and doctor.orth. */
async function prepare() {
  const depts = await ok(await server.api('GET', '/api/v1/departments', admin), 'departments')
  const list = Array.isArray(depts) ? depts : depts.items
  const card = list.find((d) => d.code === 'CARD').id
  const orth = list.find((d) => d.code === 'ORTH').id
  const users = await ok(await server.api('GET', '/api/v1/users', admin), 'users')
  const uid = (name) => users.find((u) => u.username === name).id
  const out = new Date(Date.now() - 5 * 86400e3)
  const admitted = new Date(out.getTime() - 4 * 86400e3)
  const made = {}
  for (const [mrn, name, dept, code] of [
    ['E2EFU1', '随访甲', card, 'I21.9'],
    ['E2EFU2', '随访乙', orth, 'S72.0'],
  ]) {
    const p = await ok(
      await server.api('POST', '/api/v1/patients', admin, {
        mrn,
        name,
        phones: [mrn === 'E2EFU1' ? '13611112222' : '13611113333'],
      }),
      'patient',
    )
    await ok(
      await server.api('POST', `/api/v1/patients/${p.id}/visits`, admin, {
        visit_no: `${mrn}-V`,
        kind: 'inpatient',
        department_id: dept,
        admitted_at: admitted.toISOString(),
        discharged_at: out.toISOString(),
        diagnoses: [{ code, name: '诊断' }],
      }),
      'visit',
    )
    made[mrn] = p.id
  }
  await ok(await server.api('POST', '/api/v1/followup/generate', admin, {}), 'generate')
  const taskOf = async (patient) => {
    const page = await ok(
      await server.api('GET', `/api/v1/followup/tasks?patient_id=${patient}&kind=discharge`, admin),
      'tasks',
    )
    return page.items.sort((a, b) => a.due_from.localeCompare(b.due_from))[0].id
  }
  const cardTask = await taskOf(made.E2EFU1)
  const orthTask = await taskOf(made.E2EFU2)
  await ok(
    await server.api('POST', `/api/v1/followup/tasks/${cardTask}/assign`, admin, { user_id: uid('agent1') }),
    'assign',
  )
  await ok(
    await server.api('POST', `/api/v1/followup/tasks/${orthTask}/assign`, admin, { user_id: uid('doctor.orth') }),
    'assign',
  )
  return { cardTask, orthTask, card, orth }
}

test('agent1 works a task from the list to an outcome with a hotkey', async () => {
  const page = await newPage()
  await uiLogin(page, server.base, 'agent1')
  await page.goto(`${server.base}/followup/tasks`)
  await page.locator('[data-test=filter-mine]').click()
  const row = page.locator('[data-test=task-table] .el-table__row', { hasText: '随访甲' }).first()
  await row.waitFor()
  assert.match(await row.textContent(), /136\*\*\*\*2222/, 'the list masks the phone')
  await row.click()
  await page.waitForURL(new RegExp(`/followup/tasks/${ids.cardTask}$`))
  await page.locator('[data-test=work-title]').waitFor()
  const script = page.locator('[data-test=script-area]')
  assert.equal(await script.getAttribute('data-questionnaire-id'), '1', "the rule round's questionnaire")
  await page.locator('textarea[data-test=outcome-note], [data-test=outcome-note] textarea').first().fill('恢复良好')
  // Hotkeys work when the note is not focused.
  await page.locator('[data-test=work-title]').click()
  await page.keyboard.press('1')
  await page.locator('[data-test=work-closed]').waitFor()
  await page.screenshot({ path: join(artifacts, 'followup-worked.png') })
  const detail = await ok(await server.api('GET', `/api/v1/followup/tasks/${ids.cardTask}`, agent), 'detail')
  assert.equal(detail.task.status, 'completed')
  assert.equal(detail.attempts.length, 1)
  assert.equal(detail.attempts[0].outcome, 'reached')
  assert.equal(detail.attempts[0].username, 'agent1')
  assert.equal(detail.attempts[0].note, '恢复良好')
  await page.context().close()
})

test('doctor.card cannot reach an orthopaedics task, by list or by address', async () => {
  const page = await newPage()
  await uiLogin(page, server.base, 'doctor.card')
  await page.goto(`${server.base}/followup/tasks`)
  await page.locator('[data-test=task-table]').waitFor()
  await page.waitForLoadState('networkidle')
  assert.equal(await page.locator('[data-test=task-table] .el-table__row', { hasText: '随访乙' }).count(), 0)
  await page.goto(`${server.base}/followup/tasks/${ids.orthTask}`)
  await page.waitForLoadState('networkidle')
  assert.equal(await page.locator('[data-test=work-title]').count(), 0, 'no follow-up screen for it')
  const token = await server.login('doctor.card')
  assert.equal((await server.api('GET', `/api/v1/followup/tasks/${ids.orthTask}`, token)).status, 404)
  await page.context().close()
})

test('manager.card exports the statistics and the file holds the numbers the page shows', async () => {
  // Some work to count: a second agent attempt on a cardiology task.
  const open = await ok(
    await server.api('GET', `/api/v1/followup/tasks?department_id=${ids.card}&per_page=5`, admin),
    'open',
  )
  for (const t of open.items.slice(0, 2)) {
    await ok(
      await server.api('POST', `/api/v1/followup/tasks/${t.id}/outcome`, agent, { outcome: 'no_answer' }),
      'outcome',
    )
  }
  const page = await newPage()
  await uiLogin(page, server.base, 'manager.card')
  await page.goto(`${server.base}/followup/stats`)
  await page.locator('[data-test=contact-attempts]').waitFor()
  const shown = {
    attempts: Number(await page.locator('[data-test=contact-attempts]').textContent()),
    contacted: Number(await page.locator('[data-test=contact-contacted]').textContent()),
    rate: Number(await page.locator('[data-test=contact-rate]').textContent()),
  }
  assert.ok(shown.attempts >= 2, JSON.stringify(shown))
  const workload = await page
    .locator('[data-test=stats-workload] .el-table__row')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent.trim())))
  assert.ok(
    workload.some((r) => r[0] === '客服王芳'),
    JSON.stringify(workload),
  )
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-test=stats-export-all]').click(),
  ])
  const file = join(artifacts, 'followup-stats.xlsx')
  await download.saveAs(file)
  const cells = JSON.parse(execFileSync(xlsxCellsBinary(), [file], { encoding: 'utf8' }))
  const contact = Object.fromEntries(cells['接通率'].slice(1, 4).map((r) => [r[0], r[1]]))
  assert.deepEqual(
    [contact['尝试次数'], contact['接通次数'], contact['接通率%']],
    [shown.attempts, shown.contacted, shown.rate],
  )
  const sheetRows = cells['工作量'].slice(1).map((r) => r.map((c) => String(c)))
  assert.deepEqual(sheetRows, workload, 'the workload sheet is the table on the page')
  for (const chart of ['工作量图', '科室覆盖图', '接通率图', '月度趋势图'])
    assert.ok(chart in cells, `chart sheet ${chart}`)
  await page.context().close()
})

test("agent1 answers the task's questionnaire inside the follow-up screen by keyboard, and the answer is linked to the task", async () => {
  const questionnaires = await ok(await server.api('GET', '/api/v1/surveys/questionnaires', admin), 'questionnaires')
  const qid = questionnaires.find((q) => q.code === 'DISCHARGE_SATISFACTION').id
  await ok(
    await server.api('POST', '/api/v1/followup/rules', admin, {
      name: '高血压出院满意度回访',
      department_id: ids.card,
      icd_codes: 'I10',
      rounds: [{ from_day: 1, to_day: 10, questionnaire_id: qid }],
    }),
    'rule',
  )
  const out = new Date(Date.now() - 5 * 86400e3)
  const p = await ok(
    await server.api('POST', '/api/v1/patients', admin, { mrn: 'E2EFU3', name: '随访丙', phones: ['13611114444'] }),
    'patient',
  )
  await ok(
    await server.api('POST', `/api/v1/patients/${p.id}/visits`, admin, {
      visit_no: 'E2EFU3-V',
      kind: 'inpatient',
      department_id: ids.card,
      admitted_at: new Date(out.getTime() - 3 * 86400e3).toISOString(),
      discharged_at: out.toISOString(),
      diagnoses: [{ code: 'I10', name: '高血压' }],
    }),
    'visit',
  )
  await ok(await server.api('POST', '/api/v1/followup/generate', admin, {}), 'generate')
  const tasks = await ok(await server.api('GET', `/api/v1/followup/tasks?patient_id=${p.id}`, admin), 'tasks')
  const task = tasks.items.find((t) => t.questionnaire_id === qid)
  assert.ok(task, JSON.stringify(tasks.items))
  const users = await ok(await server.api('GET', '/api/v1/users', admin), 'users')
  await ok(
    await server.api('POST', `/api/v1/followup/tasks/${task.id}/assign`, admin, {
      user_id: users.find((u) => u.username === 'agent1').id,
    }),
    'assign',
  )

  const page = await newPage()
  await uiLogin(page, server.base, 'agent1')
  await page.goto(`${server.base}/followup/tasks/${task.id}`)
  await page.locator('[data-test=script-q-doctor]').waitFor()
  // Keyboard only: number keys pick, Enter moves on; the outcome hotkeys
  // stay out of the way while the script has the focus.
  const keys = { doctor: '5', nurse: '4', explain: '1', overall: '1', reasons: '1' }
  for (let step = 0; step < 12; step++) {
    if (await page.locator('[data-test=script-review]').isVisible()) break
    const q = await page.locator('[data-test^="script-q-"]').first().getAttribute('data-test')
    const id = q.replace('script-q-', '')
    if (keys[id]) await page.keyboard.press(keys[id])
    await page.keyboard.press('Enter')
    await page.waitForFunction((prev) => {
      const el = document.querySelector('[data-test^="script-q-"]')
      return !el || el.getAttribute('data-test') !== prev || document.querySelector('[data-test=script-review]')
    }, q)
  }
  await page.locator('[data-test=script-review]').waitFor()
  const [posted] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/surveys/responses') && r.request().method() === 'POST'),
    page.keyboard.press('Enter'),
  ])
  assert.equal(posted.status(), 201, await posted.text())
  const response = await posted.json()
  await page.locator('[data-test=script-done]').waitFor()
  assert.equal(
    await page.locator('[data-test=work-closed]').count(),
    0,
    'answering the script records no outcome by itself',
  )
  const stored = await ok(await server.api('GET', `/api/v1/surveys/responses/${response.id}`, admin), 'response')
  assert.equal(stored.followup_task_id, task.id)
  await page.screenshot({ path: join(artifacts, 'followup-script.png') })
  await page.context().close()
})
