/**
 * The explorer's JSON API in-process (`app.request`, no HTTP) on a real devnet, checked against the chain
 * itself: token flows against balances, claim lives against the cycle that was driven, proof leaves
 * against the keys that signed them.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { getParams } from '../../src/chain/actions/getParams.ts'
import { getTokenBalance } from '../../src/chain/actions/getTokenBalance.ts'
import { setParams } from '../../src/chain/actions/setParams.ts'
import { createDecaiClients } from '../../src/chain/client/createDecaiClients.ts'
import { createLedger } from '../../src/chain/ledger/createLedger.ts'
import { startRpcProxy } from '../../src/chain/testing/startRpcProxy.ts'
import { type StartExplorerReturnType, startExplorer } from '../../src/cli/commands/explorer.ts'
import type {
  ApplicationDetail,
  FlowsView,
  OverviewView,
  ServiceDetail,
  SessionView,
  SupplierSummary,
} from '../../src/explorer/index.ts'
import { getApi } from './support/getApi.ts'
import { type ExplorerDevnet, serviceId, startExplorerDevnet } from './support/startExplorerDevnet.ts'

let dir: string
let net: ExplorerDevnet
let explorer: StartExplorerReturnType
let provenSession: bigint

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-explorer-api-'))
  net = await startExplorerDevnet()
  ;({ session: provenSession } = await net.runSession([
    { role: 'operatorA', relays: 6, shouldProve: true },
    { role: 'operatorB', relays: 3, shouldProve: false },
  ]))
  await net.runSession([{ role: 'operatorA', relays: 4, shouldProve: true }])
  explorer = await startExplorer({ manifest: net.manifest, rpcUrl: net.chain.rpcUrl, port: 0, dataDir: dir })
})

afterAll(async () => {
  await explorer?.stop()
  await net?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const get = <T>(path: string) => getApi<T>(explorer, path)

const balanceOf = async (address: `0x${string}`) => {
  const ledger = createLedger({
    clients: createDecaiClients({ rpcUrl: net.chain.rpcUrl }),
    manifest: net.manifest,
  })
  return (await getTokenBalance(ledger, { address })).balance
}

describe('explorer API on a devnet', () => {
  it('behavior: token flows add up to what the chain paid the champion, the DAO and the supplier owner', async () => {
    const flows = await get<FlowsView>('/api/flows')
    const settled = flows.settlements.filter((r) => r.outcome === 'settled')
    const sum = (pick: (r: (typeof settled)[number]) => string) =>
      settled.reduce((s, r) => s + BigInt(pick(r)), 0n)
    expect(settled).toHaveLength(2)
    expect(sum((r) => r.toSupplier) + sum((r) => r.toChampion) + sum((r) => r.toDao)).toBe(
      BigInt(flows.totals.minted),
    )
    expect(sum((r) => r.burned)).toBe(BigInt(flows.totals.burned))
    // The champion and governance (the DAO) receive tokens only from settlement here.
    expect(await balanceOf(net.address('champion'))).toBe(sum((r) => r.toChampion))
    expect(await balanceOf(net.address('governance'))).toBe(sum((r) => r.toDao))
    expect(flows.totals).toMatchObject({ settledClaims: 2, expiredClaims: 1, slashed: '30000000' })
  })

  it('behavior: suppliers show claims, proofs, settlements and the slash of the one that withheld its proof', async () => {
    const suppliers = await get<SupplierSummary[]>('/api/suppliers')
    const byOperator = new Map(suppliers.map((s) => [s.operator, s]))
    expect(byOperator.get(net.address('operatorA'))).toMatchObject({
      stake: '300000000',
      status: 'staked',
      sessions: 2,
      claims: 2,
      proofs: 2,
      settlements: 2,
      slashes: 0,
      qos: null,
      verdict: null,
    })
    expect(byOperator.get(net.address('operatorB'))).toMatchObject({
      stake: '70000000',
      status: 'unbonding',
      claims: 1,
      proofs: 0,
      expired: 1,
      slashes: 1,
      slashed: '30000000',
      earned: '0',
    })
    const earned = BigInt(byOperator.get(net.address('operatorA'))!.earned)
    // The owner was given 2 000 tokens and staked 400 of them; the rest of its balance is earnings.
    expect(await balanceOf(net.address('owner'))).toBe(1_600_000_000n + earned)
  })

  it("behavior: a session's claims carry the revealed leaf, signed by the gateway and the supplier", async () => {
    const session = await get<SessionView>(`/api/sessions/${provenSession}`)
    expect(session.phase).toBe('settleable')
    expect(session.pairs).toMatchObject([
      { application: net.address('application'), serviceId, numSuppliers: '2' },
    ])
    expect(session.pairs[0]!.members!.map((m) => m.operator).sort()).toEqual(
      [net.address('operatorA'), net.address('operatorB')].sort(),
    )
    const proven = session.claims.find((c) => c.status === 'settled')!
    expect(proven.relays).toBe('6')
    expect(proven.proof!.leaf).toMatchObject({
      relayHash: proven.proof!.relayHash,
      weight: proven.proof!.computeUnits,
      request: { signer: net.address('gateway'), supplier: net.address('operatorA'), serviceId },
      response: { signer: net.address('operatorA'), status: 200 },
    })
    expect(session.claims.find((c) => c.status === 'expired')!.proof).toBeNull()
  })

  it('behavior: the service shows its difficulty history and the application its stake spent over time', async () => {
    const service = await get<ServiceDetail>(`/api/services/${serviceId}`)
    expect(service.difficultyHistory).toHaveLength(2)
    // T = 4 relays per session: the first session's volume (6 + 3 mined at probability 1) lowers the target.
    expect(service.difficultyHistory[0]).toMatchObject({ estimatedRelays: '9', ema: '9' })
    expect(service.difficultyHistory[0]!.relayProbability).toBeCloseTo(4 / 9, 12)
    expect(service.earnings.at(-1)!.cumulative).toBe(service.championEarnings)
    const application = await get<ApplicationDetail>(`/api/applications/${net.address('application')}`)
    const last = application.series.at(-1)!
    expect(BigInt(last.stake) + BigInt(last.burnedCumulative)).toBe(500_000_000n)
    expect(application.claimList).toHaveLength(3)
    expect(application.claimTotal).toBe(3)
  })

  it('behavior: the overview counts the network and tracks the chain head', async () => {
    const overview = await get<OverviewView>('/api/overview')
    expect(overview.counts).toEqual({
      services: 2,
      suppliers: 2,
      applications: 1,
      gateways: 1,
      claims: 3,
      proofs: 2,
    })
    expect(BigInt(overview.indexedHeight!)).toBeLessThanOrEqual(BigInt(overview.head!.height))
    expect(overview.chain).toMatchObject({ state: 'reachable' })
    expect(overview.relays.lastSettled).toMatchObject({ estimatedRelays: expect.stringMatching(/^\d+$/) })
    expect(overview.gateway).toEqual({ state: 'not-configured' })
  })

  it('error: a port already taken is CLI_PORT_IN_USE, and nothing is left running', async () => {
    const second = startExplorer({
      manifest: net.manifest,
      rpcUrl: net.chain.rpcUrl,
      port: explorer.port,
      dataDir: join(dir, 'second'),
    })
    await expect(second).rejects.toMatchObject({ code: 'CLI_PORT_IN_USE' })
  })

  it('behavior: --max-block-range and --confirmations reach the indexer; stop() ends live streams and releases the port', async () => {
    const other = await startExplorer({
      manifest: net.manifest,
      rpcUrl: net.chain.rpcUrl,
      port: 0,
      dataDir: join(dir, 'third'),
      maxBlockRange: 7n,
      confirmations: 3n,
    })
    // The devnet mines no block by itself here, so the head stays put while this runs.
    const overview = await getApi<OverviewView>(other, '/api/overview')
    expect(BigInt(overview.indexedHeight!)).toBe(BigInt(overview.head!.height) - 3n)
    const all = await get<OverviewView>('/api/overview')
    expect(overview.counts).toEqual(all.counts)
    const response = await fetch(`${other.url}api/stream`)
    const reader = response.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^: connected\n\n/)
    await other.stop()
    expect((await reader.read()).done).toBe(true)
  })

  it('behavior: a node that stops answering shows in /api/health (503, since when) and the overview keeps its indexed figures; both recover', async () => {
    const proxy = await startRpcProxy(net.chain.rpcUrl)
    const other = await startExplorer({
      manifest: net.manifest,
      rpcUrl: proxy.url,
      port: 0,
      dataDir: join(dir, 'outage'),
      pollingIntervalMs: 20,
    })
    try {
      const health = () => fetch(`${other.url}api/health`)
      expect((await health()).status).toBe(200)
      const before = await getApi<OverviewView>(other, '/api/overview')
      proxy.setOutage('reset')
      await vi.waitFor(async () => expect((await health()).status).toBe(503), {
        timeout: 30_000,
        interval: 100,
      })
      expect(await (await health()).json()).toMatchObject({
        status: 'chain-unreachable',
        indexedHeight: before.indexedHeight,
        chain: { state: 'unreachable', sinceMs: expect.any(Number), errorCode: 'CHAIN_RPC_UNAVAILABLE' },
        error: { code: 'EXPLORER_CHAIN_UNAVAILABLE' },
      })
      const during = await getApi<OverviewView>(other, '/api/overview')
      expect(during).toMatchObject({ head: null, session: null, chain: { state: 'unreachable' } })
      expect({ tokens: during.tokens, counts: during.counts, indexed: during.indexedHeight }).toEqual({
        tokens: before.tokens,
        counts: before.counts,
        indexed: before.indexedHeight,
      })
      proxy.setOutage(undefined)
      await vi.waitFor(async () => expect((await health()).status).toBe(200), {
        timeout: 30_000,
        interval: 100,
      })
      expect((await getApi<OverviewView>(other, '/api/overview')).head).not.toBeNull()
    } finally {
      await other.stop()
      await proxy.close()
    }
  })

  it("behavior: a session's windows are the ones in force for it, after governance changed them", async () => {
    const governance = createLedger({
      clients: createDecaiClients({ rpcUrl: net.chain.rpcUrl, account: net.keys.governance }),
      manifest: net.manifest,
    })
    const { params } = await getParams(governance)
    const widened = { ...params, claimWindowCloseOffset: params.claimWindowCloseOffset + 3 }
    const { fromSession, blockNumber } = await setParams(governance, { params: widened })
    await explorer.indexer.waitForBlock(blockNumber)
    const claimWindow = async (session: bigint) => {
      const { timeline } = await get<SessionView>(`/api/sessions/${session}`)
      return BigInt(timeline.claimWindowCloseHeight) - BigInt(timeline.claimWindowOpenHeight)
    }
    expect(await claimWindow(fromSession - 1n)).toBe(BigInt(params.claimWindowCloseOffset))
    expect(await claimWindow(fromSession)).toBe(BigInt(params.claimWindowCloseOffset) + 3n)
  })
})
