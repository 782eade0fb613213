import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { getClaimWindowCloseHeight } from './getClaimWindowCloseHeight.ts'
import { getClaimWindowOpenHeight } from './getClaimWindowOpenHeight.ts'
import { getNumPendingSessions } from './getNumPendingSessions.ts'
import { getProofSeedHeight } from './getProofSeedHeight.ts'
import { getProofWindowCloseHeight } from './getProofWindowCloseHeight.ts'
import { getProofWindowOpenHeight } from './getProofWindowOpenHeight.ts'
import { getSessionEndHeight } from './getSessionEndHeight.ts'
import { getSessionGraceEndHeight } from './getSessionGraceEndHeight.ts'
import { getSessionNumber } from './getSessionNumber.ts'
import { getSessionStartHeight } from './getSessionStartHeight.ts'
import { getSessionStartHeightForNumber } from './getSessionStartHeightForNumber.ts'
import { getSessionTimeline } from './getSessionTimeline.ts'
import { getSettlementHeight } from './getSettlementHeight.ts'
import type { SessionParams } from './SessionParams.ts'
import { sessionParamsPresets } from './sessionParamsPresets.ts'

// The parameters of poktroll's session hydrator tests (N = 4, sessions start at 1, 5, 9, …).
const poktTestParams: SessionParams = {
  numBlocksPerSession: 4n,
  genesisHeight: 1n,
  gracePeriodBlocks: 1n,
  claimWindowOpenOffset: 1n,
  claimWindowCloseOffset: 0n,
  proofWindowOpenOffset: 4n,
  proofWindowCloseOffset: 4n,
}
const oddParams: SessionParams = {
  numBlocksPerSession: 7n,
  genesisHeight: 13n,
  gracePeriodBlocks: 0n,
  claimWindowOpenOffset: 0n,
  claimWindowCloseOffset: 0n,
  proofWindowOpenOffset: 1n,
  proofWindowCloseOffset: 0n,
}
const oneBlockParams: SessionParams = { ...oddParams, numBlocksPerSession: 1n, genesisHeight: 0n }

/**
 * Reference model: walk the chain block by block from genesis, opening a new session every N blocks,
 * and count the windows off in blocks after each session's end. Plain numbers, no shared code.
 */
function walkChain(p: SessionParams, blocks: number) {
  const n = Number(p.numBlocksPerSession)
  const rows: { height: number; session: number; start: number; end: number }[] = []
  let session = 0
  let left = 0
  let start = 0
  for (let i = 0; i < blocks; i++) {
    const height = Number(p.genesisHeight) + i
    if (left === 0) {
      session += 1
      start = height
      left = n
    }
    left -= 1
    rows.push({ height, session, start, end: start + n - 1 })
  }
  return rows.map((r) => {
    const claimOpen = r.end + Number(p.claimWindowOpenOffset) + 1
    const claimClose = claimOpen + Number(p.claimWindowCloseOffset)
    const proofOpen = claimClose + Number(p.proofWindowOpenOffset)
    const proofClose = proofOpen + Number(p.proofWindowCloseOffset)
    const grace = r.end + Number(p.gracePeriodBlocks)
    return { ...r, grace, claimOpen, claimClose, seed: proofOpen - 1, proofOpen, proofClose }
  })
}

describe('getSessionTimeline', () => {
  it('default', () => {
    expect(getSessionTimeline(sessionParamsPresets.devnet, 7n)).toEqual({
      sessionNumber: 1n,
      startHeight: 1n,
      endHeight: 10n,
      graceEndHeight: 12n,
      claimWindowOpenHeight: 13n,
      claimWindowCloseHeight: 21n,
      proofSeedHeight: 21n,
      proofWindowOpenHeight: 22n,
      proofWindowCloseHeight: 30n,
      settlementHeight: 31n,
    })
  })

  it("behavior: poktroll's hydrator examples (N = 4): heights 1, 5, 6, 10", () => {
    const at = (h: bigint) => getSessionTimeline(poktTestParams, h)
    expect([at(1n).sessionNumber, at(1n).startHeight, at(1n).endHeight]).toEqual([1n, 1n, 4n])
    expect([at(5n).sessionNumber, at(5n).startHeight, at(5n).endHeight]).toEqual([2n, 5n, 8n])
    expect([at(6n).sessionNumber, at(6n).startHeight, at(6n).endHeight]).toEqual([2n, 5n, 8n])
    expect([at(10n).sessionNumber, at(10n).startHeight, at(10n).endHeight]).toEqual([3n, 9n, 12n])
    // Worked by hand: end 12, claims 14…14, seed 17, proofs 18…22, settle 23.
    expect(at(10n)).toMatchObject({
      claimWindowOpenHeight: 14n,
      claimWindowCloseHeight: 14n,
      proofSeedHeight: 17n,
      proofWindowOpenHeight: 18n,
      proofWindowCloseHeight: 22n,
      settlementHeight: 23n,
    })
  })

  it('behavior: production preset: settleable 333 blocks (~11 min at 2 s) after the session end', () => {
    const t = getSessionTimeline(sessionParamsPresets.production, 1n)
    expect(t.endHeight).toBe(300n)
    expect(t.settlementHeight - t.endHeight).toBe(333n)
  })

  it('behavior: oracle — every function agrees with a block-walking model over a range of heights', () => {
    for (const p of [
      sessionParamsPresets.devnet,
      sessionParamsPresets.production,
      poktTestParams,
      oddParams,
      oneBlockParams,
    ]) {
      for (const r of walkChain(p, 5 * Number(p.numBlocksPerSession) + 23)) {
        const h = BigInt(r.height)
        const got = getSessionTimeline(p, h)
        const expected = {
          sessionNumber: BigInt(r.session),
          startHeight: BigInt(r.start),
          endHeight: BigInt(r.end),
          graceEndHeight: BigInt(r.grace),
          claimWindowOpenHeight: BigInt(r.claimOpen),
          claimWindowCloseHeight: BigInt(r.claimClose),
          proofSeedHeight: BigInt(r.seed),
          proofWindowOpenHeight: BigInt(r.proofOpen),
          proofWindowCloseHeight: BigInt(r.proofClose),
          settlementHeight: BigInt(r.proofClose + 1),
        }
        expect(got).toEqual(expected)
        expect({
          sessionNumber: getSessionNumber(p, h),
          startHeight: getSessionStartHeight(p, h),
          endHeight: getSessionEndHeight(p, h),
          graceEndHeight: getSessionGraceEndHeight(p, h),
          claimWindowOpenHeight: getClaimWindowOpenHeight(p, h),
          claimWindowCloseHeight: getClaimWindowCloseHeight(p, h),
          proofSeedHeight: getProofSeedHeight(p, h),
          proofWindowOpenHeight: getProofWindowOpenHeight(p, h),
          proofWindowCloseHeight: getProofWindowCloseHeight(p, h),
          settlementHeight: getSettlementHeight(p, h),
        }).toEqual(expected)
        expect(getSessionStartHeightForNumber(p, got.sessionNumber)).toBe(got.startHeight)
      }
    }
  })

  it('behavior: oracle — at any height, ended-but-unsettled sessions never exceed numPendingSessions (presets)', () => {
    for (const p of [sessionParamsPresets.devnet, sessionParamsPresets.production]) {
      const rows = walkChain(p, 12 * Number(p.numBlocksPerSession))
      const settleByEnd = new Map(rows.map((r) => [r.end, r.proofClose + 1]))
      let most = 0
      for (const { height } of rows) {
        let pending = 0
        for (const [end, settle] of settleByEnd) if (end < height && height < settle) pending++
        most = Math.max(most, pending)
      }
      expect(BigInt(most)).toBe(getNumPendingSessions(p))
    }
  })

  it('behavior: invariants hold for arbitrary valid params and heights', () => {
    const arbitraryParams = fc
      .record({
        n: fc.bigInt({ min: 1n, max: 1000n }),
        a: fc.bigInt({ min: 0n, max: 10n ** 12n }),
        g: fc.bigInt({ min: 0n, max: 999n }),
        cwoExtra: fc.bigInt({ min: 0n, max: 100n }),
        cwc: fc.bigInt({ min: 0n, max: 100n }),
        pwo: fc.bigInt({ min: 1n, max: 100n }),
        pwc: fc.bigInt({ min: 0n, max: 100n }),
      })
      .map(({ n, a, g, cwoExtra, cwc, pwo, pwc }) => {
        const grace = g % n
        return {
          numBlocksPerSession: n,
          genesisHeight: a,
          gracePeriodBlocks: grace,
          claimWindowOpenOffset: grace + cwoExtra,
          claimWindowCloseOffset: cwc,
          proofWindowOpenOffset: pwo,
          proofWindowCloseOffset: pwc,
        }
      })
    fc.assert(
      fc.property(arbitraryParams, fc.bigInt({ min: 0n, max: 10n ** 9n }), (p, offset) => {
        const h = p.genesisHeight + offset
        const t = getSessionTimeline(p, h)
        expect(t.startHeight <= h && h <= t.endHeight).toBe(true)
        expect(t.endHeight - t.startHeight + 1n).toBe(p.numBlocksPerSession)
        expect(getSessionNumber(p, t.endHeight + 1n)).toBe(t.sessionNumber + 1n)
        expect(t.graceEndHeight < t.claimWindowOpenHeight).toBe(true)
        expect(t.claimWindowCloseHeight <= t.proofSeedHeight).toBe(true)
        expect(t.proofSeedHeight < t.proofWindowOpenHeight).toBe(true)
        expect(t.proofWindowCloseHeight < t.settlementHeight).toBe(true)
      }),
      { seed: 42, numRuns: 300 },
    )
  })

  it('error: heights before genesis or not uint64', () => {
    expect(() => getSessionTimeline(oddParams, 12n)).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_HEIGHT' }),
    )
    expect(() => getSessionTimeline(oddParams, 2n ** 64n)).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_HEIGHT' }),
    )
    expect(() => getSessionTimeline(oddParams, 20 as unknown as bigint)).toThrow(
      expect.objectContaining({ code: 'SESSION_INVALID_HEIGHT' }),
    )
  })
})
