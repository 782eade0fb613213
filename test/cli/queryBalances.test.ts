/**
 * `decai query balances <address>` on a real chain: anvil with the ledger deployed and every role staked
 * (an application delegating to a gateway, a supplier staked by its owner for its operator). For any
 * address the query reads from the ledger what it holds in each role, and follows unbonding.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unstake } from '../../src/chain/actions/unstake.ts'
import { createDecaiClients } from '../../src/chain/client/createDecaiClients.ts'
import { ledgerParamsPresets } from '../../src/chain/contracts.generated.ts'
import { createLedger } from '../../src/chain/ledger/createLedger.ts'
import { anvilDevPrivateKeys } from '../../src/chain/localChain/devAccounts.ts'
import { registerQueryCommands } from '../../src/cli/commands/query.ts'
import { runCommandInProcess } from '../../src/cli/testing/runCommandInProcess.ts'
import type { Hex } from '../../src/protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../../src/protocol/signature/privateKeyToAddress.ts'
import { type ChainNetwork, serviceId, startChainNetwork } from '../relayminer/startChainNetwork.ts'

const TOKEN = 1_000_000n
let dir: string
let net: ChainNetwork

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-query-balances-'))
  net = await startChainNetwork({ modelSha256: 'ab'.repeat(32), dir })
})

afterAll(async () => {
  await net?.stop()
  await rm(dir, { recursive: true, force: true })
})

async function balances(addresses: readonly Hex[], format: 'json' | 'text' = 'json') {
  const ledger = ['--rpc-url', net.chain.rpcUrl, '--manifest', net.manifestFile, '--devnet-dir', dir]
  const json = format === 'json' ? ['--json'] : []
  const run = await runCommandInProcess(registerQueryCommands, [
    'query',
    'balances',
    ...addresses,
    ...ledger,
    ...json,
  ])
  expect(run.exitCode, run.err.join('\n')).toBe(0)
  return format === 'json' ? JSON.parse(run.out) : run.out
}

async function currentSession(): Promise<bigint> {
  return 1n + ((await net.head()) - net.manifest.genesisHeight) / net.manifest.numBlocksPerSession
}

describe('decai query balances <address>', { timeout: 120_000 }, () => {
  it('behavior: shows, for any address, its balance and its application, gateway and supplier stakes', async () => {
    const { application, gateway, owner, operator } = net.addresses
    const stranger = privateKeyToAddress(anvilDevPrivateKeys[9])
    const result = await balances([application, gateway, owner, operator, stranger])
    const [app, gw, own, op, none] = result.rows
    // 1 000 from the faucet each, less what each staked.
    expect(app).toMatchObject({
      address: getAddress(application),
      balance: String(500n * TOKEN),
      stake: String(500n * TOKEN),
      gateway: null,
      suppliers: [],
      application: {
        serviceId,
        stake: String(500n * TOKEN),
        pendingClaims: 0,
        unbonding: null,
        delegations: [{ gateway: getAddress(gateway), fromSession: expect.any(String), untilSession: null }],
      },
    })
    expect(gw).toMatchObject({
      balance: String(990n * TOKEN),
      stake: String(10n * TOKEN),
      application: null,
      gateway: { stake: String(10n * TOKEN), activeFromSession: expect.any(String), unbonding: null },
    })
    const supplier = {
      operator: getAddress(operator),
      owner: getAddress(owner),
      stake: String(100n * TOKEN),
      unbonding: null,
      services: [
        {
          serviceId,
          endpoint: 'http://127.0.0.1',
          fromSession: String(net.firstSession),
          untilSession: null,
        },
      ],
    }
    // The owner's tokens are at stake; the operator runs the supplier but stakes nothing of its own.
    expect(own).toMatchObject({
      balance: String(900n * TOKEN),
      stake: String(100n * TOKEN),
      suppliers: [supplier],
    })
    expect(op).toMatchObject({ stake: '0', suppliers: [supplier] })
    expect(none).toMatchObject({ balance: '0', stake: '0', application: null, gateway: null, suppliers: [] })
    // Each took effect at the session after the one it was made in: after genesis, by the network's first session.
    for (const session of [
      app.application.activeFromSession,
      app.application.delegations[0].fromSession,
      gw.gateway.activeFromSession,
      own.suppliers[0].services[0].fromSession,
    ]) {
      expect(BigInt(session)).toBeGreaterThan(1n)
      expect(BigInt(session)).toBeLessThanOrEqual(net.firstSession)
    }
    expect(BigInt(result.totalSupply)).toBeGreaterThanOrEqual(3_000n * TOKEN)
  })

  it('behavior: unbonding stakes show the amount and the session they can be withdrawn from', async () => {
    const { gateway, owner, operator } = net.addresses
    const as = (key: Hex) =>
      createLedger({
        clients: createDecaiClients({ rpcUrl: net.chain.rpcUrl, account: key }),
        manifest: net.manifest,
      })
    await unstake(as(net.keys.gateway), { role: 'gateway' })
    await unstake(as(net.keys.owner), { role: 'supplier', operator })
    const from = (await currentSession()) + 1n
    const { params } = ledgerParamsPresets.devnet
    const [gw, own] = (await balances([gateway, owner])).rows
    expect(gw.gateway.unbonding).toEqual({
      amount: String(10n * TOKEN),
      fromSession: String(from),
      withdrawableFromSession: String(from + BigInt(params.gatewayUnbondingSessions)),
    })
    expect(own.suppliers[0].unbonding).toEqual({
      amount: String(100n * TOKEN),
      fromSession: String(from),
      withdrawableFromSession: String(from + BigInt(params.supplierUnbondingSessions)),
    })
    const text = await balances([gateway], 'text')
    expect(text).toContain(
      `unbonding 10 DECAI since session ${from}, withdrawable from session ${from + BigInt(params.gatewayUnbondingSessions)}`,
    )
  })
})
