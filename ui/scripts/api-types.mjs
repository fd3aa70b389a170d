// Generates src/api/schema.d.ts, the TypeScript view of the server's OpenAPI
// document, or checks that the committed file is still what the document gives.
//
//   node scripts/api-types.mjs gen   [SOURCE]   (npm run gen:api)
//   node scripts/api-types.mjs check [SOURCE]   (npm run check:api)
//
// SOURCE is a URL (http://127.0.0.1:8080/api/openapi.json) or a JSON file.
// Without one, the built server ($HCRM_SERVER_BIN, else
// $CARGO_TARGET_DIR/debug/hcrm-server, else ../target/debug/hcrm-server) is
// started on a throw-away SQLite database and asked for its document.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import net from 'node:net'
import openapiTS, { astToString } from 'openapi-typescript'

const here = dirname(fileURLToPath(import.meta.url))
const uiDir = resolve(here, '..')
const root = resolve(uiDir, '..')
const OUTPUT = join(uiDir, 'src', 'api', 'schema.d.ts')
const HEADER =
  "// Generated from the server's OpenAPI document by scripts/api-types.mjs\n" +
  '// (`npm run gen:api`). Do not edit by hand.\n\n'

function serverBinary() {
  if (process.env.HCRM_SERVER_BIN) return process.env.HCRM_SERVER_BIN
  return join(resolve(root, process.env.CARGO_TARGET_DIR || 'target'), 'debug', 'hcrm-server')
}

function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => res(port))
    })
    s.on('error', rej)
  })
}

/** Starts the built server on an empty database and fetches its document. */
async function documentFromServer() {
  const bin = serverBinary()
  if (!existsSync(bin)) throw new Error(`${bin} not found: build it (cargo build -p hcrm-server) or pass a URL or file`)
  const dir = mkdtempSync(join(tmpdir(), 'hcrm-api-types-'))
  const port = await freePort()
  const env = {
    ...process.env,
    HCRM_DATABASE_URL: `sqlite://${join(dir, 'hcrm.db')}`,
    HCRM_LISTEN: `127.0.0.1:${port}`,
    HCRM_RECORDINGS_DIR: join(dir, 'recordings'),
    RUST_LOG: 'warn',
  }
  const child = spawn(bin, ['serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
  let exited = false
  child.on('exit', () => (exited = true))
  try {
    const url = `http://127.0.0.1:${port}/api/openapi.json`
    for (let i = 0; i < 600 && !exited; i++) {
      try {
        const r = await fetch(url)
        if (r.ok) return await r.json()
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`${bin} did not serve ${url}`)
  } finally {
    child.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
}

async function readDocument(source) {
  if (!source) return documentFromServer()
  if (/^https?:\/\//.test(source)) {
    const r = await fetch(source)
    if (!r.ok) throw new Error(`${source}: HTTP ${r.status}`)
    return r.json()
  }
  return JSON.parse(readFileSync(resolve(process.cwd(), source), 'utf8'))
}

/**
 * The UI addresses operations by method and path; the server's operationIds
 * are handler names that repeat across domains (`list`, `stats`), which
 * openapi-typescript rejects, so they are left out.
 */
function withoutOperationIds(doc) {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      if (op && typeof op === 'object') delete op.operationId
    }
  }
  return doc
}

async function generate(doc) {
  const ast = await openapiTS(withoutOperationIds(doc), { alphabetize: true, silent: true })
  return HEADER + astToString(ast)
}

async function main() {
  const [mode, source] = process.argv.slice(2)
  if (mode !== 'gen' && mode !== 'check') {
    console.error('usage: api-types.mjs gen|check [URL or file]')
    process.exit(2)
  }
  const text = await generate(await readDocument(source))
  if (mode === 'gen') {
    writeFileSync(OUTPUT, text)
    console.log(`wrote ${OUTPUT}`)
    return
  }
  const committed = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : ''
  if (committed !== text) {
    console.error(`${OUTPUT} is not what the server's OpenAPI document gives: run \`npm run gen:api\` and commit it`)
    process.exit(1)
  }
  console.log('API types match the server')
}

main().catch((e) => {
  console.error(e.message || e)
  process.exit(1)
})
