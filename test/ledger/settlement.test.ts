import { type Hex, parseEventLogs } from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { computeClaimTokens } from '../../src/protocol/settlement/computeClaimTokens.ts'
import { computeSettlementSplit } from '../../src/protocol/settlement/computeSettlementSplit.ts'
import { isProofRequired } from '../../src/protocol/settlement/isProofRequired.ts'
import { abis } from './deployLedger.ts'
import { getHeader, type Network, SessionWork, serveRelays, setupNetwork, signRelay } from './network.ts'
import { createWorld, revertName, type Timeline, TOKEN, type World } from './world.ts'

const B = 2n ** 256n - 1n

let world: World
let net: Network
let t: Timeline
let proofSeed: Hex
let snapshot: Hex
/** op0: small, op1: over the threshold and over the cap (proven), op2: small, op3: over the threshold, no proof */
const works: SessionWork[] = []

async function bigClaim(operator: number, outputTokens: number): Promise<SessionWork> {
  const header = await getHeader(world, net.app.account.address, net.session)
  const work = new SessionWork(header, net.operators[operator]!)
  work.add(
    await signRelay(world, {
      header,
      operator: work.operator,
      signer: net.gateway,
      nonce: 7n,
      inputTokens: 10,
      outputTokens,
      maxOutputTokens: outputTokens,
    }),
  )
  return work
}

const appStake = async () =>
  (await world.read<readonly bigint[]>('applications', 'applications', [net.app.account.address]))[0]!
const supplierStake = async (i: number) =>
  (await world.read<readonly bigint[]>('suppliers', 'suppliers', [net.operators[i]!.account.address]))[2]!
const totalSupply = () => world.read<bigint>('token', 'totalSupply')
const settle = (i: number) => world.send(world.gov, 'settlement', 'settle', [works[i]!.claim()])

beforeAll(async () => {
  world = await createWorld()
  net = await setupNetwork(world, { suppliers: 4 })
  works.push(await serveRelays(net, { operator: net.operators[0], count: 3 }))
  // 1.35e9 CU at 1/10 base unit per CU: 135 tokens, over the cap of 1 000 / 2 pending sessions / 4 claimants
  works.push(await bigClaim(1, 450_000_000))
  works.push(await serveRelays(net, { operator: net.operators[2], count: 2, nonceBase: 50n }))
  works.push(await bigClaim(3, 40_000_000))
  t = await world.timeline(net.session)
  await world.mineUntilNext(t.claimOpen)
  for (const work of works) {
    const claim = work.claim()
    await world.send(work.operator, 'claims', 'createClaim', [claim.session, claim.root])
  }
  await world.mineUntilNext(t.proofOpen + 1n)
  proofSeed = await world.read<Hex>('sessions', 'proofSeed', [net.session])
  await world.send(works[1]!.operator, 'proofs', 'submitProof', [
    works[1]!.claim(),
    works[1]!.proof(proofSeed),
  ])
})
afterAll(() => world.anvil.stop())
beforeEach(async () => {
  snapshot = await world.anvil.snapshot()
})
afterEach(async () => {
  await world.anvil.revert(snapshot)
})

describe('Settlement.settle', () => {
  it('error: before the proof window has closed → SettlementTooEarly', async () => {
    await world.mineUntilNext(t.proofClose)
    expect(await revertName(settle(0))).toBe('SettlementTooEarly')
  })

  it('default: a proven claim is paid, capped by its share of the application budget (over-servicing)', async () => {
    await world.mineUntilNext(t.settlementHeight)
    const p = world.ledger.params
    const tokens = computeClaimTokens({
      claimedComputeUnits: works[1]!.trie.sum(),
      difficultyTarget: B,
      cuToToken: { numerator: p.cuToTokenNumerator, denominator: p.cuToTokenDenominator },
    })
    const cap = (1_000n * TOKEN) / 2n / 4n
    expect(tokens).toBeGreaterThan(cap)
    const [appBefore, supplyBefore, ownerBefore] = [
      await appStake(),
      await totalSupply(),
      await world.balanceOf(net.owner.account.address),
    ]
    const receipt = await settle(1)
    const split = computeSettlementSplit({
      burnAmount: cap,
      mintRatioBps: p.mintRatioBps,
      supplierBps: p.supplierBps,
      championBps: 1_000,
      inflationBps: p.inflationBps,
      revenueShares: [{ address: net.owner.account.address, bps: 10_000 }],
    })
    expect(appBefore - (await appStake())).toBe(cap)
    expect((await world.balanceOf(net.owner.account.address)) - ownerBefore).toBe(split.supplier[0]!.amount)
    expect((await totalSupply()) - supplyBefore).toBe(split.minted + split.inflationMinted - split.burned)
    const [event] = parseEventLogs({ abi: abis.settlement, logs: receipt.logs, eventName: 'ClaimSettled' })
    expect(event!.args).toMatchObject({ claimTokens: tokens, burned: cap, proofRequired: true })
  })

  it('behavior: a required proof that is missing slashes the supplier and pays nothing', async () => {
    await world.mineUntilNext(t.settlementHeight)
    const [appBefore, stakeBefore, supplyBefore] = [
      await appStake(),
      await supplierStake(3),
      await totalSupply(),
    ]
    const receipt = await settle(3)
    const penalty = world.ledger.params.proofMissingPenalty
    expect(stakeBefore - (await supplierStake(3))).toBe(penalty)
    expect(await appStake()).toBe(appBefore)
    expect(supplyBefore - (await totalSupply())).toBe(penalty)
    expect(
      parseEventLogs({ abi: abis.settlement, logs: receipt.logs, eventName: 'ClaimExpired' }),
    ).toHaveLength(1)
  })

  it('behavior: below the threshold a proof is required with probability p, exactly as the protocol draws it', async () => {
    await world.mineUntilNext(t.settlementHeight)
    const p = world.ledger.params
    for (const i of [0, 2]) {
      const tokens = computeClaimTokens({
        claimedComputeUnits: works[i]!.trie.sum(),
        difficultyTarget: B,
        cuToToken: { numerator: p.cuToTokenNumerator, denominator: p.cuToTokenDenominator },
      })
      const required = isProofRequired({
        claimTokens: tokens,
        threshold: p.proofRequirementThreshold,
        probability: {
          numerator: p.proofRequestProbabilityNumerator,
          denominator: p.proofRequestProbabilityDenominator,
        },
        claimHash: works[i]!.claimHash(),
        proofSeed,
      })
      const receipt = await settle(i)
      const expired = parseEventLogs({ abi: abis.settlement, logs: receipt.logs, eventName: 'ClaimExpired' })
      const settled = parseEventLogs({ abi: abis.settlement, logs: receipt.logs, eventName: 'ClaimSettled' })
      expect(expired.length, `claim ${i}`).toBe(required ? 1 : 0)
      expect(settled.length, `claim ${i}`).toBe(required ? 0 : 1)
    }
  })

  it('error: settling twice → ClaimNotFound; a batch skips what is already settled', async () => {
    await world.mineUntilNext(t.settlementHeight)
    await settle(1)
    expect(await revertName(settle(1))).toBe('ClaimNotFound')
    const receipt = await world.send(world.gov, 'settlement', 'settleBatch', [
      [works[1]!.claim(), works[2]!.claim()],
    ])
    expect(
      parseEventLogs({ abi: abis.settlement, logs: receipt.logs, eventName: 'ClaimSkipped' }),
    ).toHaveLength(1)
    expect(await world.read('claims', 'statusOfClaim', [works[2]!.claim()])).toBe(0)
  })

  it('behavior: one batch settles every listed claim; supply changes by mints minus burns', async () => {
    await world.mineUntilNext(t.settlementHeight)
    const supplyBefore = await totalSupply()
    const receipt = await world.send(world.gov, 'settlement', 'settleBatch', [works.map((w) => w.claim())])
    let delta = 0n
    for (const log of parseEventLogs({ abi: abis.settlement, logs: receipt.logs })) {
      if (log.eventName === 'ClaimSettled')
        delta += log.args.minted + log.args.inflationMinted - log.args.burned
      if (log.eventName === 'ClaimExpired') delta -= log.args.slashed
    }
    expect((await totalSupply()) - supplyBefore).toBe(delta)
    for (const work of works) expect(await world.read('claims', 'statusOfClaim', [work.claim()])).toBe(0)
    expect(await world.read('token', 'balanceOf', [world.address('settlement')])).toBe(0n)
  })

  it('behavior: the first settlement of a session feeds its volume to the difficulty control law', async () => {
    await world.mineUntilNext(t.settlementHeight)
    const serviceKey = await world.read<Hex>('services', 'serviceKey', [net.serviceId])
    await settle(0)
    const [ema, lastSession] = await world.read<[bigint, bigint]>('services', 'difficulty', [serviceKey])
    // first observation: the EMA is the estimated volume = mined relays × B / B
    expect(ema).toBe(BigInt(works.reduce((n, w) => n + w.relays.length, 0)))
    expect(lastSession).toBe(net.session)
    await settle(2)
    expect((await world.read<[bigint, bigint]>('services', 'difficulty', [serviceKey]))[0]).toBe(ema)
  })
})

describe('Settlement: unbonding cannot escape a slash or a payment', () => {
  it('behavior: a supplier that unstakes after claiming can withdraw only after settlement, minus the slash', async () => {
    const op = net.operators[3]!
    await world.send(net.owner, 'suppliers', 'unstake', [op.account.address])
    expect(await revertName(world.send(net.owner, 'suppliers', 'withdraw', [op.account.address]))).toBe(
      'StillBonded',
    )
    const current = await world.currentSession()
    const unbonding = BigInt(world.ledger.params.supplierUnbondingSessions)
    await world.enterSession(current + 1n + unbonding)
    expect(await revertName(world.send(net.owner, 'suppliers', 'withdraw', [op.account.address]))).toBe(
      'ClaimsPending',
    )
    await settle(3)
    const before = await world.balanceOf(net.owner.account.address)
    await world.send(net.owner, 'suppliers', 'withdraw', [op.account.address])
    expect((await world.balanceOf(net.owner.account.address)) - before).toBe(
      1_000n * TOKEN - world.ledger.params.proofMissingPenalty,
    )
  })

  it('behavior: an application that unstakes still pays for the claims made against it', async () => {
    await world.send(net.app, 'applications', 'unstake')
    const current = await world.currentSession()
    await world.enterSession(current + 1n + BigInt(world.ledger.params.applicationUnbondingSessions))
    expect(await revertName(world.send(net.app, 'applications', 'withdraw'))).toBe('ClaimsPending')
    await world.send(world.gov, 'settlement', 'settleBatch', [works.map((w) => w.claim())])
    const left = await appStake()
    expect(left).toBeLessThan(1_000n * TOKEN)
    const before = await world.balanceOf(net.app.account.address)
    await world.send(net.app, 'applications', 'withdraw')
    expect((await world.balanceOf(net.app.account.address)) - before).toBe(left)
  })
})
