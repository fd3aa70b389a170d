// Excel import in the browser: upload a file with a merged title row, read
// the preview's errors by row and column, import the good rows, download the
// error file; the HL7 inbox page shows a failed message and replays it.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync, readFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, launchBrowser, uiLogin, openMenu, artifacts } from './harness.mjs'
import { xlsx } from './xlsx.mjs'
import net from 'node:net'

let server
let browser
let hl7Port

async function freePort() {
  return new Promise((res) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => res(port))
    })
  })
}

/** Sends one MLLP frame and resolves with the ACK text. */
function mllpSend(port, text) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () =>
      sock.write(Buffer.concat([Buffer.from([0x0b]), Buffer.from(text), Buffer.from([0x1c, 0x0d])])),
    )
    let buf = Buffer.alloc(0)
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d])
      if (buf.includes(Buffer.from([0x1c, 0x0d]))) {
        sock.end()
        resolve(buf.subarray(1, buf.indexOf(0x1c)).toString())
      }
    })
    sock.on('error', reject)
  })
}

before(async () => {
  hl7Port = await freePort()
  process.env.HCRM_HL7_LISTEN = `127.0.0.1:${hl7Port}`
  server = await startServer()
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  server?.stop()
})

test('an admin previews an import, sees the bad rows, imports the good ones and gets the error file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hcrm-import-'))
  const file = join(dir, '出院名单.xlsx')
  writeFileSync(
    file,
    xlsx(
      [
        ['江淮市第一人民医院 出院患者名单'],
        [],
        ['病案号', '姓名', '联系电话', '住院号', '出院科室', '入院日期', '出院日期', 'ICD-10', '出院诊断'],
        ['E2EI01', '王五', '13800005001', 'E2EV01', 'CARD', '2026/10/28', '2026年11月3日', 'I21.9', '急性心肌梗死'],
        ['E2EI02', '赵六', '１３８００００５００２', 'E2EV02', '心血管内科', 46320, 46329, 'I10', '原发性高血压'],
        [],
        ['E2EI04', '钱七', '13800005004', 'E2EV04', 'CARD', '2026-10-30', '下周', 'I10', ''],
      ],
      ['A1:I1'],
    ),
  )

  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
  })
  const page = await context.newPage()
  await uiLogin(page, server.base, 'admin')
  await openMenu(page, '/imports')
  await page.locator('[data-test=import-file]').setInputFiles(file)

  // The preview: three data rows (the blank one skipped), one bad.
  await page.locator('[data-test=import-sample]').waitFor()
  assert.equal(await page.locator('[data-test=import-total]').textContent(), '3')
  assert.equal(await page.locator('[data-test=import-error-rows]').textContent(), '1')
  const error = page.locator('[data-test="import-error-7"]')
  assert.equal(await error.textContent(), 'row 7, column 出院日期: not a date: "下周"')
  // Nothing is written by the preview.
  const token = await server.login('admin')
  const before = await server.api('GET', '/api/v1/patients?q=E2EI01', token)
  assert.equal(before.body.total, 0)

  // All-or-nothing is not possible with a bad row; the good rows are.
  await page.locator('[data-test=import-mode-all]').click()
  assert.equal(await page.locator('[data-test=import-commit]').isDisabled(), true)
  await page.locator('[data-test=import-mode-good]').click()
  await page.locator('[data-test=import-commit]').click()
  await page.locator('[data-test=import-done]').waitFor()
  assert.equal(await page.locator('[data-test=import-imported]').textContent(), '2')
  const after = await server.api('GET', '/api/v1/patients?q=E2EI02', token)
  assert.equal(after.body.total, 1)

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-test=import-error-file]').click(),
  ])
  const saved = join(artifacts, 'import-errors.xlsx')
  await download.saveAs(saved)
  assert.equal(readFileSync(saved).subarray(0, 2).toString(), 'PK', 'an .xlsx (zip) file')
  await page.screenshot({ path: join(artifacts, 'import-done.png'), fullPage: true })

  // The same file again: recognised, nothing written.
  await page.locator('[data-test=import-again]').click()
  await page.locator('[data-test=import-file]').setInputFiles(file)
  await page.locator('[data-test=import-duplicate]').waitFor()
  await context.close()
})

test('an admin finds a failed HL7 message in the inbox, reads it and replays it after the fix', async () => {
  const msg =
    [
      'MSH|^~\\&|HIS|HOSP1|HCRM|HOSP1|20261103083000||ADT^A01^ADT_A01|E2EHL7|P|2.5|||||CHN|UNICODE UTF-8',
      'EVN|A01|20261103083000',
      'PID|1||E2EH01^^^HIS^MR||周^八||19800615|M',
      'PV1|1|I|NEWW^301^2' + '|'.repeat(16) + 'E2EHV1',
    ].join('\r') + '\r'
  let ack = ''
  for (let i = 0; i < 50 && !ack; i++) {
    try {
      ack = await mllpSend(hl7Port, msg)
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  assert.match(ack, /MSA\|AE\|E2EHL7/)

  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } })
  const page = await context.newPage()
  await uiLogin(page, server.base, 'admin')
  await openMenu(page, '/admin/hl7')
  await page.locator('[data-test=hl7-control-id] input, input[data-test=hl7-control-id]').first().fill('E2EHL7')
  await page.locator('[data-test=hl7-search]').click()
  const rows = page.locator('[data-test=hl7-table] .el-table__body tr')
  await rows.first().waitFor()
  assert.equal(await rows.count(), 1)
  assert.match(await rows.first().textContent(), /PV1-3: department "NEWW" is not known/)
  await page.locator('[data-test^=hl7-view-]').first().click()
  await page.locator('[data-test=hl7-raw]').waitFor()
  assert.match(await page.locator('[data-test=hl7-raw]').textContent(), /PID\|1\|\|E2EH01/)
  assert.match(await page.locator('[data-test=hl7-ack]').textContent(), /ERR\|PV1\^1\^3\^103/)

  const token = await server.login('admin')
  const dept = await server.api('POST', '/api/v1/departments', token, {
    code: 'NEWW',
    name: '新病区',
    kind: 'clinical',
  })
  assert.equal(dept.status, 201)
  await page.locator('[data-test=hl7-replay]').click()
  await page.locator('[data-test=hl7-drawer]').getByText('已处理 (AA)').waitFor()
  await page.screenshot({ path: join(artifacts, 'hl7-inbox.png'), fullPage: true })
  const found = await server.api('GET', '/api/v1/patients?q=E2EH01', token)
  assert.equal(found.body.total, 1)
  await context.close()
})
