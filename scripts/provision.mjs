#!/usr/bin/env node
// Makes sure the system programs the test suites need are here: `redis-server` (the relay's
// Redis tests) and Chromium (the end-to-end tests). Installs the missing ones with Debian's
// apt-get when running as root or with passwordless sudo; otherwise stops at once with the
// command to run. `npm test` calls this first, so a fresh clone needs nothing by hand.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0

/** What each suite needs, how to tell it is here, and which Debian package brings it. */
const needs = [
  {
    what: 'redis-server',
    present: () => Boolean(process.env.REDIS_SERVER_BIN) || onPath('redis-server'),
    aptPackage: 'redis-server',
  },
  {
    what: 'Chromium',
    present: () => existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium') || onPath('chromium'),
    aptPackage: 'chromium',
  },
]

const missing = needs.filter((need) => !need.present())
if (missing.length === 0) process.exit(0)

const packages = missing.map((need) => need.aptPackage)
const installCommand = `apt-get update && apt-get install -y ${packages.join(' ')}`
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const hasSudo =
  !isRoot && onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0
const hasApt = onPath('apt-get')

if (!hasApt || (!isRoot && !hasSudo)) {
  process.stderr.write(
    `provision: the tests need ${missing.map((need) => need.what).join(' and ')}, which ${
      missing.length > 1 ? 'are' : 'is'
    } not installed, and this user cannot install ${missing.length > 1 ? 'them' : 'it'}.\n` +
      `Run as root:  ${hasApt ? installCommand : `install ${packages.join(' ')} with your package manager`}\n` +
      '(or set REDIS_SERVER_BIN / CHROMIUM_PATH to binaries you already have), then `npm test` again.\n',
  )
  process.exit(1)
}

const sudo = isRoot ? [] : ['sudo', '-n']
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
const run = (args) => {
  const [command, ...rest] = [...sudo, ...args]
  const result = spawnSync(command, rest, { stdio: ['ignore', 'ignore', 'inherit'], env })
  if (result.status !== 0) {
    process.stderr.write(`provision: \`${args.join(' ')}\` failed (exit ${result.status}).\n`)
    process.exit(1)
  }
}

process.stdout.write(`provision: installing ${packages.join(', ')} with apt-get (once per machine)\n`)
run(['apt-get', 'update', '-qq'])
run(['apt-get', 'install', '-y', '-qq', ...packages])
const stillMissing = needs.filter((need) => !need.present())
if (stillMissing.length > 0) {
  process.stderr.write(
    `provision: ${stillMissing.map((need) => need.what).join(', ')} still missing after apt-get.\n`,
  )
  process.exit(1)
}
process.stdout.write('provision: done\n')
