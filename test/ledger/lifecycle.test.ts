import type { Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeClaimTokens } from '../../src/protocol/settlement/computeClaimTokens.ts'
import { computeSettlementSplit } from '../../src/protocol/settlement/computeSettlementSplit.ts'
import { type Network, serveRelays, setupNetwork } from './network.ts'
import { createWorld, type World } from './world.ts'

let world: World
let net: Network

beforeAll(async () => {
  world = await createWorld()
  net = await setupNetwork(world)
})
afterAll(() => world.anvil.stop())

describe('lifecycle: session → claim → proof → settlement', () => {
  it('behavior: a supplier serves five relays, claims, proves and is paid; the application pays', async () => {
    const work = await serveRelays(net, { count: 5 })
    const claim = work.claim()
    const t = await world.timeline(net.session)

    await world.mineUntilNext(t.claimOpen)
    await world.send(work.operator, 'claims', 'createClaim', [claim.session, claim.root])
    expect(await world.read('claims', 'statusOfClaim', [claim])).toBe(1)

    // the seed block is proofOpen − 1; its hash is readable once a later block exists
    await world.mineUntilNext(t.proofOpen + 1n)
    const proofSeed = await world.read<Hex>('sessions', 'proofSeed', [net.session])
    await world.send(work.operator, 'proofs', 'submitProof', [claim, work.proof(proofSeed)])
    expect(await world.read('claims', 'statusOfClaim', [claim])).toBe(2)

    await world.mineUntilNext(t.settlementHeight)
    const appBefore = (
      (await world.read<readonly bigint[]>('applications', 'applications', [
        net.app.account.address,
      ])) as readonly bigint[]
    )[0]!
    const ownerBefore = await world.balanceOf(net.owner.account.address)
    const championBefore = await world.balanceOf(net.champion.account.address)
    const daoBefore = await world.balanceOf(world.gov.account.address)
    await world.send(world.gov, 'settlement', 'settle', [claim])

    const p = world.ledger.params
    const tokens = computeClaimTokens({
      claimedComputeUnits: work.trie.sum(),
      difficultyTarget: 2n ** 256n - 1n,
      cuToToken: { numerator: p.cuToTokenNumerator, denominator: p.cuToTokenDenominator },
    })
    const split = computeSettlementSplit({
      burnAmount: tokens,
      mintRatioBps: p.mintRatioBps,
      supplierBps: p.supplierBps,
      championBps: 1_000,
      inflationBps: p.inflationBps,
      revenueShares: [{ address: net.owner.account.address, bps: 10_000 }],
    })
    const appAfter = (
      (await world.read<readonly bigint[]>('applications', 'applications', [
        net.app.account.address,
      ])) as readonly bigint[]
    )[0]!
    expect(appBefore - appAfter).toBe(tokens)
    expect((await world.balanceOf(net.owner.account.address)) - ownerBefore).toBe(split.supplier[0]!.amount)
    expect((await world.balanceOf(net.champion.account.address)) - championBefore).toBe(split.champion)
    expect((await world.balanceOf(world.gov.account.address)) - daoBefore).toBe(split.dao)
    expect(await world.read('claims', 'statusOfClaim', [claim])).toBe(0)
  })
})
