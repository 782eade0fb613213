#!/usr/bin/env node
// npm 11 against a registry mirror that serves only this platform's binaries leaves the other platforms'
// optional packages out of package-lock.json, and `npm ci` then refuses the lock ("Missing: …@ from lock
// file"). This records each missing optional package with the version its parent pins and the os/cpu/libc
// its name declares, so `npm ci` accepts the lock and skips those packages on platforms they do not fit.
// Run it after any `npm install` that changed package-lock.json.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'

const lockUrl = new URL('../package-lock.json', import.meta.url)
const osTokens = {
  android: 'android',
  darwin: 'darwin',
  mac: 'darwin',
  win32: 'win32',
  win: 'win32',
  freebsd: 'freebsd',
  openbsd: 'openbsd',
  openharmony: 'openharmony',
  linux: 'linux',
}
const cpuTokens = {
  arm64: 'arm64',
  amd64: 'x64',
  x64: 'x64',
  ia32: 'ia32',
  riscv64: 'riscv64',
  loong64: 'loong64',
  ppc64: 'ppc64',
  s390x: 's390x',
  arm: 'arm',
}

function missingPackages() {
  const run = spawnSync('npm', ['ci', '--dry-run', '--no-audit', '--no-fund'], { encoding: 'utf8' })
  return [...run.stderr.matchAll(/Missing: (\S+?)@\S* from lock file/g)].map((m) => m[1])
}

function platformOf(name) {
  const tokens = name.split('/').at(-1).split(/[-_]/)
  const os = tokens.map((t) => osTokens[t]).find(Boolean)
  const cpu = tokens.map((t) => cpuTokens[t]).find(Boolean)
  const isMusl = tokens.some((t) => t.startsWith('musl'))
  return { ...(cpu && { cpu: [cpu] }), ...(os && { os: [os] }), ...(isMusl && { libc: ['musl'] }) }
}

const lock = JSON.parse(readFileSync(lockUrl, 'utf8'))
const missing = missingPackages()
for (const name of missing) {
  const parents = Object.values(lock.packages).filter((entry) => entry.optionalDependencies?.[name])
  const version = parents[0]?.optionalDependencies[name].replace(/^[\^~=]/, '')
  if (!version) throw new Error(`no parent pins ${name}`)
  const isDev = parents.every((entry) => entry.dev)
  lock.packages[`node_modules/${name}`] = {
    version,
    ...(isDev && { dev: true }),
    optional: true,
    ...platformOf(name),
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
)
writeFileSync(lockUrl, `${JSON.stringify(lock, null, 2)}\n`)
process.stdout.write(
  `recorded ${missing.length} optional platform packages; npm ci now: ${missingPackages().length} missing\n`,
)
