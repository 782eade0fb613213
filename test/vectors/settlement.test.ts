import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildSettlementVectors, settlementVectorsPath } from '../../scripts/gen-settlement-vectors.ts'

describe('test/vectors/settlement.json', () => {
  it('default', () => {
    // the committed vectors are what the settlement math computes today; regenerate with
    // `node --import tsx scripts/gen-settlement-vectors.ts` after an intended change
    const committed = JSON.parse(readFileSync(settlementVectorsPath, 'utf8'))
    expect(committed).toEqual(buildSettlementVectors())
  })

  it('behavior: covers every operation the contracts reproduce, errors included', () => {
    const committed = JSON.parse(readFileSync(settlementVectorsPath, 'utf8'))
    for (const key of [
      'computeUnits',
      'claimTokens',
      'splits',
      'caps',
      'claimHashes',
      'proofRequirement',
      'minProofPenalty',
    ])
      expect(committed[key].length).toBeGreaterThan(0)
    const errors = [...committed.computeUnits, ...committed.splits].map((v: { error?: string }) => v.error)
    expect(errors).toEqual(
      expect.arrayContaining([
        'SETTLEMENT_USAGE_OUT_OF_BOUNDS',
        'SETTLEMENT_INVALID_SHARES',
        'SETTLEMENT_INVALID_PARAMS',
      ]),
    )
  })
})
