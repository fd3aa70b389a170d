// Starts the real hcrm-server (built by cargo) on a fresh SQLite database
// with demo data and the built UI, and Debian's Chromium through
// playwright-core. No mocks: every page talks to the real API.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import net from 'node:net'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
export const root = resolve(here, '../..')
export const PASSWORD = 'Hcrm@2026'
export const artifacts = join(root, 'test-artifacts', 'ui-e2e')

const cargoTarget = () => resolve(root, process.env.CARGO_TARGET_DIR || 'target')

function serverBinary() {
  if (process.env.HCRM_SERVER_BIN) return process.env.HCRM_SERVER_BIN
  return join(cargoTarget(), 'debug', 'hcrm-server')
}

/** The `xlsx-cells` binary (tests/src/bin), built by scripts/test.sh before the specs run. */
export function xlsxCellsBinary() {
  return process.env.HCRM_XLSX_CELLS_BIN || join(cargoTarget(), 'debug', 'xlsx-cells')
}

async function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => res(port))
    })
    s.on('error', rej)
  })
}

/** A running server: { base, stop(), api(method, path, token, body) }. */
/** `patients`: how many demo patients per hospital (a larger queue for the agent-day spec). */
export async function startServer({ patients = 60 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hcrm-e2e-'))
  const env = {
    ...process.env,
    HCRM_DATABASE_URL: `sqlite://${join(dir, 'hcrm.db')}`,
    HCRM_UI_DIR: join(root, 'ui', 'dist'),
    HCRM_ARGON2_MEMORY_KIB: '1024',
    HCRM_RECORDINGS_DIR: join(dir, 'recordings'),
    RUST_LOG: 'warn',
  }
  const bin = serverBinary()
  const demo = spawnSync(bin, ['demo-data', '--patients', String(patients)], { env, encoding: 'utf8' })
  if (demo.status !== 0) throw new Error(`demo-data failed: ${demo.stderr}`)
  const port = await freePort()
  env.HCRM_LISTEN = `127.0.0.1:${port}`
  const child = spawn(bin, ['serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`${base}/healthz`)
      if (r.ok) break
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  async function api(method, path, token, body) {
    const headers = { 'content-type': 'application/json' }
    if (token) headers.authorization = `Bearer ${token}`
    const r = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined })
    const text = await r.text()
    return { status: r.status, body: text ? JSON.parse(text) : null }
  }
  async function login(username, password = PASSWORD) {
    const r = await api('POST', '/api/v1/auth/login', null, { username, password })
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`)
    return r.body.token
  }
  return {
    base,
    api,
    login,
    /** The SQLite file, for specs that must age a row (e.g. an expired link). */
    dbPath: join(dir, 'hcrm.db'),
    stop() {
      child.kill('SIGTERM')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser() {
  mkdirSync(artifacts, { recursive: true })
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** An Element Plus input: the data-test attribute lands on the native input. */
export function field(page, name) {
  return page.locator(`input[data-test="${name}"], [data-test="${name}"] input`).first()
}

/** Signs in through the login page and waits for the layout. */
export async function uiLogin(page, base, username, password = PASSWORD) {
  await page.goto(`${base}/login`)
  await field(page, 'login-username').fill(username)
  await field(page, 'login-password').fill(password)
  await page.locator('[data-test=login-submit]').click()
  await page.locator('[data-test=side-menu]').waitFor()
}

/** Clicks a side-menu entry, opening its group first when folded. */
export async function openMenu(page, path) {
  const item = page.locator(`[data-test="menu-${path}"]`)
  if (!(await item.isVisible())) {
    // The group that holds the entry, not merely the first group.
    const group = page.locator('[data-test=side-menu] .el-sub-menu').filter({ has: item })
    await group.locator('.el-sub-menu__title').first().click()
  }
  await item.click()
}

/** The data-test ids of the visible menu entries, sorted. */
export async function menuEntries(page) {
  const ids = await page
    .locator('[data-test^="menu-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-test')))
  return ids.sort()
}
