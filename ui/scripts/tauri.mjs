#!/usr/bin/env node
// Runs the Tauri CLI for ../src-tauri with this folder as the front end, from
// any working directory and on any OS (the CLI would otherwise look for
// tauri.conf.json below the current directory only).
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import cli from '@tauri-apps/cli'

const uiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
process.env.TAURI_APP_PATH = path.resolve(uiDir, '..', 'src-tauri')
process.env.TAURI_FRONTEND_PATH = uiDir

cli.run(process.argv.slice(2), 'npm run tauri').catch((err) => {
  cli.logError(err?.message ?? String(err))
  process.exit(1)
})
