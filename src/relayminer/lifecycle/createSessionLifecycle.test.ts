import { rm } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { bytesToHex } from '../../protocol/bytes/bytes.ts'
import { SparseMerkleSumTrie } from '../../protocol/smst/SparseMerkleSumTrie.ts'
import { createInstantBackend } from '../testing/createInstantBackend.ts'
import { memoryClaimKey } from '../testing/createMemoryLedger.ts'
import { createTestNetwork, type TestNetwork } from '../testing/createTestNetwork.ts'
import { createTestRelayMiner, type TestRelayMiner } from '../testing/createTestRelayMiner.ts'

// devnet grid: session 1 is blocks 1–10, relays until 12, claims 13–21, proofs 22–30, settlement from 31.
const running: TestRelayMiner[] = []
afterEach(async () => {
  for (const miner of running.splice(0)) await miner.dispose()
})

async function start(
  network: TestNetwork,
  options: Partial<Parameters<typeof createTestRelayMiner>[0]> = {},
) {
  const miner = await createTestRelayMiner({ network, backend: createInstantBackend(), ...options })
  running.push(miner)
  return miner
}

async function serve(network: TestNetwork, miner: TestRelayMiner, count: number) {
  for (let i = 0; i < count; i++) {
    const { json } = await network.envelope()
    const response = await miner.app.request('/v1/relay', { method: 'POST', body: JSON.stringify(json) })
    expect(response.status).toBe(200)
  }
}

async function advanceTo(network: TestNetwork, miner: TestRelayMiner, height: bigint) {
  network.ledger.height = height
  await miner.clock.poll()
  await miner.clock.idle()
}

function expectedRoot(miner: TestRelayMiner): string {
  const [info] = miner.store.listTrees()
  const tree = miner.store.getTree(info!.sessionKey)!
  return bytesToHex(tree.rebuild(new SparseMerkleSumTrie({ valueHasher: 'none' })).root())
}

describe('session lifecycle', () => {
  it('behavior: claims in the claim window, proves in the proof window, settles and deletes the tree', async () => {
    const network = createTestNetwork()
    const miner = await start(network)
    await serve(network, miner, 5)
    const root = expectedRoot(miner)
    await advanceTo(network, miner, 12n)
    expect(network.ledger.claims.size).toBe(0)
    await advanceTo(network, miner, 13n)
    const [claim] = network.ledger.claims.values()
    expect(claim).toMatchObject({ root, supplier: network.addresses.supplier, isProven: false })
    expect(miner.store.listTrees()[0]!.state).toBe('sealed')
    await advanceTo(network, miner, 22n)
    expect(network.ledger.proofs).toHaveLength(1)
    expect(claim!.isProven).toBe(true)
    await advanceTo(network, miner, 31n)
    expect(claim!.isSettled).toBe(true)
    expect(miner.store.listTrees()).toEqual([])
    expect(miner.lifecycle.tracked.size).toBe(0)
    const metrics = await miner.metrics.registry.metrics()
    expect(metrics).toMatch(/relayminer_claims_submitted_total\{supplier="0x[0-9a-f]+"\} 1/)
    expect(metrics).toMatch(/relayminer_proofs_submitted_total\{supplier="0x[0-9a-f]+"\} 1/)
  })

  it('behavior: an RPC outage at the window opening is retried at a later block of the window', async () => {
    const network = createTestNetwork()
    const miner = await start(network)
    await serve(network, miner, 2)
    network.ledger.isUnavailable = true
    await advanceTo(network, miner, 13n).catch(() => undefined)
    network.ledger.height = 14n
    expect(network.ledger.claims.size).toBe(0)
    network.ledger.isUnavailable = false
    await advanceTo(network, miner, 15n)
    expect(network.ledger.claims.size).toBe(1)
    network.ledger.isUnavailable = true
    network.ledger.height = 22n
    await miner.lifecycle.tick(22n)
    expect(network.ledger.proofs).toHaveLength(0)
    network.ledger.isUnavailable = false
    await advanceTo(network, miner, 23n)
    expect(network.ledger.proofs).toHaveLength(1)
  })

  it('behavior: a relay that arrives after its tree is sealed is refused as expired, not served for free', async () => {
    const network = createTestNetwork()
    const miner = await start(network)
    await serve(network, miner, 1)
    const late = await network.envelope()
    await advanceTo(network, miner, 13n)
    // The clock moved past the grace period: validation refuses before any work.
    const response = await miner.app.request('/v1/relay', { method: 'POST', body: JSON.stringify(late.json) })
    expect(response.status).toBe(410)
    expect(network.ledger.claims.size).toBe(1)
  })

  it('behavior: claims worth less than the minimum are skipped and their trees deleted', async () => {
    const network = createTestNetwork()
    const miner = await start(network, { minClaimValueBaseUnits: 10n ** 30n })
    await serve(network, miner, 1)
    await advanceTo(network, miner, 13n)
    expect(network.ledger.claims.size).toBe(0)
    expect(miner.store.listTrees()).toEqual([])
    expect(await miner.metrics.registry.metrics()).toContain(
      'relayminer_claims_skipped_total{reason="below_minimum"} 1',
    )
  })

  it('behavior: after a restart the claim covers every relay acknowledged before it', async () => {
    const network = createTestNetwork()
    const first = await start(network, {})
    await serve(network, first, 4)
    const root = expectedRoot(first)
    const { sessionId } = await network.currentHeader()
    await first.stop()
    running.pop()
    const second = await start(network, { storeDir: first.storeDir })
    await advanceTo(network, second, 13n)
    expect(network.ledger.claims.get(memoryClaimKey(network.addresses.supplier, sessionId))?.root).toBe(root)
    await rm(first.storeDir, { recursive: true, force: true })
  })

  it('behavior: a tree whose claim window passed while the relayminer was down is dropped', async () => {
    const network = createTestNetwork()
    const first = await start(network)
    await serve(network, first, 1)
    await first.stop()
    running.pop()
    network.ledger.height = 25n
    const second = await start(network, { storeDir: first.storeDir })
    await second.clock.idle()
    expect(second.store.listTrees()).toEqual([])
    expect(await second.metrics.registry.metrics()).toContain(
      'relayminer_claims_skipped_total{reason="window_missed"} 1',
    )
    await rm(first.storeDir, { recursive: true, force: true })
  })
})
