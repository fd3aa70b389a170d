// The desktop window end to end: the real hcrm-desktop binary (its UI,
// its softphone) under an X display, driven through WebKitWebDriver
// (package webkit2gtk-driver) the way tauri-driver does; the real server
// with demo data; sipp (package sip-tester) as a patient phoning the agent.
// An incoming INVITE shows the caller's patient card with the number
// masked before the agent answers; answering links the call to the patient.
//
// Run by src-tauri/scripts/desktop-e2e.sh (which provides the display).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import dgram from 'node:dgram'
import net from 'node:net'
import { startServer, root, PASSWORD } from '../e2e/harness.mjs'

const artifacts = join(root, 'test-artifacts', 'desktop')
const desktopBin =
  process.env.HCRM_DESKTOP_BIN || join(resolve(root, process.env.CARGO_TARGET_DIR || 'target'), 'debug', 'hcrm-desktop')
let server, driver, session, profile, wd

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function freeTcpPort() {
  return new Promise((res, rej) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => res(port))
    })
    s.on('error', rej)
  })
}

function freeUdpPort() {
  return new Promise((res) => {
    const s = dgram.createSocket('udp4')
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => res(port))
    })
  })
}

/** One W3C WebDriver command; throws with the driver's message. */
async function cmd(method, path, body) {
  const r = await fetch(`${wd}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  })
  const v = await r.json()
  if (!r.ok) throw new Error(`${method} ${path}: ${v.value?.error} ${v.value?.message}`)
  return v.value
}

const find = async (css) =>
  (await cmd('POST', `/session/${session}/element`, { using: 'css selector', value: css }))[
    'element-6066-11e4-a52e-4f735466cecf'
  ]

async function waitFor(css, secs = 20) {
  const deadline = Date.now() + secs * 1000
  for (;;) {
    try {
      return await find(css)
    } catch (e) {
      if (Date.now() > deadline) {
        const where = await cmd('GET', `/session/${session}/url`).catch(() => '?')
        const body = await cmd('POST', `/session/${session}/execute/sync`, {
          script: 'return document.body.innerText.slice(0, 400)',
          args: [],
        }).catch(() => '?')
        throw new Error(`${css} never appeared on ${where} (${JSON.stringify(body)}): ${e.message}`, { cause: e })
      }
      await sleep(200)
    }
  }
}

const text = async (css) => cmd('GET', `/session/${session}/element/${await waitFor(css)}/text`)
const type = async (css, s) => cmd('POST', `/session/${session}/element/${await waitFor(css)}/value`, { text: s })
const click = async (css) => cmd('POST', `/session/${session}/element/${await waitFor(css)}/click`, {})

async function screenshot(name) {
  mkdirSync(artifacts, { recursive: true })
  writeFileSync(join(artifacts, name), Buffer.from(await cmd('GET', `/session/${session}/screenshot`), 'base64'))
}

before(async () => {
  server = await startServer()
  profile = mkdtempSync(join(tmpdir(), 'hcrm-desktop-e2e-'))
})

after(async () => {
  if (session) await cmd('DELETE', `/session/${session}`).catch(() => {})
  driver?.kill('SIGTERM')
  server?.stop()
  rmSync(profile, { recursive: true, force: true })
})

test('an incoming call pops the patient card in the desktop window with the number masked', async () => {
  const token = await server.login('agent1')
  const list = await server.api('GET', '/api/v1/patients?per_page=50', token)
  const patient = list.body.items.find((p) => p.phones_masked.length > 0)
  const target = await server.api('POST', '/api/v1/calls/dial-target', token, {
    patient_id: patient.id,
    phone_index: 0,
  })
  assert.equal(target.status, 200)
  const number = target.body.number

  // The desktop's line listens on a known port, with no registrar.
  const sipPort = await freeUdpPort()
  const account = {
    username: '8001',
    password: 'x',
    domain: '127.0.0.1',
    local_ip: '127.0.0.1',
    sip_port: sipPort,
    register: false,
  }
  const wdPort = await freeTcpPort()
  wd = `http://127.0.0.1:${wdPort}`
  driver = spawn('WebKitWebDriver', [`--port=${wdPort}`], {
    env: {
      ...process.env,
      TAURI_WEBVIEW_AUTOMATION: 'true',
      HCRM_SERVER_URL: server.base,
      HCRM_SIP_ACCOUNT: JSON.stringify(account),
      XDG_CONFIG_HOME: join(profile, 'config'),
      XDG_DATA_HOME: join(profile, 'data'),
      WEBKIT_DISABLE_DMABUF_RENDERER: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${wd}/status`)
      break
    } catch {
      await sleep(100)
    }
  }
  session = (
    await cmd('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: desktopBin, args: [] } } },
    })
  ).sessionId

  // The agent signs in inside the desktop window.
  await type('input[data-test=login-username], [data-test=login-username] input', 'agent1')
  await type('input[data-test=login-password], [data-test=login-password] input', PASSWORD)
  await click('[data-test=login-submit]')
  await waitFor('[data-test=side-menu]', 30)
  await sleep(1000) // the session reaches the desktop (phone_set_session)

  // The patient phones the agent's extension.
  const dir = mkdtempSync(join(profile, 'sipp-'))
  const scenario = readFileSync(join(root, 'src-tauri', 'tests', 'sipp', 'patient-calls.xml'), 'utf8').replaceAll(
    '{NUMBER}',
    number,
  )
  writeFileSync(join(dir, 'calls.xml'), scenario)
  const callerPort = await freeUdpPort()
  const sipp = spawn(
    'sipp',
    [
      '-sf',
      join(dir, 'calls.xml'),
      '-i',
      '127.0.0.1',
      '-p',
      String(callerPort),
      '-m',
      '1',
      '-timeout',
      '60s',
      '-nostdin',
      '-trace_err',
      `127.0.0.1:${sipPort}`,
    ],
    { cwd: dir, stdio: 'ignore' },
  )
  const sippDone = new Promise((res) => sipp.on('exit', (code) => res(code)))

  try {
    // Before answering: the card of the right patient, every number masked.
    const name = await text('[data-test=incoming-patient-name]')
    assert.ok(name.includes(patient.name), `card shows ${name}, expected ${patient.name}`)
    const shown = await text('[data-test=incoming-number]')
    assert.ok(shown.includes('*') && !shown.includes(number), `the toast masks the number: ${shown}`)
    const phones = await text('[data-test=incoming-patient-phones]')
    assert.ok(!phones.includes(number), `the card masks the phones: ${phones}`)
    await screenshot('screen-pop.png')

    await click('[data-test=incoming-answer]')
    assert.equal(await sippDone, 0, 'the patient heard an answer and hung up normally')
  } finally {
    sipp.kill()
  }
  // The call is in the patient's history, answered, from the number.
  let calls
  for (let i = 0; i < 50; i++) {
    calls = await server.api('GET', `/api/v1/patients/${patient.id}/calls`, token)
    if (
      calls.body?.items?.some?.((c) => c.disposition === 'answered') ||
      calls.body?.some?.((c) => c.disposition === 'answered')
    )
      break
    await sleep(200)
  }
  const items = calls.body.items ?? calls.body
  const call = items.find((c) => c.disposition === 'answered')
  assert.ok(call, `an answered call in the patient's history: ${JSON.stringify(calls.body)}`)
  assert.equal(call.direction, 'inbound')
  assert.ok(call.answered_at && call.ended_at)
})
