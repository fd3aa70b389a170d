// The softphone in the browser with the simulated engine (?phone=sim): an
// incoming call pops the right patient's card with the number masked, and
// a recording plays from the patient card's call history (range requests,
// audited).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { startServer, launchBrowser, uiLogin, artifacts } from './harness.mjs'

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
  // The in-page softphone instead of the desktop engine.
  await context.addInitScript(() => localStorage.setItem('hcrm.phone', 'sim'))
  return context.newPage()
}

/** Half a second of a 440 Hz tone, 8 kHz stereo 16-bit PCM WAV. */
function wav() {
  const rate = 8000
  const frames = rate / 2
  const data = Buffer.alloc(frames * 4)
  for (let i = 0; i < frames; i++) {
    const v = Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000)
    data.writeInt16LE(v, i * 4)
    data.writeInt16LE(v >> 1, i * 4 + 2)
  }
  const h = Buffer.alloc(44)
  h.write('RIFF', 0)
  h.writeUInt32LE(36 + data.length, 4)
  h.write('WAVE', 8)
  h.write('fmt ', 12)
  h.writeUInt32LE(16, 16)
  h.writeUInt16LE(1, 20)
  h.writeUInt16LE(2, 22)
  h.writeUInt32LE(rate, 24)
  h.writeUInt32LE(rate * 4, 28)
  h.writeUInt16LE(4, 32)
  h.writeUInt16LE(16, 34)
  h.write('data', 36)
  h.writeUInt32LE(data.length, 40)
  return Buffer.concat([h, data])
}

test('an incoming call shows the right patient card before answering, with the number masked', async () => {
  const token = await server.login('agent1')
  const created = await server.api('POST', '/api/v1/patients', token, {
    mrn: 'PHONE01',
    name: '来电测试',
    phones: ['13612345678'],
  })
  assert.equal(created.status, 201)
  const page = await newPage()
  await uiLogin(page, server.base, 'agent1')
  await page.locator('[data-test=phone-bar]').waitFor()
  await page.evaluate(() => window.__hcrmPhone.incoming('13612345678'))
  const toast = page.locator('[data-test=incoming-call]')
  await toast.waitFor()
  await page.locator('[data-test=incoming-patient]').waitFor()
  assert.equal((await page.locator('[data-test=incoming-number]').textContent()).trim(), '136****5678')
  assert.match(await page.locator('[data-test=incoming-patient-name]').textContent(), /来电测试/)
  assert.match(await page.locator('[data-test=incoming-patient-phones]').textContent(), /136\*\*\*\*5678/)
  assert.equal(await page.locator('[data-test=incoming-patient]').count(), 1)
  assert.ok(!(await page.content()).includes('13612345678'), 'the full number is nowhere on the page')
  await page.screenshot({ path: join(artifacts, 'phone-incoming.png') })

  // Answer with the hotkey, hang up with the button.
  await page.keyboard.press('F8')
  await page.locator('[data-test=call-status]').filter({ hasText: '通话中' }).waitFor()
  assert.equal(await toast.count(), 0)
  await page.locator('[data-test=call-hangup]').click()
  await page.locator('[data-test=call-status]').waitFor({ state: 'detached' })

  // The call record is linked to the patient and ended as answered.
  let calls
  for (let i = 0; i < 50; i++) {
    calls = await server.api('GET', `/api/v1/patients/${created.body.id}/calls`, token)
    if (calls.body.length && calls.body[0].disposition) break
    await new Promise((r) => setTimeout(r, 100))
  }
  assert.equal(calls.body.length, 1)
  assert.equal(calls.body[0].direction, 'inbound')
  assert.equal(calls.body[0].disposition, 'answered')
  assert.equal(calls.body[0].remote_number, '136****5678')

  // An unknown number offers "new patient" and "link to patient"; linking
  // adds the number and pops the card.
  await page.evaluate(() => window.__hcrmPhone.incoming('13055550000'))
  await page.locator('[data-test=incoming-unknown]').waitFor()
  await page.locator('[data-test=incoming-link-patient]').click()
  const q = page.locator('[data-test=incoming-link-query] input, input[data-test=incoming-link-query]').first()
  await q.fill('PHONE01')
  await q.press('Enter')
  await page.locator('[data-test=incoming-link-result]').first().click()
  await page.locator('[data-test=incoming-patient-name]').filter({ hasText: '来电测试' }).waitFor()
  await page.locator('[data-test=incoming-reject]').click()
  await toast.waitFor({ state: 'detached' })
  const pop = await server.api('GET', '/api/v1/screen-pop?number=13055550000', token)
  assert.equal(pop.body.matches[0].patient.id, created.body.id)
  await page.context().close()
})

test('a recording plays from the patient card call history with range requests, and the play is audited', async () => {
  const token = await server.login('agent1')
  const created = await server.api('POST', '/api/v1/patients', token, {
    mrn: 'PHONE02',
    name: '录音测试',
    phones: ['13712345678'],
  })
  const uuid = randomUUID()
  const r = await server.api('PUT', `/api/v1/calls/${uuid}`, token, {
    direction: 'outbound',
    started_at: '2026-11-20T02:00:00Z',
    answered_at: '2026-11-20T02:00:05Z',
    ended_at: '2026-11-20T02:01:05Z',
    disposition: 'answered',
    patient_id: created.body.id,
    remote_number: '13712345678',
  })
  assert.equal(r.status, 200)
  const audio = wav()
  const sha256 = createHash('sha256').update(audio).digest('hex')
  assert.equal(
    (await server.api('POST', `/api/v1/calls/${uuid}/recording`, token, { size: audio.length, sha256 })).status,
    200,
  )
  // Two chunks, as the desktop uploader sends them.
  const half = 9000
  for (const [start, end] of [
    [0, half],
    [half, audio.length],
  ]) {
    const res = await fetch(`${server.base}/api/v1/calls/${uuid}/recording`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'content-range': `bytes ${start}-${end - 1}/${audio.length}`,
      },
      body: audio.subarray(start, end),
    })
    assert.equal(res.status, 200)
  }

  const page = await newPage()
  const ranges = []
  page.on('response', (res) => {
    if (res.url().includes('/recordings/stream/'))
      ranges.push({ status: res.status(), range: res.headers()['content-range'] })
  })
  await uiLogin(page, server.base, 'agent1')
  await page.goto(`${server.base}/patients/${created.body.id}`)
  await page.locator('[data-test=patient-name]').waitFor()
  await page.locator('#tab-calls').click()
  await page.locator(`[data-test="play-${uuid}"]`).click()
  await page.locator('[data-test=recording-audio]').waitFor()
  await page.waitForFunction(() => {
    const a = document.querySelector('[data-test=recording-audio]')
    return a && a.readyState >= 1 && Number.isFinite(a.duration)
  })
  const duration = await page.locator('[data-test=recording-audio]').evaluate((a) => a.duration)
  assert.ok(Math.abs(duration - 0.5) < 0.05, `duration ${duration}`)
  assert.ok(
    ranges.some((x) => x.status === 206 && x.range?.endsWith(`/${audio.length}`)),
    JSON.stringify(ranges),
  )
  await page.screenshot({ path: join(artifacts, 'phone-recording.png') })

  const admin = await server.login('admin')
  const audit = await server.api('GET', '/api/v1/audit?action=recording.play', admin)
  const rows = audit.body.items.filter((e) => e.patient_id === created.body.id)
  assert.equal(rows.length, 1)
  await page.context().close()
})

test("a supervisor sees the agents' states on the dashboard", async () => {
  const agent = await server.login('agent1')
  assert.equal((await server.api('PUT', '/api/v1/agent-state', agent, { state: 'after_call_work' })).status, 200)
  const page = await newPage()
  await uiLogin(page, server.base, 'manager.card')
  await page.goto(`${server.base}/dashboard`)
  const tag = page.locator('[data-test=agent-board-state][data-user=agent1]')
  await tag.waitFor()
  assert.equal((await tag.textContent()).trim(), '话后处理')
  // The board follows a change within its refresh.
  assert.equal((await server.api('PUT', '/api/v1/agent-state', agent, { state: 'ready' })).status, 200)
  await page.waitForFunction(
    () => document.querySelector('[data-test=agent-board-state][data-user=agent1]')?.textContent?.trim() === '就绪',
    null,
    { timeout: 15000 },
  )
  await page.context().close()
})
