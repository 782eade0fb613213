import fc from 'fast-check'
import {
  concatHex,
  type Hex,
  numberToHex,
  parseEventLogs,
  type TransactionReceipt,
  sha256 as viemSha256,
} from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeClaimTokens } from '../../src/protocol/settlement/computeClaimTokens.ts'
import { isProofRequired } from '../../src/protocol/settlement/isProofRequired.ts'
import { abis } from './deployLedger.ts'
import { type ClaimData, type Network, type SessionWork, serveRelays, setupNetwork } from './network.ts'
import { createWorld, TOKEN, type World } from './world.ts'

const OPERATORS = 5

/** What one supplier does in the session. */
const supplierPlan = fc.record({
  claim: fc.constantFrom('none', 'honest', 'fabricated'),
  relays: fc.integer({ min: 1, max: 3 }),
  prove: fc.boolean(),
})
const plan = fc.record({
  suppliers: fc.array(supplierPlan, { minLength: OPERATORS, maxLength: OPERATORS }),
  /** indices into the claims made (possibly repeated, possibly none); settled in batches of these */
  settleOrder: fc.array(fc.integer({ min: 0, max: OPERATORS - 1 }), { maxLength: 8 }),
  batched: fc.boolean(),
  appTopUp: fc.integer({ min: 0, max: 50 }),
  unstakeSupplier: fc.option(fc.integer({ min: 0, max: OPERATORS - 1 }), { nil: undefined }),
})

type Plan = typeof plan extends fc.Arbitrary<infer T> ? T : never

let world: World
let net: Network
let base: Hex

beforeAll(async () => {
  world = await createWorld()
  net = await setupNetwork(world, { suppliers: OPERATORS })
  await world.fund(net.app, 1_000n * TOKEN, 'applications')
  base = await world.anvil.snapshot()
})
afterAll(() => world.anvil.stop())

type Outcome = {
  receipts: TransactionReceipt[]
  claims: Map<number, { claim: ClaimData; proven: boolean; work: SessionWork | undefined }>
}

async function play(p: Plan, session: bigint): Promise<Outcome> {
  const receipts: TransactionReceipt[] = []
  const claims: Outcome['claims'] = new Map()
  const works = new Map<number, SessionWork>()
  for (const [i, s] of p.suppliers.entries()) {
    if (s.claim === 'none') continue
    works.set(
      i,
      await serveRelays(net, {
        operator: net.operators[i],
        count: s.relays,
        nonceBase: BigInt(i * 10),
        session,
      }),
    )
  }
  if (p.appTopUp > 0)
    receipts.push(
      await world.send(net.app, 'applications', 'stake', [net.serviceId, BigInt(p.appTopUp) * TOKEN]),
    )
  const t = await world.timeline(session)
  await world.mineUntilNext(t.claimOpen)
  for (const [i, work] of works) {
    const honest = work.claim()
    // a fabricated claim: a root nobody can prove, claiming 10× the compute units
    const fabricated = concatHex([
      viemSha256(numberToHex(i, { size: 32 })),
      numberToHex(work.trie.sum() * 10n, { size: 8 }),
      numberToHex(3n, { size: 8 }),
    ])
    const claim = p.suppliers[i]!.claim === 'honest' ? honest : { ...honest, root: fabricated }
    receipts.push(await world.send(work.operator, 'claims', 'createClaim', [claim.session, claim.root]))
    claims.set(i, { claim, proven: false, work: p.suppliers[i]!.claim === 'honest' ? work : undefined })
  }
  if (p.unstakeSupplier !== undefined) {
    const op = net.operators[p.unstakeSupplier]!
    receipts.push(await world.send(op, 'suppliers', 'unstake', [op.account.address]))
  }
  await world.mineUntilNext(t.proofOpen + 1n)
  const seed = await world.read<Hex>('sessions', 'proofSeed', [session])
  for (const [i, c] of claims) {
    if (!c.work || !p.suppliers[i]!.prove) continue
    receipts.push(await world.send(c.work.operator, 'proofs', 'submitProof', [c.claim, c.work.proof(seed)]))
    c.proven = true
  }
  await world.mineUntilNext(t.settlementHeight)
  const listed = p.settleOrder.filter((i) => claims.has(i)).map((i) => claims.get(i)!.claim)
  if (p.batched && listed.length > 0)
    receipts.push(await world.send(world.gov, 'settlement', 'settleBatch', [listed]))
  else {
    const seen = new Set<ClaimData>()
    for (const claim of listed) {
      if (seen.has(claim)) continue // a second single settle reverts (tested elsewhere)
      seen.add(claim)
      receipts.push(await world.send(world.gov, 'settlement', 'settle', [claim]))
    }
  }
  return { receipts, claims }
}

describe('properties over random sessions', () => {
  it('behavior: supply moves only by mints minus burns; escrows stay solvent; nothing settles without a claim; slashes only for a missing required proof', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        await world.anvil.revert(base)
        base = await world.anvil.snapshot()
        const session = await world.freshSession()
        const supplyBefore = await world.read<bigint>('token', 'totalSupply')
        const faucetBefore = await world.read<bigint>('token', 'balanceOf', [world.address('applications')])
        const { receipts, claims } = await play(p, session)
        const logs = receipts.flatMap((r) => r.logs)
        const seed = await world.read<Hex>('sessions', 'proofSeed', [session])
        let delta = 0n
        const created = new Set(
          parseEventLogs({ abi: abis.claims, logs, eventName: 'ClaimCreated' }).map((e) => e.args.claimKey),
        )
        for (const e of parseEventLogs({ abi: abis.settlement, logs })) {
          if (e.eventName === 'ClaimSkipped') continue
          // nothing settles without a claim
          expect(created.has(e.args.claimKey)).toBe(true)
          if (e.eventName === 'ClaimSettled') delta += e.args.minted + e.args.inflationMinted - e.args.burned
          if (e.eventName === 'ClaimExpired') {
            delta -= e.args.slashed
            // a slash only for a required proof that is missing
            const entry = [...claims.values()].find(
              (c) => c.claim.supplierOperator === e.args.supplierOperator.toLowerCase(),
            )!
            expect(entry.proven).toBe(false)
            const params = world.ledger.params
            const tokens = computeClaimTokens({
              claimedComputeUnits: BigInt(`0x${entry.claim.root.slice(66, 82)}`),
              difficultyTarget: 2n ** 256n - 1n,
              cuToToken: { numerator: params.cuToTokenNumerator, denominator: params.cuToTokenDenominator },
            })
            const claimHash = await world.read<Hex>('claims', 'claimHash', [
              entry.claim.session,
              entry.claim.supplierOperator,
              entry.claim.root,
            ])
            expect(
              isProofRequired({
                claimTokens: tokens,
                threshold: params.proofRequirementThreshold,
                probability: {
                  numerator: params.proofRequestProbabilityNumerator,
                  denominator: params.proofRequestProbabilityDenominator,
                },
                claimHash,
                proofSeed: seed,
              }),
            ).toBe(true)
          }
        }
        const topUp = BigInt(p.appTopUp) * TOKEN
        expect((await world.read<bigint>('token', 'totalSupply')) - supplyBefore).toBe(delta)
        // the application escrow holds exactly the stakes it owes: nothing paid out twice, nothing negative
        const stake = (
          await world.read<readonly bigint[]>('applications', 'applications', [net.app.account.address])
        )[0]!
        const escrow = await world.read<bigint>('token', 'balanceOf', [world.address('applications')])
        expect(escrow).toBe(stake)
        expect(escrow - faucetBefore).toBeLessThanOrEqual(topUp)
        let supplierStakes = 0n
        for (const op of net.operators) {
          supplierStakes += (
            await world.read<readonly bigint[]>('suppliers', 'suppliers', [op.account.address])
          )[2]!
        }
        expect(await world.read<bigint>('token', 'balanceOf', [world.address('suppliers')])).toBe(
          supplierStakes,
        )
      }),
      { numRuns: 5 },
    )
  })
})
