import { describe, expect, it } from 'vitest'
import { parseClaimRoot } from './claimRoot.ts'

describe('parseClaimRoot', () => {
  it('behavior: splits hash ‖ uint64 sum ‖ uint64 count', () => {
    const root = `0x${'AB'.repeat(32)}${(5_000).toString(16).padStart(16, '0')}${'0'.repeat(15)}3` as const
    expect(parseClaimRoot(root)).toEqual({ hash: `0x${'ab'.repeat(32)}`, computeUnits: 5_000n, relays: 3n })
  })

  it('error: a root that is not 48 bytes reads as empty', () => {
    expect(parseClaimRoot('0x1234')).toEqual({ hash: '0x', computeUnits: 0n, relays: 0n })
  })
})
