#!/usr/bin/env node
// Runs the pnpm version pinned in package.json#packageManager without corepack
// (corepack's signature check fails against some registries). Uses a global pnpm
// when it is the right version, otherwise fetches it once through npx.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const { packageManager } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url)))
const version = packageManager.replace(/^pnpm@/, '')
const args = process.argv.slice(2)

function globalPnpmVersion() {
  try {
    return execFileSync('pnpm', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  } catch {
    return undefined
  }
}

const env = { ...process.env, COREPACK_ENABLE_STRICT: '0', npm_config_yes: 'true' }
const result =
  globalPnpmVersion() === version
    ? spawnSync('pnpm', args, { stdio: 'inherit', env })
    : spawnSync('npx', ['--yes', `pnpm@${version}`, ...args], { stdio: 'inherit', env })
process.exit(result.status ?? 1)
