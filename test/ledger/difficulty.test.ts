import { type Hex, hexToBigInt, keccak256, stringToHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeNextDifficulty } from '../../src/protocol/difficulty/computeNextDifficulty.ts'
import { computeClaimTokens } from '../../src/protocol/settlement/computeClaimTokens.ts'
import {
  getHeader,
  type Network,
  SessionWork,
  type SignedRelay,
  serveRelays,
  setupNetwork,
  signRelay,
} from './network.ts'
import { createWorld, revertName, TOKEN, type World } from './world.ts'

const B = 2n ** 256n - 1n
const serviceKey = keccak256(stringToHex('llama-tiny'))

let world: World
let net: Network
let target: bigint
let nextSession: bigint

/** Claims `work` in its claim window and returns its proof, once the proof window is open. */
async function claimForProof(work: SessionWork, session: bigint): Promise<Hex> {
  const t = await world.timeline(session)
  await world.mineUntilNext(t.claimOpen)
  const claim = work.claim()
  await world.send(work.operator, 'claims', 'createClaim', [claim.session, claim.root])
  await world.mineUntilNext(t.proofOpen + 1n)
  return work.proof(await world.read<Hex>('sessions', 'proofSeed', [session]))
}

function prove(work: SessionWork, proof: Hex) {
  return world.send(work.operator, 'proofs', 'submitProof', [work.claim(), proof])
}

beforeAll(async () => {
  // T = 2 mined relays per session: six relays push the target down to B·2/6
  world = await createWorld({ params: { targetRelaysPerSession: 2n } })
  net = await setupNetwork(world, { suppliers: 2 })
  const work = await serveRelays(net, { count: 6 })
  await prove(work, await claimForProof(work, net.session))
  const t = await world.timeline(net.session)
  await world.mineUntilNext(t.settlementHeight)
  await world.send(world.gov, 'settlement', 'settle', [work.claim()])
  nextSession = (await world.currentSession()) + 1n
  const expected = computeNextDifficulty({
    prevEma: undefined,
    minedRelays: 6n,
    target: B,
    targetRelays: 2n,
    alpha: { numerator: 1n, denominator: 10n },
  })
  target = expected.target
})
afterAll(() => world.anvil.stop())

describe('difficulty', () => {
  it('default: settlement applies the control law on the estimated volume, from the next session on', async () => {
    expect(target).toBe(B / 3n)
    expect(await world.read('services', 'targetAt', [serviceKey, nextSession - 1n])).toBe(B)
    expect(await world.read('services', 'targetAt', [serviceKey, nextSession])).toBe(target)
    const [ema] = await world.read<[bigint, bigint]>('services', 'difficulty', [serviceKey])
    expect(ema).toBe(6n)
  })

  it('behavior: under a harder target only mined relays prove, and a claim is worth sum × B/target', async () => {
    await world.enterSession(nextSession)
    const header = await getHeader(world, net.app.account.address, nextSession)
    const mined: SignedRelay[] = []
    const unmined: SignedRelay[] = []
    for (let nonce = 100n; mined.length === 0 || unmined.length === 0; nonce++) {
      const relay = await signRelay(world, {
        header,
        operator: net.operators[1]!,
        signer: net.gateway,
        nonce,
      })
      ;(hexToBigInt(relay.relayHash) < target ? mined : unmined).push(relay)
    }
    // an unmined relay in a claim is caught when drawn
    const cheat = new SessionWork(header, net.operators[1]!)
    cheat.add(unmined[0]!)
    expect(await revertName(prove(cheat, await claimForProof(cheat, nextSession)))).toBe('RelayNotMined')

    // the honest supplier's mined relay proves and is paid with the multiplier
    const honest = new SessionWork(header, net.operators[0]!)
    honest.add(mined[0]!)
    const next2 = (await world.currentSession()) + 1n
    await world.enterSession(next2)
    expect(await world.read('services', 'targetAt', [serviceKey, next2])).toBe(target)
    const header2 = await getHeader(world, net.app.account.address, next2)
    let relay2: SignedRelay | undefined
    for (let nonce = 500n; relay2 === undefined; nonce++) {
      const r = await signRelay(world, {
        header: header2,
        operator: net.operators[0]!,
        signer: net.gateway,
        nonce,
      })
      if (hexToBigInt(r.relayHash) < target) relay2 = r
    }
    const work2 = new SessionWork(header2, net.operators[0]!)
    work2.add(relay2)
    await prove(work2, await claimForProof(work2, next2))
    const t2 = await world.timeline(next2)
    await world.mineUntilNext(t2.settlementHeight)
    const before = (
      await world.read<readonly bigint[]>('applications', 'applications', [net.app.account.address])
    )[0]!
    await world.send(world.gov, 'settlement', 'settle', [work2.claim()])
    const after = (
      await world.read<readonly bigint[]>('applications', 'applications', [net.app.account.address])
    )[0]!
    const p = world.ledger.params
    const tokens = computeClaimTokens({
      claimedComputeUnits: relay2.computeUnits,
      difficultyTarget: target,
      cuToToken: { numerator: p.cuToTokenNumerator, denominator: p.cuToTokenDenominator },
    })
    expect(before - after).toBe(tokens)
    expect(tokens).toBeGreaterThan((relay2.computeUnits * 3n) / 10n - 1n)
    expect(tokens).toBeLessThan(TOKEN)
  })
})
