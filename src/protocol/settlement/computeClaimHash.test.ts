import { keccak256 } from 'viem'
import { describe, expect, it } from 'vitest'
import { bigintToBytes, bytesToHex, concatBytes, hexToBytes } from '../bytes/bytes.ts'
import type { SessionHeader } from '../relay/types.ts'
import { computeClaimHash } from './computeClaimHash.ts'
import { SettlementInvalidParamsError } from './errors.ts'

const sessionHeader: SessionHeader = {
  application: `0x${'aa'.repeat(20)}`,
  serviceId: 'llama-tiny',
  sessionId: `0x${'11'.repeat(32)}`,
  sessionStartHeight: 10n,
  sessionEndHeight: 14n,
}
const supplierOperator = `0x${'bb'.repeat(20)}` as const
const root = `0x${'cd'.repeat(40)}0102030405060708` as const

const word = (value: bigint) => bigintToBytes(value, 32)
const leftPad = (hex: `0x${string}`) =>
  concatBytes(new Uint8Array(32 - (hex.length - 2) / 2), hexToBytes(hex))
const rightPad = (bytes: Uint8Array) => concatBytes(bytes, new Uint8Array((32 - (bytes.length % 32)) % 32))

describe('computeClaimHash', () => {
  it('default', () => {
    // pinned; the same value Solidity's keccak256(abi.encode(header, supplier, root)) returns
    expect(computeClaimHash({ sessionHeader, supplierOperator, root })).toMatchInlineSnapshot(
      `"0x3293af62aabaaa3b518381218aec8e11de703f4c97304b08691c0bf1ee0b513f"`,
    )
  })

  it('behavior: hashes the ABI layout of (tuple, address, bytes), built here word by word', () => {
    const serviceId = new TextEncoder().encode(sessionHeader.serviceId)
    const tuple = concatBytes(
      leftPad(sessionHeader.application),
      word(0xa0n), // the string's offset inside the tuple: five head words
      hexToBytes(sessionHeader.sessionId),
      word(sessionHeader.sessionStartHeight),
      word(sessionHeader.sessionEndHeight),
      word(BigInt(serviceId.length)),
      rightPad(serviceId),
    )
    const rootBytes = hexToBytes(root)
    const encoded = concatBytes(
      word(0x60n), // the tuple is dynamic (it holds a string): three head words, then its body
      leftPad(supplierOperator),
      word(0x60n + BigInt(tuple.length)),
      tuple,
      word(48n),
      rightPad(rootBytes),
    )
    expect(computeClaimHash({ sessionHeader, supplierOperator, root })).toBe(keccak256(bytesToHex(encoded)))
  })

  it('behavior: every field changes the hash; address case does not', () => {
    const reference = computeClaimHash({ sessionHeader, supplierOperator, root })
    const variants = [
      { sessionHeader: { ...sessionHeader, serviceId: 'llama-tinY' }, supplierOperator, root },
      { sessionHeader: { ...sessionHeader, sessionEndHeight: 15n }, supplierOperator, root },
      { sessionHeader, supplierOperator: `0x${'bc'.repeat(20)}` as const, root },
      { sessionHeader, supplierOperator, root: `0x${'cd'.repeat(40)}0102030405060709` as const },
    ]
    for (const variant of variants) expect(computeClaimHash(variant)).not.toBe(reference)
    const upper = `0x${'BB'.repeat(20)}` as const
    expect(computeClaimHash({ sessionHeader, supplierOperator: upper, root })).toBe(reference)
  })

  it('error: a root that is not 48 bytes, a height outside uint64, a malformed address or session id', () => {
    const cases = [
      { sessionHeader, supplierOperator, root: `0x${'cd'.repeat(32)}` as const },
      { sessionHeader: { ...sessionHeader, sessionEndHeight: 2n ** 64n }, supplierOperator, root },
      { sessionHeader, supplierOperator: '0x1234' as const, root },
      {
        sessionHeader: { ...sessionHeader, sessionId: `0x${'11'.repeat(31)}` as const },
        supplierOperator,
        root,
      },
      { sessionHeader: { ...sessionHeader, sessionStartHeight: -1n }, supplierOperator, root },
    ]
    for (const parameters of cases)
      expect(() => computeClaimHash(parameters)).toThrow(SettlementInvalidParamsError)
  })
})
