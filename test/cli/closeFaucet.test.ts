/**
 * `decai chain close-faucet` on a real chain: governance ends the initial distribution for good. It asks
 * for --yes, `chain status` shows the faucet's state, and afterwards `chain faucet` is refused by the
 * token itself.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerChainCommands } from '../../src/cli/commands/chain.ts'
import { runCommandInProcess } from '../../src/cli/testing/runCommandInProcess.ts'
import { type ChainNetwork, startChainNetwork } from '../relayminer/startChainNetwork.ts'

let dir: string
let net: ChainNetwork

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-close-faucet-'))
  net = await startChainNetwork({ modelSha256: 'ab'.repeat(32), dir })
})

afterAll(async () => {
  await net?.stop()
  await rm(dir, { recursive: true, force: true })
})

const KEY_ENV = 'DECAI_TEST_GOVERNANCE_KEY'

async function chain(...args: string[]) {
  const ledger = ['--rpc-url', net.chain.rpcUrl, '--manifest', net.manifestFile]
  process.env[KEY_ENV] = net.keys.governance
  return runCommandInProcess(registerChainCommands, ['chain', ...args, ...ledger, '--json'])
}

async function faucetOpen(): Promise<boolean> {
  const run = await chain('status')
  expect(run.exitCode, run.err.join('\n')).toBe(0)
  return JSON.parse(run.out).faucetOpen
}

describe('decai chain close-faucet', { timeout: 120_000 }, () => {
  it('behavior: refuses without --yes and leaves the faucet open', async () => {
    const run = await chain('close-faucet', '--private-key-env', KEY_ENV)
    expect(run.exitCode).not.toBe(0)
    expect(JSON.parse(run.out).error).toMatchObject({ code: 'CLI_INVALID_ARGUMENT' })
    expect(await faucetOpen()).toBe(true)
  })

  it('behavior: closes the faucet for good; chain faucet is then refused and a second close is a no-op', async () => {
    const recipient = '0x000000000000000000000000000000000000dEaD'
    const mint = await chain('faucet', '--private-key-env', KEY_ENV, '--to', recipient, '--amount', '5')
    expect(mint.exitCode, mint.err.join('\n')).toBe(0)

    const close = await chain('close-faucet', '--private-key-env', KEY_ENV, '--yes')
    expect(close.exitCode, close.err.join('\n')).toBe(0)
    expect(JSON.parse(close.out)).toMatchObject({
      faucetOpen: false,
      closed: { blockNumber: expect.any(String) },
    })
    expect(await faucetOpen()).toBe(false)

    const refused = await chain('faucet', '--private-key-env', KEY_ENV, '--to', recipient, '--amount', '5')
    expect(refused.exitCode).not.toBe(0)
    expect(JSON.parse(refused.out).error.message).toMatch(/FaucetClosed/)

    const again = await chain('close-faucet', '--private-key-env', KEY_ENV, '--yes')
    expect(again.exitCode, again.err.join('\n')).toBe(0)
    expect(JSON.parse(again.out)).toEqual({ faucetOpen: false, closed: null })
  })
})
