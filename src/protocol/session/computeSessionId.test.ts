import { hash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import vectors from '../../../test/vectors/pokt-session.json' with { type: 'json' }
import { bytesToHex, concatBytes, type Hex, hexToBytes } from '../bytes/bytes.ts'
import { computeSessionId } from './computeSessionId.ts'
import { getSessionStartHeight } from './getSessionStartHeight.ts'
import type { SessionParams } from './SessionParams.ts'

const poktGrid: SessionParams = {
  numBlocksPerSession: 4n,
  genesisHeight: 1n,
  gracePeriodBlocks: 1n,
  claimWindowOpenOffset: 1n,
  claimWindowCloseOffset: 0n,
  proofWindowOpenOffset: 4n,
  proofWindowCloseOffset: 4n,
}
const seed = `0x${'ab'.repeat(32)}` as const
const application = '0x8ba1f109551bD432803012645Ac136ddd64DBA72'

/** An independent preimage + SHA3-256 (OpenSSL's, through node:crypto) to cross-check js-sha3. */
function opensslSessionId(s: Hex, serviceId: string, app: string, start: bigint): Hex {
  const le = new Uint8Array(8)
  new DataView(le.buffer).setBigUint64(0, start, true)
  const dot = new Uint8Array([46])
  const enc = (t: string) => new TextEncoder().encode(t)
  const preimage = concatBytes(hexToBytes(s), dot, enc(serviceId), dot, enc(app), dot, le)
  return bytesToHex(new Uint8Array(hash('sha3-256', preimage, 'buffer') as unknown as Buffer))
}

describe('computeSessionId', () => {
  it('default', () => {
    expect(computeSessionId({ seed, serviceId: 'llama-tiny', application, sessionStartHeight: 21n })).toBe(
      opensslSessionId(seed, 'llama-tiny', application.toLowerCase(), 21n),
    )
  })

  it("behavior: reproduces POKT's published session ids (poktroll session_hydrator_test.go)", () => {
    expect(vectors.vectors).toHaveLength(5)
    for (const v of vectors.vectors) {
      const start = BigInt(v.sessionStartHeight)
      expect(vectors.blockHashes[v.sessionStartHeight as keyof typeof vectors.blockHashes]).toBe(v.seed)
      const id = computeSessionId({
        seed: v.seed as Hex,
        serviceId: v.serviceId,
        application: v.application,
        sessionStartHeight: start,
      })
      expect(id, v.name).toBe(v.sessionId)
      // The seed may also be given as bytes.
      expect(
        computeSessionId({
          seed: hexToBytes(v.seed as Hex),
          serviceId: v.serviceId,
          application: v.application,
          sessionStartHeight: start,
        }),
      ).toBe(v.sessionId)
    }
  })

  it('behavior: the start height comes from any height in the session (POKT height 10 → start 9)', () => {
    const v = vectors.vectors[0]!
    const sessionStartHeight = getSessionStartHeight(poktGrid, 10n)
    expect(sessionStartHeight).toBe(9n)
    expect(
      computeSessionId({
        seed: v.seed as Hex,
        serviceId: v.serviceId,
        application: v.application,
        sessionStartHeight,
      }),
    ).toBe(v.sessionId)
  })

  it('behavior: a checksummed address gives the same id as the lower-case one the ledger hashes', () => {
    const base = { seed, serviceId: 'llama-tiny', sessionStartHeight: 1n }
    expect(computeSessionId({ ...base, application })).toBe(
      computeSessionId({ ...base, application: application.toLowerCase() }),
    )
  })

  it('behavior: every input changes the id; the height is little-endian uint64', () => {
    const base = { seed, serviceId: 'svc', application, sessionStartHeight: 256n }
    const ids = new Set([
      computeSessionId(base),
      computeSessionId({ ...base, seed: `0x${'ac'.repeat(32)}` }),
      computeSessionId({ ...base, serviceId: 'svc2' }),
      computeSessionId({ ...base, application: `0x${'11'.repeat(20)}` }),
      computeSessionId({ ...base, sessionStartHeight: 1n }),
    ])
    expect(ids.size).toBe(5)
    expect(computeSessionId({ ...base, sessionStartHeight: 2n ** 64n - 1n })).toBe(
      opensslSessionId(seed, 'svc', application.toLowerCase(), 2n ** 64n - 1n),
    )
  })

  it('error: seed not 32 bytes', () => {
    for (const bad of ['0x', `0x${'00'.repeat(31)}`, new Uint8Array(33), 'nothex'])
      expect(() =>
        computeSessionId({ seed: bad as Hex, serviceId: 's', application, sessionStartHeight: 1n }),
      ).toThrow(expect.objectContaining({ code: 'SESSION_INVALID_SEED' }))
  })

  it('error: empty service id, application empty or with ".", height not uint64', () => {
    const base = { seed, serviceId: 's', application, sessionStartHeight: 1n }
    expect(() => computeSessionId({ ...base, serviceId: '' })).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_SERVICE_ID' }),
    )
    for (const app of ['', 'a.b'])
      expect(() => computeSessionId({ ...base, application: app })).toThrow(
        expect.objectContaining({ code: 'SESSION_INVALID_APPLICATION' }),
      )
    for (const h of [-1n, 2n ** 64n])
      expect(() => computeSessionId({ ...base, sessionStartHeight: h })).toThrow(
        expect.objectContaining({ code: 'SESSION_INVALID_HEIGHT' }),
      )
  })
})
