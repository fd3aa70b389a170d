// Questionnaires end to end: the builder with branching, the agent's phone
// script by keyboard only, the kiosk, the SMS link (single use, expiry),
// a staff survey with completion tracking, and the Excel export checked
// with calamine against the statistics page.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { startServer, launchBrowser, uiLogin, field, artifacts, xlsxCellsBinary } from './harness.mjs'

let server
let browser

before(async () => {
  // A short kiosk idle timeout, so the reset is seen without waiting a minute.
  process.env.HCRM_SURVEYS_KIOSK_IDLE_SECONDS = '3'
  server = await startServer()
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  server?.stop()
})

async function newPage(viewport = { width: 1366, height: 900 }) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport, acceptDownloads: true })
  return context.newPage()
}

async function questionnaireId(token, code) {
  const r = await server.api('GET', '/api/v1/surveys/questionnaires', token)
  return r.body.find((q) => q.code === code)?.id
}

let patientSeq = 0
async function anyPatient(token) {
  patientSeq += 1
  const r = await server.api('POST', '/api/v1/patients', token, {
    mrn: `SV${patientSeq}`,
    name: '问卷患者',
    phones: [`1391234000${patientSeq}`],
  })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  return r.body.id
}

test('an admin builds a questionnaire with branching and a callback rule, and an agent answers it by keyboard only', async () => {
  const page = await newPage()
  await uiLogin(page, server.base, 'admin')
  await page.goto(`${server.base}/surveys/new`)
  await field(page, 'builder-name').fill('门诊回访问卷')
  await field(page, 'builder-code').fill('E2E_BRANCH')
  await page.locator('[data-test=b-add-single_choice]').click()
  await field(page, 'b-q-q1-text').fill('您对本次就诊满意吗？')
  await page.locator('[data-test=b-q-q1-required]').check()
  await page.locator('[data-test=b-q-q1-preset]').click()
  await page.locator('[data-test=b-add-multiple_choice]').click()
  await field(page, 'b-q-q2-text').fill('不满意的原因')
  await page.locator('[data-test=b-q-q2-required]').check()
  await field(page, 'b-q-q2-o-0-label').fill('等候时间长')
  await field(page, 'b-q-q2-o-1-label').fill('态度不好')
  await page.locator('[data-test=b-add-text]').click()
  await field(page, 'b-q-q3-text').fill('其他意见')
  // If q1 is dissatisfied go to q2, otherwise to q3.
  await page.locator('[data-test=b-q-q1-jump-add]').click()
  await page.locator('[data-test=b-q-q1-jump-0-v-d]').check()
  await page.locator('[data-test=b-q-q1-jump-0-v-vd]').check()
  await page.locator('[data-test=b-q-q1-jump-0-goto]').selectOption('q2')
  await page.locator('[data-test=b-q-q1-next]').selectOption('q3')
  await page.locator('[data-test=b-rule-add]').click()
  await page.locator('[data-test=b-rule-0-v-d]').check()
  await page.locator('[data-test=b-rule-0-v-vd]').check()

  // The preview applies the branching live.
  const preview = page.locator('[data-test=builder-preview]')
  await preview.locator('[data-test=opt-q1-s]').click()
  assert.equal(await preview.locator('[data-test=q-q2]').count(), 0)
  assert.equal(await preview.locator('[data-test=q-q3]').count(), 1)
  await preview.locator('[data-test=opt-q1-d]').click()
  await preview.locator('[data-test=q-q2]').waitFor()
  await page.screenshot({ path: join(artifacts, 'survey-builder.png'), fullPage: true })
  await page.locator('[data-test=builder-publish]').click()
  await page.locator('[data-test=survey-table]').getByText('门诊回访问卷').waitFor()
  await page.context().close()

  const admin = await server.login('admin')
  const id = await questionnaireId(admin, 'E2E_BRANCH')
  const detail = await server.api('GET', `/api/v1/surveys/questionnaires/${id}`, admin)
  assert.ok(detail.body.current_version_id, 'published in one pass')
  assert.deepEqual(detail.body.latest.content.sections[0].questions[0].jumps[0], {
    when: { op: 'chosen', values: ['d', 'vd'] },
    goto: 'q2',
  })

  // The agent: keyboard only.
  const agentToken = await server.login('agent1')
  const patient = await anyPatient(agentToken)
  const agent = await newPage()
  await uiLogin(agent, server.base, 'agent1')
  await agent.goto(`${server.base}/surveys/phone/${id}?patient=${patient}`)
  await agent.locator('[data-test=script-q-q1]').waitFor()
  await agent.keyboard.press('4') // 不满意
  await agent.keyboard.press('Enter')
  await agent.locator('[data-test=script-q-q2]').waitFor()
  await agent.keyboard.press('Enter') // required: refused
  await agent.locator('[data-test=script-problem]').waitFor()
  await agent.keyboard.press('1')
  await agent.keyboard.press('Enter')
  await agent.locator('[data-test=script-q-q3]').waitFor()
  await agent.keyboard.type('候诊两小时')
  await agent.keyboard.press('Enter')
  await agent.locator('[data-test=script-review]').waitFor()
  assert.equal(await agent.locator('[data-test=script-answer-q2]').textContent(), '等候时间长')
  await agent.keyboard.press('Enter')
  await agent.locator('[data-test=script-done]').waitFor()
  assert.match(await agent.locator('[data-test=script-callbacks]').textContent(), /1/)
  await agent.screenshot({ path: join(artifacts, 'survey-phone-script.png') })
  await agent.context().close()
})

test('a kiosk answers with its device token and resets itself', async () => {
  const admin = await server.login('admin')
  const qid = await questionnaireId(admin, 'DISCHARGE_SATISFACTION')
  const k = await server.api('POST', '/api/v1/surveys/kiosks', admin, { name: '住院部大厅', questionnaire_id: qid })
  assert.equal(k.status, 201)
  const page = await newPage({ width: 1280, height: 1024 })
  await page.goto(`${server.base}/kiosk?device=${k.body.token}`)
  await page.locator('[data-test=opt-doctor-5]').click()
  await page.locator('[data-test=opt-nurse-4]').click()
  await page.locator('[data-test=opt-explain-yes]').click()
  await page.locator('[data-test=opt-overall-vs]').click()
  await page.screenshot({ path: join(artifacts, 'survey-kiosk.png'), fullPage: true })
  await page.locator('[data-test=kiosk-submit]').click()
  await page.locator('[data-test=kiosk-thanks]').waitFor()
  // Back to an empty form by itself.
  await page.locator('[data-test=kiosk-submit]').waitFor({ timeout: 15000 })
  assert.equal(await page.locator('[data-test=opt-overall-vs].on').count(), 0)
  assert.equal((await page.locator('[data-test=kiosk]').textContent()).includes('出院患者满意度调查'), true)
  // Left half answered, the kiosk goes back to the start on its own.
  await page.locator('[data-test=opt-overall-n]').click()
  await page.waitForFunction(() => !document.querySelector('[data-test=opt-overall-n].on'), null, { timeout: 15000 })
  const kiosks = await server.api('GET', '/api/v1/surveys/kiosks', admin)
  assert.ok(kiosks.body.find((x) => x.id === k.body.id).last_seen_on)
  await page.context().close()
})

test('an SMS link takes one answer on a phone; a second use and an expired link are refused', async () => {
  const page = await newPage()
  await uiLogin(page, server.base, 'agent1')
  const token = await server.login('agent1')
  const patient = await anyPatient(token)
  await page.goto(`${server.base}/surveys`)
  await page.locator('[data-test=survey-link-DISCHARGE_SATISFACTION]').click()
  await field(page, 'link-patient').fill(String(patient))
  await page.locator('[data-test=link-create]').click()
  const url = (await page.locator('[data-test=link-url]').textContent()).trim()
  assert.match(url, /\/survey\//)
  await page.context().close()
  const sms = await server.api('GET', '/api/v1/sms/messages?per_page=5', token)
  assert.ok(
    sms.body.items.some((m) => m.body.includes(url)),
    'the link went out by SMS',
  )

  const phone = await newPage({ width: 390, height: 844 })
  await phone.goto(server.base + url)
  await phone.locator('[data-test=opt-doctor-5]').click()
  await phone.locator('[data-test=opt-nurse-5]').click()
  await phone.locator('[data-test=opt-explain-yes]').click()
  await phone.locator('[data-test=opt-overall-s]').click()
  await phone.locator('[data-test=input-suggestions]').fill('护士很耐心')
  await phone.screenshot({ path: join(artifacts, 'survey-sms-form.png'), fullPage: true })
  await phone.locator('[data-test=public-submit]').click()
  await phone.locator('[data-test=public-done]').waitFor()
  await phone.goto(server.base + url)
  await phone.locator('[data-test=public-used]').waitFor()

  const qid = await questionnaireId(token, 'DISCHARGE_SATISFACTION')
  const link = await server.api('POST', '/api/v1/surveys/links', token, {
    questionnaire_id: qid,
    patient_id: patient,
    send_sms: false,
  })
  execFileSync('sqlite3', [
    server.dbPath,
    `UPDATE survey_links SET expires_at = '2020-01-01 00:00:00' WHERE id = ${link.body.id}`,
  ])
  await phone.goto(server.base + link.body.url)
  await phone.locator('[data-test=public-expired]').waitFor()
  await phone.context().close()
})

test('a staff survey tracks who has answered', async () => {
  const page = await newPage()
  await uiLogin(page, server.base, 'admin')
  await page.goto(`${server.base}/surveys/staff`)
  await page.locator('[data-test=staff-new]').click()
  await page.locator('[data-test=staff-questionnaire]').click()
  await page.locator('.el-select-dropdown__item', { hasText: '出院患者满意度调查' }).click()
  await field(page, 'staff-title').fill('护理部季度调查')
  await page.locator('[data-test=staff-group-nursing]').click()
  await page.locator('[data-test=staff-create]').click()
  await page.locator('[data-test=assignee-nurse\\.card-open]').waitFor()

  const nurse = await newPage()
  await uiLogin(nurse, server.base, 'nurse.card')
  await nurse.goto(`${server.base}/surveys/mine`)
  await nurse.locator('[data-test^=mine-answer-]').first().click()
  await nurse.locator('[data-test=opt-doctor-4]').click()
  await nurse.locator('[data-test=opt-nurse-4]').click()
  await nurse.locator('[data-test=opt-explain-yes]').click()
  await nurse.locator('[data-test=opt-overall-s]').click()
  await nurse.locator('[data-test=mine-submit]').click()
  await nurse.locator('[data-test=mine-table]').waitFor()
  await nurse.context().close()

  await page.goto(`${server.base}/surveys/staff`)
  const progress = page.locator('[data-test^=staff-progress-]').first()
  await progress.waitFor()
  assert.equal((await progress.textContent()).trim(), '1 / 1')
  await progress.click()
  await page.locator('[data-test=assignee-nurse\\.card-done]').waitFor()
  await page.screenshot({ path: join(artifacts, 'survey-staff.png') })
  await page.context().close()
})

test('the Excel export holds the numbers the statistics page shows', async () => {
  const page = await newPage()
  await uiLogin(page, server.base, 'admin')
  await page.goto(`${server.base}/surveys/stats`)
  await page.locator('[data-test=stats-rate]').waitFor()
  const rate = (await page.locator('[data-test=stats-rate]').textContent()).trim()
  const valid = Number((await page.locator('[data-test=stats-valid]').textContent()).trim())
  const responses = Number((await page.locator('[data-test=stats-responses]').textContent()).trim())
  await page.screenshot({ path: join(artifacts, 'survey-stats.png'), fullPage: true })
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-test=stats-export]').click(),
  ])
  const file = join(artifacts, 'survey-stats.xlsx')
  await download.saveAs(file)
  const bin = xlsxCellsBinary()
  const sheets = JSON.parse(execFileSync(bin, [file], { encoding: 'utf8' }))
  const overview = sheets['概览']
  assert.equal(overview[1][1], responses)
  assert.equal(overview[2][1], valid)
  assert.equal(`${overview[4][1]}%`, rate)
  assert.equal(sheets['答卷明细'].length, responses + 1)
  await page.context().close()
})
