import { describe, expect, it } from 'vitest'
import { createTestNetwork } from '../testing/createTestNetwork.ts'
import { createRelayMeter } from './createRelayMeter.ts'

async function session(appStake: bigint) {
  const network = createTestNetwork({ appStake })
  const header = await network.currentHeader()
  return network.ledger.getSession({
    application: header.application,
    serviceId: network.serviceId,
    sessionNumber: 1n,
    supplier: network.addresses.supplier,
  })
}
// devnet: 12 suppliers per session, 2 pending sessions, 0.1 base unit per CU, pricing 100 + in + 3·out.
const bounds = { maxInputTokens: 100, maxOutputTokens: 100 } // max 500 CU = 50 base units

describe('createRelayMeter', () => {
  it('behavior: reserves the maximum, settles to the actual cost and lets the refund serve later relays', async () => {
    // budget = floor(floor(1800 / 12) / 3) = 50 base units: exactly one reservation at a time.
    const meter = createRelayMeter()
    const s = await session(1_800n)
    const first = meter.reserve({ treeKey: 'k', session: s, bounds })
    expect(() => meter.reserve({ treeKey: 'k', session: s, bounds })).toThrow(
      expect.objectContaining({ code: 'RELAYMINER_RATE_LIMITED' }),
    )
    first.settle(0n)
    meter.reserve({ treeKey: 'k', session: s, bounds }).release()
    meter.reserve({ treeKey: 'k', session: s, bounds }).settle(500n)
    expect(() => meter.reserve({ treeKey: 'k', session: s, bounds })).toThrow(
      expect.objectContaining({ code: 'RELAYMINER_RATE_LIMITED' }),
    )
  })

  it('behavior: budgets are per (supplier, session) key and evicted after the grace period', async () => {
    const meter = createRelayMeter()
    const s = await session(1_800n)
    meter.reserve({ treeKey: 'a', session: s, bounds })
    meter.reserve({ treeKey: 'b', session: s, bounds })
    expect(meter.size).toBe(2)
    meter.evict(s.timeline.graceEndHeight)
    expect(meter.size).toBe(2)
    meter.evict(s.timeline.graceEndHeight + 1n)
    expect(meter.size).toBe(0)
  })

  it('behavior: a restart starts from what the stored tree says was spent', async () => {
    const s = await session(1_800n)
    const meter = createRelayMeter({ spentBefore: () => 500n * 10n })
    expect(() =>
      meter.reserve({ treeKey: 'k', session: s, bounds: { maxInputTokens: 0, maxOutputTokens: 0 } }),
    ).toThrow(expect.objectContaining({ code: 'RELAYMINER_RATE_LIMITED' }))
  })

  it('behavior: settling or releasing twice changes nothing', async () => {
    const meter = createRelayMeter()
    const s = await session(1_800n)
    const reservation = meter.reserve({ treeKey: 'k', session: s, bounds })
    reservation.release()
    reservation.release()
    reservation.settle(500n)
    expect(() => meter.reserve({ treeKey: 'k', session: s, bounds })).not.toThrow()
  })
})
