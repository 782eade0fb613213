import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterAll, describe, expect, it } from 'vitest'
import { registerQueryCommands } from '../../src/cli/commands/query.ts'
import { queryDifficulty } from '../../src/cli/query/querySession.ts'
import { runCommandInProcess } from '../../src/cli/testing/runCommandInProcess.ts'
import type { Hex } from '../../src/protocol/bytes/bytes.ts'
import {
  expectDifficultyFollowsProtocol,
  expectMoneyMoved,
  expectSettlementsFollowProtocol,
} from './support/expectLedgerMatchesProtocol.ts'
import { findDevnetPorts } from './support/findFreePorts.ts'
import {
  openLedgerView,
  readChainPosition,
  readMinedRelays,
  snapshotMoney,
  waitFor,
  waitForFreshSession,
} from './support/ledgerView.ts'
import { sendChats } from './support/sendChats.ts'
import { type DevnetPorts, type DevnetProcess, startDevnetProcess } from './support/startDevnetProcess.ts'
import { waitForSettled } from './support/waitForSettled.ts'

// The whole network as a newcomer runs it (`decai devnet`, what `npm start` runs), driven from outside:
// the official openai SDK against the gateway, and the ledger read over JSON-RPC like any observer.
// Every expected number comes from src/protocol; nothing here asserts on time.

const maxTarget = 2n ** 256n - 1n
const cleanups: Array<() => Promise<unknown>> = []
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function createDataDir(name: string): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), `decai-e2e-${name}-`))
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
  return dataDir
}

async function startDevnet(
  dataDir: string,
  ports: DevnetPorts,
  options: { params?: Record<string, number>; extraArgs?: string[] } = {},
): Promise<DevnetProcess> {
  const devnet = await startDevnetProcess({ dataDir, ports, ...options })
  cleanups.push(() => devnet.stop())
  return devnet
}

// Ports are found free, released, then bound by the devnet's processes: another test binding port 0 in
// between can take one. Only that failure earns a second try, on fresh ports and a fresh data directory.
async function startFreshDevnet(
  name: string,
  options: { params?: Record<string, number>; extraArgs?: string[] } = {},
): Promise<{ devnet: DevnetProcess; dataDir: string; ports: DevnetPorts }> {
  for (let attempt = 1; ; attempt++) {
    const dataDir = await createDataDir(name)
    const ports = await findDevnetPorts(3)
    try {
      return { devnet: await startDevnet(dataDir, ports, options), dataDir, ports }
    } catch (error) {
      const isPortTaken = /EADDRINUSE|already in use/.test(String(error))
      if (attempt > 1 || !isPortTaken) throw error
    }
  }
}

// `decai query settlements --json` shows, for each settled claim, what it minted to whom: summed per
// recipient, exactly the credits src/protocol computes, each named by its role.
async function expectSettlementsQueryShowsSplit(parameters: {
  dataDir: string
  fromBlock: bigint
  expected: { credits: Map<string, bigint> }
  status: DevnetProcess['status']
}): Promise<void> {
  const { dataDir, fromBlock, expected, status } = parameters
  const run = await runCommandInProcess(registerQueryCommands, [
    'query',
    'settlements',
    '--devnet-dir',
    dataDir,
    '--from-block',
    String(fromBlock),
    '--json',
  ])
  expect(run.exitCode, run.err.join('\n')).toBe(0)
  const { settlements } = JSON.parse(run.out) as {
    settlements: {
      outcome: string
      minted: string
      inflationMinted: string
      mints: { recipient: string; role: string; amount: string }[]
    }[]
  }
  const minted = new Map<string, bigint>()
  const roles = new Map<string, string>()
  for (const settlement of settlements.filter((s) => s.outcome === 'settled')) {
    expect(settlement.mints.reduce((sum, mint) => sum + BigInt(mint.amount), 0n)).toBe(
      BigInt(settlement.minted) + BigInt(settlement.inflationMinted),
    )
    for (const { recipient, role, amount } of settlement.mints) {
      minted.set(recipient.toLowerCase(), (minted.get(recipient.toLowerCase()) ?? 0n) + BigInt(amount))
      roles.set(recipient.toLowerCase(), role)
    }
  }
  expect(minted).toEqual(new Map([...expected.credits].filter(([, amount]) => amount > 0n)))
  expect(roles.get(status.champion.address.toLowerCase())).toBe('champion')
  expect(roles.get(status.dao.address.toLowerCase())).toBe('dao')
  expect(roles.get(status.suppliers[0]!.owner.toLowerCase())).toBe('supplier')
}

// docs/devnet.md: "the chain pauses while the network is down". Ctrl-C switches anvil back to automine
// first thing, a restart keeps it there until every role is ready, and a resume with nothing to provision
// does not skip to the next session; in automine a block is mined per transaction and none otherwise. So
// between the last read before the stop and the first read after the restart the chain grows only by the
// transactions sent while starting, plus the interval blocks of two short gaps: between the read and the
// pause, and between production resuming and the read. Usually one block each; a loaded machine can stretch
// those gaps, so the bound allows two each, and the network was down for far longer than that (the stop and
// a restart of every role), so a chain that kept running would have shown many more. The session that was
// running goes on.
async function expectChainPausedWhileDown(
  ledger: Awaited<ReturnType<typeof openLedgerView>>,
  stoppedAt: Awaited<ReturnType<typeof readChainPosition>>,
  resumedAt: Awaited<ReturnType<typeof readChainPosition>>,
  downBlockTimes: number,
): Promise<void> {
  expect(resumedAt.height).toBeGreaterThanOrEqual(stoppedAt.height)
  const heights = Array.from(
    { length: Number(resumedAt.height - stoppedAt.height) },
    (_, i) => stoppedAt.height + 1n + BigInt(i),
  )
  const blocks = await Promise.all(
    heights.map((blockNumber) => ledger.clients.publicClient.getBlock({ blockNumber })),
  )
  const emptyBlocks = blocks.filter((block) => block.transactions.length === 0).length
  expect(emptyBlocks).toBeLessThanOrEqual(4)
  expect(downBlockTimes).toBeGreaterThan(2 * emptyBlocks)
  expect(resumedAt.session).toBe(stoppedAt.session)
}

describe('e2e: the whole loop on a local devnet', () => {
  it('application sends chats through the gateway; relays are mined, claimed, proven and settled; balances move by exactly what src/protocol computes; difficulty follows the load', async () => {
    // T = 2 relays per session and α = 1/2, so that a few dozen chats move the difficulty; every claim
    // is drawn for a proof (p = 1), so the proof path runs on every run.
    const { devnet, dataDir } = await startFreshDevnet('loop', {
      params: {
        targetRelaysPerSession: 2,
        emaAlphaNumerator: 1,
        emaAlphaDenominator: 2,
        proofRequestProbabilityNumerator: 1,
        proofRequestProbabilityDenominator: 1,
      },
    })
    const { status } = devnet
    const ledger = await openLedgerView(status)
    const client = new OpenAI({ baseURL: status.gateway.url, apiKey: status.gateway.apiKey, maxRetries: 0 })
    const application = status.application.address as Hex
    const fromBlock = await ledger.clients.publicClient.getBlockNumber()
    const before = await snapshotMoney(ledger, status)

    await waitForFreshSession(ledger)
    expect(await sendChats(client, { model: status.service.id, count: 16 })).toBe(16)
    await waitForSettled(ledger, { application, fromBlock })
    // Every traffic session has settled, so each has fed the control law by now.
    const { history: firstUpdates } = await queryDifficulty(ledger, { serviceId: status.service.id })
    const harder = firstUpdates.find((update) => update.target < maxTarget)
    expect(harder).toBeDefined()

    // Under the new, harder target only some relays are mined, each worth proportionally more.
    await waitForFreshSession(ledger, harder!.fromSession)
    expect(await sendChats(client, { model: status.service.id, count: 16 })).toBe(16)
    const outcome = await waitForSettled(ledger, { application, fromBlock })
    const after = await snapshotMoney(ledger, status)

    // The watcher's probes are relays too (paid by the same application), so the claims hold at least
    // the chats that were mined; the exact count of mined relays is the restart test's job.
    const claimedRelays = outcome.claims.reduce((sum, claim) => sum + claim.relays, 0n)
    expect(outcome.claims.length).toBeGreaterThan(0)
    expect(outcome.provenClaimKeys.size).toBe(outcome.claims.length)
    const expected = await expectSettlementsFollowProtocol(ledger, outcome, after.applicationStake)
    expectMoneyMoved(before, after, expected)
    for (const payee of [status.champion.address, status.dao.address, status.suppliers[0]!.owner])
      expect(after.balances.get(payee.toLowerCase())!).toBeGreaterThanOrEqual(
        before.balances.get(payee.toLowerCase())!,
      )
    expect(expected.credits.get(status.champion.address.toLowerCase())).toBeGreaterThan(0n)
    expect(expected.credits.get(status.dao.address.toLowerCase())).toBeGreaterThan(0n)
    expect(expected.burned).toBeGreaterThan(0n)
    await expectSettlementsQueryShowsSplit({ dataDir, fromBlock, expected, status })
    const history = await expectDifficultyFollowsProtocol(ledger, status.service.id, outcome.claims)
    expect(history.some((update) => update.target < maxTarget)).toBe(true)
    // The watcher audits every supplier under the gateway's identity, and the explorer shows the same
    // settlements the ledger holds.
    await waitFor('a watcher report on every supplier', async () => {
      const { reports } = (await (await fetch(status.watcher!.reportsUrl)).json()) as {
        reports: { report: { supplier: string } }[]
      }
      const audited = new Set(reports.map(({ report }) => report.supplier.toLowerCase()))
      return status.suppliers.every((s) => audited.has(s.operator.toLowerCase())) ? true : undefined
    })
    await waitFor('the explorer to index every settlement', async () => {
      const suppliers = (await (await fetch(`${status.explorer!.url}/api/suppliers`)).json()) as {
        settlements: number
      }[]
      const shown = suppliers.reduce((sum, supplier) => sum + supplier.settlements, 0)
      return shown === outcome.settlements.length ? true : undefined
    })
    const probabilities = history.map(
      (u) => `${(Number((u.target * 10_000n) / maxTarget) / 100).toFixed(1)} %`,
    )
    console.info(
      `loop: ${outcome.claims.length} claims, ${claimedRelays} relays mined (32 chats and the watcher's probes), ` +
        `${outcome.provenClaimKeys.size} proofs, ${expected.burned} base units burned; ` +
        `relay-mining probability after each settled session: ${probabilities.join(' → ')}`,
    )
  }, 420_000)

  it('devnet restarts in the middle of a session; the second start resumes the same network and every relay of both runs is claimed and settled', async () => {
    // Default devnet parameters: T = 100, so at this load every relay is mined (target = B) and the
    // count of mined relays before and after the restart must reappear in full in the claims. No
    // watcher: its probes would keep relays flowing between the counter reads and the stop.
    const fresh = await startFreshDevnet('restart', { extraArgs: ['--no-watcher'] })
    const { dataDir, ports, devnet: first } = fresh
    const ledger = await openLedgerView(first.status)
    const application = first.status.application.address as Hex
    const client = (status: DevnetProcess['status']) =>
      new OpenAI({ baseURL: status.gateway.url, apiKey: status.gateway.apiKey, maxRetries: 0 })
    const fromBlock = await ledger.clients.publicClient.getBlockNumber()
    const before = await snapshotMoney(ledger, first.status)

    const session = await waitForFreshSession(ledger)
    expect(await sendChats(client(first.status), { model: first.status.service.id, count: 8 })).toBe(8)
    const minedBeforeRestart = await readMinedRelays(first.status)
    const stoppedAt = await readChainPosition(ledger)
    // Stopped in the middle of the session the chats went to.
    expect(stoppedAt.session).toBe(session)
    expect(stoppedAt.height).toBeLessThan(stoppedAt.end)
    const stoppingAtMs = Date.now()
    expect(await first.stop()).toBe(0)

    const second = await startDevnet(dataDir, ports, { extraArgs: ['--no-watcher'] })
    const resumedAt = await readChainPosition(ledger)
    // Block time is 1 s on the devnet.
    await expectChainPausedWhileDown(ledger, stoppedAt, resumedAt, (Date.now() - stoppingAtMs) / 1000)
    // The same network: same keys, contracts, endpoints and API key.
    expect(second.status.application).toEqual(first.status.application)
    expect(second.status.contracts).toEqual(first.status.contracts)
    expect(second.status.suppliers.map((s) => [s.operator, s.endpoint])).toEqual(
      first.status.suppliers.map((s) => [s.operator, s.endpoint]),
    )
    expect(second.status.gateway.apiKey).toBe(first.status.gateway.apiKey)
    expect(await sendChats(client(second.status), { model: second.status.service.id, count: 8 })).toBe(8)
    const minedAfterRestart = await readMinedRelays(second.status)
    const outcome = await waitForSettled(ledger, { application, fromBlock })
    const after = await snapshotMoney(ledger, second.status)

    const claimedRelays = outcome.claims.reduce((sum, claim) => sum + claim.relays, 0n)
    expect(minedBeforeRestart).toBeGreaterThan(0n)
    expect(claimedRelays).toBe(minedBeforeRestart + minedAfterRestart)
    expect(outcome.claims.some((claim) => claim.session === session)).toBe(true)
    const expected = await expectSettlementsFollowProtocol(ledger, outcome, after.applicationStake)
    expectMoneyMoved(before, after, expected)
    console.info(
      `restart: stopped at block ${stoppedAt.height} (session ${stoppedAt.session}, blocks ${stoppedAt.start}–${stoppedAt.end}), ` +
        `resumed at block ${resumedAt.height}; ${minedBeforeRestart} + ${minedAfterRestart} relays mined, ` +
        `${claimedRelays} claimed in ${outcome.claims.length} claims, ${outcome.provenClaimKeys.size} proven`,
    )
  }, 420_000)
})
