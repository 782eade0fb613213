import { describe, expect, it } from 'vitest'
import vectors from '../../../test/vectors/pokt-difficulty.json' with { type: 'json' }
import { bigintToBytes, type Hex, hexToBytes } from '../bytes/bytes.ts'
import { sha256 } from '../bytes/sha256.ts'
import { baseTarget } from './baseTarget.ts'
import { isRelayMined } from './isRelayMined.ts'

describe('isRelayMined', () => {
  it('default', () => {
    expect(isRelayMined(sha256(new TextEncoder().encode('relay')), baseTarget)).toBe(true)
  })

  it("behavior: POKT's volume-applicability vectors (strict <), with every target form", () => {
    for (const v of vectors.isMined.cases) {
      const hash = v.relayHash as Hex
      const target = v.target as Hex
      expect(isRelayMined(hash, target), v.name).toBe(v.mined)
      expect(isRelayMined(hexToBytes(hash), hexToBytes(target)), v.name).toBe(v.mined)
      expect(isRelayMined(hexToBytes(hash), BigInt(target)), v.name).toBe(v.mined)
    }
  })

  it('behavior: the boundary is strict; 0xff…ff is the one hash not mined at the base target', () => {
    const t = 2n ** 200n
    expect(isRelayMined(bigintToBytes(t - 1n, 32), t)).toBe(true)
    expect(isRelayMined(bigintToBytes(t, 32), t)).toBe(false)
    expect(isRelayMined(bigintToBytes(baseTarget, 32), baseTarget)).toBe(false)
    expect(isRelayMined(new Uint8Array(32), 1n)).toBe(true)
  })

  it('behavior: bytes and bigint targets agree on random hashes', () => {
    const target = (baseTarget * 3n) / 7n
    const targetBytes = bigintToBytes(target, 32)
    let mined = 0
    for (let i = 0; i < 2000; i++) {
      const hash = sha256(new TextEncoder().encode(`r${i}`))
      const a = isRelayMined(hash, targetBytes)
      expect(isRelayMined(hash, target)).toBe(a)
      if (a) mined++
    }
    // 3/7 of 2 000 ≈ 857, σ ≈ 22
    expect(Math.abs(mined - 857)).toBeLessThan(110)
  })

  it('error: relay hash not 32 bytes; target zero, too large or not 32 bytes', () => {
    expect(() => isRelayMined(new Uint8Array(31), baseTarget)).toThrow(
      expect.objectContaining({ code: 'DIFFICULTY_INVALID_RELAY_HASH' }),
    )
    for (const target of [0n, 2n ** 256n, new Uint8Array(32), new Uint8Array(33), '0x01'] as const)
      expect(() => isRelayMined(new Uint8Array(32), target as bigint)).toThrow(
        expect.objectContaining({ code: 'DIFFICULTY_INVALID_TARGET' }),
      )
  })
})
