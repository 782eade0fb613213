/**
 * What `decai` says when it cannot do what was asked: each error names what went wrong and the option or
 * command that gets past it. Run without a chain: in-process for the command errors, and through the real
 * `bin/decai.js` for commander's own argument errors (they exit the process).
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Command } from 'commander'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerAppCommands } from '../../src/cli/commands/app.ts'
import { registerDevnetCommands } from '../../src/cli/commands/devnet.ts'
import { registerQueryCommands } from '../../src/cli/commands/query.ts'
import { registerRelayCommands } from '../../src/cli/commands/relay.ts'
import { runCommandInProcess } from '../../src/cli/testing/runCommandInProcess.ts'

const decaiBin = fileURLToPath(new URL('../../bin/decai.js', import.meta.url))

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-cli-hints-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

// Runs one command with --json against an empty devnet directory; returns its JSON error and stderr.
async function jsonError(register: (program: Command) => void, args: string[]) {
  const run = await runCommandInProcess(register, [...args, '--devnet-dir', join(dir, 'none'), '--json'])
  expect(run.exitCode).toBe(1)
  return { error: JSON.parse(run.out).error, stderr: run.err.join('\n') }
}

const startOne = ['Start one with `npm start` (or `decai devnet --data-dir <dir>`),']

describe('errors without a devnet say to start one, or which options replace it', () => {
  it.each([
    [
      'query session',
      registerQueryCommands,
      ['query', 'session'],
      'or pass --application and --service, with --rpc-url and --manifest, for another chain.',
    ],
    [
      'relay send',
      registerRelayCommands,
      ['relay', 'send', '--prompt', 'Hello'],
      'or pass --application and --service, with --rpc-url and --manifest, for another chain.',
    ],
    [
      'query balances',
      registerQueryCommands,
      ['query', 'balances'],
      'or pass the addresses to read (`decai query balances 0x…`), with --rpc-url and --manifest, for another chain.',
    ],
    [
      'query difficulty',
      registerQueryCommands,
      ['query', 'difficulty'],
      'or pass --service, with --rpc-url and --manifest, for another chain.',
    ],
  ])('%s', async (_name, register, args, passInstead) => {
    const { error, stderr } = await jsonError(register, args)
    expect(error).toEqual({
      code: 'CLI_DEVNET_NOT_FOUND',
      message: `No devnet keys (keys.json) in ${join(dir, 'none')}.`,
      hints: [...startOne, passInstead],
    })
    expect(stderr).toContain(passInstead)
  })

  it('app stake --as: --as needs a devnet, and --key or --private-key-env sign without one', async () => {
    const { error } = await jsonError(registerAppCommands, [
      'app',
      'stake',
      '--as',
      'application',
      '--service',
      'decai-tiny',
      '--amount',
      '10',
    ])
    expect(error.code).toBe('CLI_DEVNET_NOT_FOUND')
    expect(error.hints).toEqual([
      ...startOne,
      'or pass --key <name> (see `decai keys list`) or --private-key-env <VAR> instead of --as, with --rpc-url and --manifest, for another chain.',
    ])
  })
})

describe('devnet options', () => {
  it('--suppliers beyond the relayminer ports suggests a --relayminer-ports list that fits', async () => {
    const run = await runCommandInProcess(registerDevnetCommands, [
      'devnet',
      '--suppliers',
      '4',
      '--data-dir',
      join(dir, 'devnet'),
      '--json',
    ])
    expect(run.exitCode).toBe(1)
    expect(JSON.parse(run.out).error).toEqual({
      code: 'CLI_INVALID_ARGUMENT',
      message: 'Invalid --relayminer-ports: 4 suppliers need 4 ports, got 3.',
      hints: ['Give one per supplier, e.g. --relayminer-ports 8081,8082,8083,8084'],
    })
  })
})

type Run = { code: number; stdout: string; stderr: string }
function decai(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [decaiBin, ...args],
      { cwd: dir, env: { ...process.env, HOME: dir } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

describe("commander's own argument errors", { timeout: 60_000 }, () => {
  it("with --json: one JSON error object on stdout (CLI_INVALID_ARGUMENT), commander's message on stderr", async () => {
    const [missing, invalid] = await Promise.all([
      decai(['app', 'stake', '--amount', '1', '--json']),
      decai(['app', 'delegate', '--gateway', '0x12', '--json']),
    ])
    for (const run of [missing, invalid]) {
      expect(run.code).toBe(1)
      expect(run.stdout.trim().split('\n')).toHaveLength(1)
    }
    expect(JSON.parse(missing.stdout)).toEqual({
      error: {
        code: 'CLI_INVALID_ARGUMENT',
        message: "required option '--service <id>' not specified",
        hints: ['Run the command with --help for its options and arguments.'],
      },
    })
    expect(missing.stderr).toContain("error: required option '--service <id>' not specified")
    expect(JSON.parse(invalid.stdout).error).toMatchObject({
      code: 'CLI_INVALID_ARGUMENT',
      message: expect.stringContaining("argument '0x12' is invalid"),
    })
  })

  it("without --json: commander's message and the usage, nothing on stdout", async () => {
    const run = await decai(['app', 'stake', '--amount', '1', '--service', 's', '--bogus'])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain("error: unknown option '--bogus'")
    expect(run.stderr).toContain('Usage: decai app stake')
  })

  it('--help with --json is still help, not an error', async () => {
    const run = await decai(['query', '--help', '--json'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Usage: decai query')
  })
})
