import { hash } from 'node:crypto'
import { encodeAbiParameters, keccak256 } from 'viem'
import { describe, expect, it } from 'vitest'
import vectors from '../../../test/vectors/session.json' with { type: 'json' }
import { bytesToHex, concatBytes, type Hex, hexToBytes } from '../bytes/bytes.ts'
import { computeMembershipHash } from './computeMembershipHash.ts'
import { computeMembershipThreshold } from './computeMembershipThreshold.ts'
import { computeSessionId } from './computeSessionId.ts'
import { getSessionTimeline } from './getSessionTimeline.ts'
import { isSupplierInSession } from './isSupplierInSession.ts'
import type { SessionParams } from './SessionParams.ts'

const toBigints = (o: Record<string, string>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, BigInt(v)]))

describe('test/vectors/session.json', () => {
  it('default', () => {
    expect(vectors.timelines.length).toBeGreaterThan(0)
    expect(vectors.sessionIds.length).toBeGreaterThan(0)
    expect(vectors.membership.length).toBeGreaterThan(0)
  })

  it('behavior: timelines', () => {
    for (const v of vectors.timelines) {
      const params = toBigints(v.params) as SessionParams
      expect(getSessionTimeline(params, BigInt(v.height))).toEqual(toBigints(v.timeline))
    }
  })

  it('behavior: session ids, also recomputed with OpenSSL SHA3-256', () => {
    for (const v of vectors.sessionIds) {
      const start = BigInt(v.sessionStartHeight)
      expect(computeSessionId({ ...v, seed: v.seed as Hex, sessionStartHeight: start })).toBe(v.sessionId)
      const le = new Uint8Array(8)
      new DataView(le.buffer).setBigUint64(0, start, true)
      const dot = new Uint8Array([46])
      const enc = (t: string) => new TextEncoder().encode(t)
      const preimage = concatBytes(
        hexToBytes(v.seed as Hex),
        dot,
        enc(v.serviceId),
        dot,
        enc(v.application),
        dot,
        le,
      )
      expect(bytesToHex(new Uint8Array(hash('sha3-256', preimage, 'buffer') as unknown as Buffer))).toBe(
        v.sessionId,
      )
    }
  })

  it('behavior: membership, hashes also recomputed with viem abi.encode + keccak256', () => {
    for (const v of vectors.membership) {
      const { sessionId, supplierOperator } = v as { sessionId: Hex; supplierOperator: Hex }
      const abiHash = keccak256(
        encodeAbiParameters([{ type: 'bytes32' }, { type: 'address' }], [sessionId, supplierOperator]),
      )
      expect(computeMembershipHash({ sessionId, supplierOperator })).toBe(v.membershipHash)
      expect(abiHash).toBe(v.membershipHash)
      expect(computeMembershipThreshold(v)).toBe(BigInt(v.threshold))
      expect(isSupplierInSession({ ...v, sessionId, supplierOperator })).toBe(v.inSession)
    }
  })
})
