import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Hex, parseEventLogs, zeroHash } from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { getSessionTimeline } from '../../src/protocol/session/getSessionTimeline.ts'
import { abis } from './deployLedger.ts'
import { serveRelays, setupNetwork } from './network.ts'
import { createWorld, revertName, type World } from './world.ts'

let world: World
let snapshot: Hex

beforeAll(async () => {
  world = await createWorld()
})
afterAll(() => world.anvil.stop())
beforeEach(async () => {
  snapshot = await world.anvil.snapshot()
})
afterEach(async () => {
  await world.anvil.revert(snapshot)
})

const blockHash = async (height: bigint) =>
  (await world.anvil.publicClient.getBlock({ blockNumber: height })).hash

describe('Sessions: grid and windows', () => {
  it('default: every height of the timeline equals the protocol session math', async () => {
    const p = world.ledger.params
    const params = {
      numBlocksPerSession: world.ledger.numBlocksPerSession,
      genesisHeight: world.ledger.genesisHeight,
      gracePeriodBlocks: BigInt(p.gracePeriodBlocks),
      claimWindowOpenOffset: BigInt(p.claimWindowOpenOffset),
      claimWindowCloseOffset: BigInt(p.claimWindowCloseOffset),
      proofWindowOpenOffset: BigInt(p.proofWindowOpenOffset),
      proofWindowCloseOffset: BigInt(p.proofWindowCloseOffset),
    }
    for (const session of [1n, 2n, 7n, 1_000n]) {
      const height = world.ledger.genesisHeight + (session - 1n) * params.numBlocksPerSession + 3n
      const expected = getSessionTimeline(params, height)
      expect(await world.read('sessions', 'sessionNumber', [height])).toBe(session)
      expect(await world.timeline(session)).toEqual({
        start: expected.startHeight,
        end: expected.endHeight,
        claimOpen: expected.claimWindowOpenHeight,
        claimClose: expected.claimWindowCloseHeight,
        proofOpen: expected.proofWindowOpenHeight,
        proofClose: expected.proofWindowCloseHeight,
        settlementHeight: expected.settlementHeight,
      })
      expect(await world.read('sessions', 'proofSeedHeight', [session])).toBe(expected.proofSeedHeight)
    }
  })
})

describe('Sessions: seeds', () => {
  it('default: a session seed is the hash of the block before the session, recorded once', async () => {
    const next = (await world.currentSession()) + 1n
    expect(await revertName(world.read('sessions', 'sessionSeed', [next]))).toBe('SessionNotStarted')
    await world.enterSession(next)
    const { start } = await world.timeline(next)
    expect(await world.read('sessions', 'sessionSeed', [next])).toBe(await blockHash(start - 1n))
    const receipt = await world.send(world.gov, 'sessions', 'recordSessionSeed', [next])
    expect(parseEventLogs({ abi: abis.sessions, logs: receipt.logs })).toHaveLength(0) // already recorded
  })

  it('error: a seed never recorded within 256 blocks is gone; a recorded one stays', async () => {
    const s1 = (await world.currentSession()) + 1n
    await world.enterSession(s1) // records s1
    const s2 = s1 + 1n
    const { start } = await world.timeline(s2)
    await world.mineUntilNext(start + 300n)
    expect(await revertName(world.send(world.gov, 'sessions', 'recordSessionSeed', [s2]))).toBe(
      'SessionSeedUnavailable',
    )
    expect(await world.read('sessions', 'sessionSeed', [s1])).not.toBe(zeroHash)
  })

  it('behavior: the proof seed is the hash of block proofOpen − 1, unknown until it is mined', async () => {
    const session = await world.currentSession()
    const t = await world.timeline(session)
    await world.mineUntilNext(t.proofOpen - 1n)
    expect(await revertName(world.read('sessions', 'proofSeed', [session]))).toBe('ProofSeedNotYetKnown')
    expect(await revertName(world.read('sessions', 'proofSeed', [session]))).toBe('ProofSeedNotYetKnown')
    // a view runs in the latest block: the seed block must be an ancestor of it
    await world.anvil.mine(2)
    expect(await world.read('sessions', 'proofSeed', [session])).toBe(await blockHash(t.proofOpen - 1n))
    expect(t.proofOpen - 1n).toBeGreaterThanOrEqual(t.claimClose)
  })
})

describe('Sessions: a proof seed nobody recorded', () => {
  it('behavior: counts against the claimant, who is slashed even where no proof would have been drawn', async () => {
    // p = 0 and a high threshold: with a readable seed this claim would never need a proof
    const w = await createWorld({ params: { proofRequestProbabilityNumerator: 0n } })
    try {
      const net = await setupNetwork(w)
      const work = await serveRelays(net, { count: 2 })
      const t = await w.timeline(net.session)
      await w.mineUntilNext(t.claimOpen)
      const claim = work.claim()
      await w.send(work.operator, 'claims', 'createClaim', [claim.session, claim.root])
      await w.mineUntilNext(t.proofOpen - 1n + 300n)
      expect(await w.read('sessions', 'proofSeed', [net.session])).toBe(zeroHash)
      const receipt = await w.send(w.gov, 'settlement', 'settle', [claim])
      expect(
        parseEventLogs({ abi: abis.settlement, logs: receipt.logs, eventName: 'ClaimExpired' }),
      ).toHaveLength(1)
    } finally {
      await w.anvil.stop()
    }
  })
})

describe('Sessions: anvil restarted from a state file', () => {
  it("error: the restarted node's stand-in hashes of older blocks are refused as seeds", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decai-ledger-'))
    const w = await createWorld({ stateFile: join(dir, 'state.json') })
    try {
      const next = (await w.currentSession()) + 1n
      const { start } = await w.timeline(next)
      await w.mineUntilNext(start + 1n) // the session started, nobody recorded its seed
      const live = await w.read<Hex>('sessions', 'sessionSeed', [next])
      await w.anvil.restart()
      // the node still reports the real hash, but the BLOCKHASH opcode now answers keccak256("<height>")
      expect((await w.anvil.publicClient.getBlock({ blockNumber: start - 1n })).hash).toBe(live)
      expect(await revertName(w.send(w.gov, 'sessions', 'recordSessionSeed', [next]))).toBe(
        'SessionSeedUnavailable',
      )
    } finally {
      await w.anvil.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
