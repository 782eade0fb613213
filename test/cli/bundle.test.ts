/**
 * The bundled command line (`npm run build`, run by `npm ci` too): built in a temporary copy of the package,
 * it finds what ships beside it (the explorer's built app, bench/, the native addons' packages) from
 * dist/cli as the sources do from src/; and bin/decai.js runs it only while no file it was built from has
 * changed, the sources through tsx otherwise.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  anvilDevPrivateKeys,
  type StartLocalChainReturnType,
  startLocalChain,
} from '../../src/chain/index.ts'
import { commandGroupNames } from '../../src/cli/createProgram.ts'
import { privateKeyToAddress } from '../../src/protocol/signature/privateKeyToAddress.ts'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const description = 'decai: a permissionless LLM inference network'
const password = 'correct horse battery staple'

type Run = { code: number; stdout: string; stderr: string }

let copy: string
let work: string
const children: ChildProcess[] = []

// A copy of what the package is made of (node_modules linked), so that building and touching files here
// never changes the checkout.
beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'decai-cli-bundle-'))
  for (const path of ['package.json', 'tsconfig.json', 'bin', 'bench', 'src', 'scripts/build-cli.mjs'])
    cpSync(join(repoRoot, path), join(copy, path), { recursive: true })
  symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'))
  work = join(copy, 'work')
  mkdirSync(work)
})

afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
  rmSync(copy, { recursive: true, force: true })
})

function run(script: string, args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(copy, script), ...args],
      { cwd: work, env: { ...process.env, HOME: work, DECAI_KEY_PASSWORD: password, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

// The bundle itself, not bin/decai.js's choice (the last describe checks that).
async function bundled(args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const result = await run('dist/cli/main.js', args, env)
  expect(result.code, `decai ${args.join(' ')}\n${result.stderr}`).toBe(0)
  return result.stdout
}

describe('the bundled CLI', { timeout: 120_000 }, () => {
  let chain: StartLocalChainReturnType

  beforeAll(async () => {
    const build = await run('scripts/build-cli.mjs', [])
    expect(build.code, build.stderr).toBe(0)
    chain = await startLocalChain({ port: 0 })
  })

  afterAll(async () => {
    await chain?.stop()
  })

  it('behavior: npm run build writes dist/cli/main.js and a stamp of the source files it bundled', () => {
    const stamp = JSON.parse(readFileSync(join(copy, 'dist/cli/build-stamp.json'), 'utf8'))
    const paths = stamp.inputs.map(([path]: [string, number]) => path)
    expect(paths).toContain('src/cli/main.ts')
    expect(paths).toContain('src/cli/commands/keys.ts')
    expect(paths.some((path: string) => path.startsWith('node_modules/'))).toBe(false)
    for (const [path, mtimeMs] of stamp.inputs) expect(statSync(join(copy, path)).mtimeMs).toBe(mtimeMs)
  })

  it('behavior: --help lists every command, and bench --help the groups in the package’s bench/', async () => {
    const help = await bundled(['--help'])
    expect(help).toContain(description)
    for (const name of commandGroupNames) expect(help).toMatch(new RegExp(`^  ${name} `, 'm'))
    const groups = readdirSync(join(copy, 'bench'))
      .filter((name) => name.endsWith('.ts') && name !== 'run.ts')
      .map((name) => name.slice(0, -3))
      .sort()
    expect(groups.length).toBeGreaterThan(0)
    expect(await bundled(['bench', '--help'])).toContain(`Groups: ${groups.join(', ')}`)
  })

  it('behavior: keys import stores an encrypted key with the right address (native secp256k1 and keccak from dist/cli)', async () => {
    const key = anvilDevPrivateKeys[0]
    const imported = JSON.parse(
      await bundled(
        [
          'keys',
          'import',
          '--name',
          'deployer',
          '--private-key-env',
          'DEV_KEY',
          '--keystore-dir',
          'ks',
          '--light',
          '--json',
        ],
        { DEV_KEY: key },
      ),
    )
    expect(imported.address).toBe(privateKeyToAddress(key))
    const listed = JSON.parse(await bundled(['keys', 'list', '--keystore-dir', 'ks', '--json']))
    expect(listed.keys.map((entry: { name: string }) => entry.name)).toEqual(['deployer'])
  })

  it('behavior: explorer serves the built browser app from src/explorer/ui/dist', async () => {
    await bundled([
      'chain',
      'deploy',
      '--key',
      'deployer',
      '--keystore-dir',
      'ks',
      '--rpc-url',
      chain.rpcUrl,
      '--out',
      'deployment.json',
      '--json',
    ])
    const explorer = spawn(
      process.execPath,
      [
        join(copy, 'dist/cli/main.js'),
        'explorer',
        ...['--rpc-url', chain.rpcUrl, '--manifest', 'deployment.json', '--port', '0'],
        ...['--log-level', 'warn'],
      ],
      { cwd: work, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    children.push(explorer)
    let stdout = ''
    explorer.stdout!.setEncoding('utf8')
    const url = await new Promise<string>((resolve, reject) => {
      explorer.stdout!.on('data', (chunk: string) => {
        stdout += chunk
        const match = /explorer at (\S+)/.exec(stdout)
        if (match) resolve(match[1]!)
      })
      explorer.once('exit', (code) => reject(new Error(`explorer exited (${code}) before listening`)))
    })
    const page = await fetch(url)
    expect(page.status).toBe(200)
    expect(await page.text()).toBe(readFileSync(join(copy, 'src/explorer/ui/dist/index.html'), 'utf8'))
    explorer.kill('SIGTERM')
    await once(explorer, 'exit')
  })
})

describe('bin/decai.js', { timeout: 120_000 }, () => {
  const source = 'src/cli/createProgram.ts'
  const marker = '[bundle]'

  // Marks the bundle's copy of the program's description, so that the output tells which one ran.
  async function buildAndMark(): Promise<void> {
    const build = await run('scripts/build-cli.mjs', [])
    expect(build.code, build.stderr).toBe(0)
    const outdir = join(copy, 'dist/cli')
    const phrase = 'a permissionless LLM inference network'
    const chunk = readdirSync(outdir).find((name) =>
      readFileSync(join(outdir, name), 'utf8').includes(phrase),
    )!
    const text = readFileSync(join(outdir, chunk), 'utf8')
    writeFileSync(join(outdir, chunk), text.replace(phrase, `${marker} ${phrase}`))
  }

  async function help(): Promise<string> {
    const result = await run('bin/decai.js', ['--help'])
    expect(result.code, result.stderr).toBe(0)
    return result.stdout
  }

  beforeAll(buildAndMark)

  it('behavior: runs the bundle while every file it was built from is as the build saw it', async () => {
    expect(await help()).toContain(`decai: ${marker} a permissionless`)
  })

  it('behavior: a source file whose time changed since the build (newer, or older as a copy keeping times leaves it) makes it run the sources through tsx', async () => {
    const file = join(copy, source)
    const { atime, mtime } = statSync(file)
    utimesSync(file, atime, new Date(mtime.getTime() + 1000))
    expect(await help()).toContain(description)
    utimesSync(file, atime, new Date(mtime.getTime() - 86_400_000))
    expect(await help()).toContain(description)
  })

  it('behavior: an edited source takes effect at once; a rebuild brings the bundle back, edit included', async () => {
    const file = join(copy, source)
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('decai: a permissionless', 'decai (edited): a permissionless'),
    )
    const edited = await help()
    expect(edited).toContain('decai (edited): a permissionless')
    expect(edited).not.toContain(marker)
    await buildAndMark()
    expect(await help()).toContain(`decai (edited): ${marker} a permissionless`)
  })

  it('behavior: without a stamp (an interrupted or failed build) it runs the sources', async () => {
    rmSync(join(copy, 'dist/cli/build-stamp.json'))
    expect(await help()).not.toContain(marker)
  })
})
