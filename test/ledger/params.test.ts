import type { Hex } from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ParamsInput } from './deployLedger.ts'
import { createWorld, revertError, revertName, type World } from './world.ts'

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

describe('DecaiParams', () => {
  it('default: the devnet preset settles a session within two minutes of its start at 1-second blocks', async () => {
    const t = await world.timeline(1n)
    expect(t.settlementHeight - t.start).toBeLessThanOrEqual(120n)
    expect(await world.read('params', 'numBlocksPerSession')).toBe(world.ledger.numBlocksPerSession)
    expect(await world.read('params', 'genesisHeight')).toBe(world.ledger.genesisHeight)
  })

  it('behavior: a change takes effect at the next session; older sessions keep their version', async () => {
    const current = await world.freshSession()
    const next = { ...world.ledger.params, claimWindowCloseOffset: 12 }
    await world.send(world.gov, 'params', 'setParams', [next])
    // a second change in the same session replaces the pending version
    await world.send(world.gov, 'params', 'setParams', [{ ...next, claimWindowCloseOffset: 14 }])
    expect(await world.read('params', 'versionCount')).toBe(2n)
    expect(await world.read('params', 'paramsAt', [current])).toMatchObject({ claimWindowCloseOffset: 8 })
    expect(await world.read('params', 'paramsAt', [current + 1n])).toMatchObject({
      claimWindowCloseOffset: 14,
    })
    await world.enterSession(current + 2n)
    await world.send(world.gov, 'params', 'setParams', [{ ...next, claimWindowCloseOffset: 16 }])
    expect(await world.read('params', 'versionCount')).toBe(3n)
    expect(await world.read('params', 'timingAt', [current + 2n])).toMatchObject({
      claimWindowCloseOffset: 14,
    })
    expect(await world.read('params', 'timingAt', [current + 3n])).toMatchObject({
      claimWindowCloseOffset: 16,
    })
    expect((await world.timeline(current)).claimClose - (await world.timeline(current)).claimOpen).toBe(8n)
  })

  it('error: only governance changes parameters', async () => {
    const stranger = await world.wallet('stranger')
    expect(await revertName(world.send(stranger, 'params', 'setParams', [world.ledger.params]))).toBe(
      'OwnableUnauthorizedAccount',
    )
  })

  const invalid: [string, Partial<ParamsInput>][] = [
    ['gracePeriodBlocks', { gracePeriodBlocks: 10 }],
    ['claimWindowOpenOffset', { claimWindowOpenOffset: 1 }],
    ['proofWindowOpenOffset', { proofWindowOpenOffset: 0 }],
    ['proofWindowCloseOffset', { proofWindowCloseOffset: 256 }],
    ['suppliersPerSession', { suppliersPerSession: 0 }],
    ['maxDelegatedGateways', { maxDelegatedGateways: 8 }],
    ['maxServicesPerSupplier', { maxServicesPerSupplier: 0 }],
    ['supplierUnbondingSessions', { supplierUnbondingSessions: 2 }],
    ['applicationUnbondingSessions', { applicationUnbondingSessions: 1 }],
    ['applicationMinStake', { applicationMinStake: 0n }],
    ['gatewayMinStake', { gatewayMinStake: 0n }],
    ['supplierMinStake', { supplierMinStake: 0n }],
    ['cuToTokenDenominator', { cuToTokenDenominator: 0n }],
    ['proofRequestProbability', { proofRequestProbabilityNumerator: 5n }],
    ['proofMissingPenalty', { proofMissingPenalty: 29_999_999n }],
    ['targetRelaysPerSession', { targetRelaysPerSession: 0n }],
    ['mintRatioBps', { mintRatioBps: 10_001 }],
    ['inflationBps', { inflationBps: 10_001 }],
    ['supplierBps', { supplierBps: 8_001 }],
    ['dao', { dao: '0x0000000000000000000000000000000000000000' }],
    ['emaAlpha', { emaAlphaNumerator: 0 }],
  ]
  for (const [name, override] of invalid) {
    it(`error: inconsistent ${name} → InvalidParam("${name}")`, async () => {
      const error = await revertError(
        world.read('params', 'validate', [
          world.ledger.numBlocksPerSession,
          { ...world.ledger.params, ...override },
        ]),
      )
      expect(error).toEqual({ name: 'InvalidParam', args: [name] })
    })
  }
})
