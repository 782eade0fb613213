import { describe, expect, it } from 'vitest'
import { createTestNetwork } from '../testing/createTestNetwork.ts'
import { evaluateClaim } from './evaluateClaim.ts'

async function session() {
  const network = createTestNetwork()
  const header = await network.currentHeader()
  return network.ledger.getSession({
    application: header.application,
    serviceId: network.serviceId,
    sessionNumber: 1n,
    supplier: network.addresses.supplier,
  })
}
const profitability = { minClaimValueBaseUnits: 0n, weiPerTokenBaseUnit: undefined }

describe('evaluateClaim', () => {
  it('default: a claim with value is made (every relay mined: value = sum / 10)', async () => {
    expect(
      evaluateClaim({ sum: 1_000n, session: await session(), claimCostWei: undefined, profitability }),
    ).toEqual({ shouldClaim: true, claimTokens: 100n })
  })

  it.each([
    ['empty', 0n, profitability, 0n],
    ['below_minimum', 1_000n, { ...profitability, minClaimValueBaseUnits: 101n }, 0n],
    ['unprofitable', 1_000n, { minClaimValueBaseUnits: 0n, weiPerTokenBaseUnit: 10n }, 1_001n],
  ] as const)('behavior: skipped as %s', async (reason, sum, settings, claimCostWei) => {
    expect(
      evaluateClaim({ sum, session: await session(), claimCostWei, profitability: settings }),
    ).toMatchObject({ shouldClaim: false, reason })
  })

  it('behavior: gas is weighed only when a token price is configured', async () => {
    const decision = evaluateClaim({
      sum: 1_000n,
      session: await session(),
      claimCostWei: 10n ** 18n,
      profitability,
    })
    expect(decision.shouldClaim).toBe(true)
  })
})
