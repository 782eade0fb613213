import { describe, expect, it } from 'vitest'
import { decodeClaimRoot } from './decodeClaimRoot.ts'
import { parseAddress, parseBps, parsePort, parseTokenAmount } from './parsers.ts'

describe('option parsers', () => {
  it('behavior: token amounts are decimal tokens with 6 decimals', () => {
    expect(parseTokenAmount('1')).toBe(1_000_000n)
    expect(parseTokenAmount('0.000001')).toBe(1n)
    expect(parseTokenAmount('1000.5')).toBe(1_000_500_000n)
  })

  it('error: amounts with more than 6 decimals, signs or units', () => {
    for (const bad of ['0.0000001', '-1', '1e3', '10 DECAI', ''])
      expect(() => parseTokenAmount(bad)).toThrow(/tokens as a decimal number/)
  })

  it('behavior: addresses are checksummed; ports and basis points are bounded', () => {
    expect(parseAddress('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266')).toBe(
      '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    )
    expect(() => parseAddress('0x1234')).toThrow()
    expect(parsePort('0')).toBe(0)
    expect(() => parsePort('65536')).toThrow()
    expect(parseBps('10000')).toBe(10_000)
    expect(() => parseBps('10001')).toThrow()
  })
})

describe('decodeClaimRoot', () => {
  it('behavior: hash ‖ uint64 sum ‖ uint64 count', () => {
    const root =
      `0x${'ab'.repeat(32)}${1234n.toString(16).padStart(16, '0')}${7n.toString(16).padStart(16, '0')}` as const
    expect(decodeClaimRoot(root)).toEqual({ hash: `0x${'ab'.repeat(32)}`, computeUnits: 1234n, relays: 7n })
  })
})
