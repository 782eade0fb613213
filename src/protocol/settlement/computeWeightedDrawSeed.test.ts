import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { computeWeightedDrawSeed } from './computeWeightedDrawSeed.ts'
import { SettlementInvalidParamsError } from './errors.ts'

const claimHash = `0x${'12'.repeat(32)}` as const
const proofSeed = `0x${'34'.repeat(32)}` as const

describe('computeWeightedDrawSeed', () => {
  it('default', () => {
    expect(computeWeightedDrawSeed(proofSeed, claimHash)).toMatchInlineSnapshot(
      `"0x49eace34995c0d156313d1024dba2ca215a09713f314ffc7e501df15b983a183"`,
    )
  })

  it('behavior: sha256(proofSeed ‖ claimHash), the reverse order of the requirement sample', () => {
    const digest = createHash('sha256')
      .update(Buffer.from('34'.repeat(32) + '12'.repeat(32), 'hex'))
      .digest('hex')
    expect(computeWeightedDrawSeed(proofSeed, claimHash)).toBe(`0x${digest}`)
    expect(computeWeightedDrawSeed(claimHash, proofSeed)).not.toBe(`0x${digest}`)
  })

  it('error: inputs that are not 32 bytes', () => {
    expect(() => computeWeightedDrawSeed('0x34', claimHash)).toThrow(SettlementInvalidParamsError)
  })
})
