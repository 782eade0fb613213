import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterAll, describe, expect, it } from 'vitest'
import { devnetPlan } from '../../src/cli/devnet/devnetPlan.ts'
import type { Hex } from '../../src/protocol/bytes/bytes.ts'
import { expectMoneyMoved, expectSettlementsFollowProtocol } from './support/expectLedgerMatchesProtocol.ts'
import {
  openLedgerViewAt,
  readChainPosition,
  snapshotMoney,
  waitForFreshSession,
} from './support/ledgerView.ts'
import { assertNetnsAvailable, createNetnsLab, type NetnsLab } from './support/netnsLab.ts'
import { sendChats } from './support/sendChats.ts'
import { type HostsNetwork, startHostsNetwork } from './support/startHostsNetwork.ts'
import { waitForSettled } from './support/waitForSettled.ts'

// The network on separate hosts: Linux network namespaces on one private switch, made by the test itself
// (root and iproute2 required: the test fails, never skips, without them). The test process is the
// client host. One supplier host is killed and another cut off the switch under load.

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('e2e: chain, suppliers and gateway on separate hosts', () => {
  it('gateway keeps serving when one supplier host dies and another is partitioned; the survivor settles', async () => {
    assertNetnsAvailable()
    const supplierHosts = ['supplier-1', 'supplier-2', 'supplier-3']
    const lab: NetnsLab = createNetnsLab(['chain', ...supplierHosts, 'gateway'])
    cleanups.push(() => lab.destroy())
    const dataDir = await mkdtemp(join(tmpdir(), 'decai-e2e-hosts-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    // Every role's log is kept with the test output: a failure here is read from them.
    cleanups.push(() =>
      cp(join(dataDir, 'logs'), 'test-output/e2e-hosts', { recursive: true }).catch(() => {}),
    )
    const network: HostsNetwork = await startHostsNetwork({ lab, dataDir, supplierHosts })
    cleanups.push(() => network.stop())
    const accounts = {
      champion: network.keys.champion,
      dao: network.keys.dao,
      gateway: network.keys.gateway,
      application: network.keys.application,
      suppliers: network.keys.suppliers.map((s) => ({
        owner: s.owner.address,
        operator: s.operator.address,
      })),
    }
    const ledger = await openLedgerViewAt(network.rpcUrl, network.paths.manifest)
    const client = new OpenAI({ baseURL: network.gatewayUrl, apiKey: network.apiKey, maxRetries: 0 })
    const application = accounts.application.address as Hex
    const fromBlock = await ledger.clients.publicClient.getBlockNumber()
    const before = await snapshotMoney(ledger, accounts)

    await waitForFreshSession(ledger)
    expect(await sendChats(client, { model: devnetPlan.serviceId, count: 9 })).toBe(9)

    const [killed, partitioned, survivor] = network.relayMiners as [
      HostsNetwork['relayMiners'][number],
      HostsNetwork['relayMiners'][number],
      HostsNetwork['relayMiners'][number],
    ]
    process.kill(-killed.role.child.pid!, 'SIGKILL')
    await killed.role.exited
    lab.removeHost(killed.host)
    lab.partition(partitioned.host)
    const failures: unknown[] = []
    const served = await sendChats(client, {
      model: devnetPlan.serviceId,
      count: 12,
      onError: (error) => failures.push(error),
    })
    const afterFailures = await readChainPosition(ledger)
    for (const error of failures) console.info(`hosts: failed request: ${String(error)}`)

    const outcome = await waitForSettled(ledger, { application, fromBlock })
    const after = await snapshotMoney(ledger, accounts)
    const bySupplier = (operator: string) =>
      outcome.settlements.filter((s) => s.supplier.toLowerCase() === operator.toLowerCase())
    const survivorMined = await readMined(survivor.url)
    const survivorClaimed = outcome.claims
      .filter((c) => c.supplier.toLowerCase() === survivor.operator.toLowerCase())
      .reduce((sum, c) => sum + c.relays, 0n)

    // The gateway routed around both failures, and the survivor was paid for every relay it mined.
    expect(served / 12).toBeGreaterThanOrEqual(0.9)
    expect(survivorClaimed).toBe(survivorMined)
    expect(bySupplier(survivor.operator).length).toBeGreaterThan(0)
    const expected = await expectSettlementsFollowProtocol(ledger, outcome, after.applicationStake)
    expectMoneyMoved(before, after, expected)
    console.info(
      `hosts: gateway success ${served}/12 after the failures (${failures.length} failed, session ${afterFailures.session}); ` +
        `settlements: killed ${bySupplier(killed.operator).length}, partitioned ${bySupplier(partitioned.operator).length}, ` +
        `survivor ${bySupplier(survivor.operator).length} (${survivorClaimed} relays, ${expected.burned} base units burned in all)`,
    )
  }, 420_000)
})

async function readMined(relayMinerUrl: string): Promise<bigint> {
  const text = await (await fetch(`${relayMinerUrl}/metrics`)).text()
  return text
    .split('\n')
    .filter((line) => line.startsWith('relayminer_relays_mined_total'))
    .reduce((sum, line) => sum + BigInt(line.trim().split(/\s+/).pop()!), 0n)
}
