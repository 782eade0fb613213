import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { computeProofSample } from './computeProofSample.ts'
import { SettlementInvalidParamsError } from './errors.ts'

const claimHash = `0x${'12'.repeat(32)}` as const
const proofSeed = `0x${'34'.repeat(32)}` as const

describe('computeProofSample', () => {
  it('default', () => {
    expect(computeProofSample({ claimHash, proofSeed })).toMatchInlineSnapshot(`642737974741447133n`)
  })

  it('behavior: the first 8 bytes of sha256(claimHash ‖ proofSeed), big-endian', () => {
    const digest = createHash('sha256')
      .update(Buffer.from('12'.repeat(32) + '34'.repeat(32), 'hex'))
      .digest()
    expect(computeProofSample({ claimHash, proofSeed })).toBe(digest.readBigUInt64BE(0))
  })

  it('error: hashes that are not 32 bytes', () => {
    expect(() => computeProofSample({ claimHash: '0x12', proofSeed })).toThrow(SettlementInvalidParamsError)
    expect(() => computeProofSample({ claimHash, proofSeed: `0x${'34'.repeat(33)}` })).toThrow(
      SettlementInvalidParamsError,
    )
  })
})
