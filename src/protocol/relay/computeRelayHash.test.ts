import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { bytesToHex } from '../bytes/bytes.ts'
import { sampleRelay } from './arbitraries.test-util.ts'
import { computeRelayHash } from './computeRelayHash.ts'
import { encodeRelay } from './encodeRelay.ts'

describe('computeRelayHash', () => {
  it('default', () => {
    const relayBytes = encodeRelay(sampleRelay)
    const expected = createHash('sha256').update(relayBytes).digest('hex')
    expect(bytesToHex(computeRelayHash(relayBytes))).toBe(`0x${expected}`)
  })

  it('behavior: the nonce makes otherwise identical relays distinct', () => {
    const other = structuredClone(sampleRelay)
    other.request.nonce += 1n
    expect(computeRelayHash(encodeRelay(other))).not.toEqual(computeRelayHash(encodeRelay(sampleRelay)))
  })
})
