import { concatHex, type Hex, keccak256, numberToHex, sha256 as viemSha256 } from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { isSupplierInSession } from '../../src/protocol/session/isSupplierInSession.ts'
import { getHeader, type Network, SessionWork, serveRelays, setupNetwork } from './network.ts'
import { createWorld, revertName, type Timeline, type World } from './world.ts'

let world: World
let net: Network
let t: Timeline
let work: SessionWork
let snapshot: Hex

function claimWith(root: Hex, header = work.header, operator = work.operator) {
  return world.send(operator, 'claims', 'createClaim', [header, root])
}

beforeAll(async () => {
  world = await createWorld()
  net = await setupNetwork(world, { suppliers: 2 })
  work = await serveRelays(net, { count: 3 })
  t = await world.timeline(net.session)
})
afterAll(() => world.anvil.stop())
beforeEach(async () => {
  snapshot = await world.anvil.snapshot()
})
afterEach(async () => {
  await world.anvil.revert(snapshot)
})

describe('Claims.createClaim', () => {
  it('default: in the claim window, stores the claim hash and counts budget, claimants and volume', async () => {
    await world.mineUntilNext(t.claimOpen)
    const claim = work.claim()
    const receipt = await claimWith(claim.root)
    expect(receipt.status).toBe('success')
    expect(await world.read('claims', 'statusOfClaim', [claim])).toBe(1)
    const appKey = await world.read<Hex>('claims', 'appSessionKey', [net.app.account.address, net.session])
    const [budget, claimants] = await world.read<[bigint, number]>('claims', 'appSessions', [appKey])
    // budget = floor(stake / numPendingSessions) with numPendingSessions = ceil(19 / 10) = 2
    expect(budget).toBe(1_000_000_000n / 2n)
    expect(claimants).toBe(1)
    const serviceKey = keccak256(new TextEncoder().encode(net.serviceId))
    const volumeKey = await world.read<Hex>('claims', 'serviceSessionKey', [serviceKey, net.session])
    expect((await world.read<[bigint, boolean]>('claims', 'serviceSessions', [volumeKey]))[0]).toBe(3n)
    const supplier = await world.read<readonly unknown[]>('suppliers', 'suppliers', [
      work.operator.account.address,
    ])
    expect(supplier[4]).toBe(1) // pendingClaims
  })

  it('behavior: the last block of the window is still in', async () => {
    await world.mineUntilNext(t.claimClose)
    await claimWith(work.claim().root)
  })

  it('error: before the window → OutsideClaimWindow', async () => {
    await world.mineUntilNext(t.claimOpen - 1n)
    expect(await revertName(claimWith(work.claim().root))).toBe('OutsideClaimWindow')
  })

  it('error: after the window → OutsideClaimWindow', async () => {
    await world.mineUntilNext(t.claimClose + 1n)
    expect(await revertName(claimWith(work.claim().root))).toBe('OutsideClaimWindow')
  })

  it('error: one claim per supplier per session → ClaimExists', async () => {
    await world.mineUntilNext(t.claimOpen)
    await claimWith(work.claim().root)
    const other = concatHex([
      viemSha256('0x01'),
      numberToHex(1000n, { size: 8 }),
      numberToHex(2n, { size: 8 }),
    ])
    expect(await revertName(claimWith(other))).toBe('ClaimExists')
  })

  it('error: grinding, a claim re-submitted once the proof seed is known, is refused', async () => {
    await world.mineUntilNext(t.claimOpen)
    await claimWith(work.claim().root)
    // the seed block (proofOpen − 1) is at or after the claim window's close
    expect(t.proofOpen - 1n).toBeGreaterThanOrEqual(t.claimClose)
    await world.mineUntilNext(t.proofOpen + 1n)
    const seed = await world.read<Hex>('sessions', 'proofSeed', [net.session])
    expect(seed).not.toBe(numberToHex(0, { size: 32 }))
    const reworked = concatHex([
      viemSha256('0x02'),
      numberToHex(500n, { size: 8 }),
      numberToHex(1n, { size: 8 }),
    ])
    expect(await revertName(claimWith(reworked))).toBe('OutsideClaimWindow')
    // and a supplier who waited for the seed before claiming at all is too late as well
    const late = await serveRelays(net, { operator: net.operators[1], count: 1 })
    expect(await revertName(claimWith(late.claim().root, late.header, late.operator))).toBe(
      'OutsideClaimWindow',
    )
  })

  it('error: a root that is not 48 bytes → InvalidRoot; sum or count 0 → EmptyClaim', async () => {
    await world.mineUntilNext(t.claimOpen)
    expect(await revertName(claimWith(viemSha256('0x01')))).toBe('InvalidRoot')
    const noSum = concatHex([viemSha256('0x01'), numberToHex(0n, { size: 8 }), numberToHex(1n, { size: 8 })])
    expect(await revertName(claimWith(noSum))).toBe('EmptyClaim')
    const noCount = concatHex([
      viemSha256('0x01'),
      numberToHex(5n, { size: 8 }),
      numberToHex(0n, { size: 8 }),
    ])
    expect(await revertName(claimWith(noCount))).toBe('EmptyClaim')
  })

  it('error: a header whose heights are not the session grid → SessionHeaderMismatch', async () => {
    await world.mineUntilNext(t.claimOpen)
    const shifted = { ...work.header, sessionEndHeight: work.header.sessionEndHeight + 1n }
    expect(await revertName(claimWith(work.claim().root, shifted))).toBe('SessionHeaderMismatch')
  })

  it('error: a session id not derived from the recorded seed → SessionIdMismatch', async () => {
    await world.mineUntilNext(t.claimOpen)
    const forged = { ...work.header, sessionId: viemSha256('0x42') }
    expect(await revertName(claimWith(work.claim().root, forged))).toBe('SessionIdMismatch')
  })

  it('error: an application not staked for the claimed service → ApplicationNotInSession', async () => {
    await world.mineUntilNext(t.claimOpen)
    const other = { ...work.header, application: net.gateway.account.address.toLowerCase() as Hex }
    expect(await revertName(claimWith(work.claim().root, other))).toBe('ApplicationNotInSession')
  })

  it('error: a caller that is not a staked supplier of the service → SupplierNotStakedForService', async () => {
    await world.mineUntilNext(t.claimOpen)
    const stranger = await world.wallet('stranger')
    expect(await revertName(claimWith(work.claim().root, work.header, stranger))).toBe(
      'SupplierNotStakedForService',
    )
  })

  it('error: a supplier that staked during the session is not in it', async () => {
    const late = await world.wallet('late-operator')
    await world.fund(net.owner, 1_000_000_000n, 'suppliers')
    await world.send(net.owner, 'suppliers', 'stake', [
      late.account.address,
      1_000_000_000n,
      [{ serviceId: net.serviceId, endpoint: 'https://late.example' }],
      [{ recipient: net.owner.account.address, bps: 10_000 }],
    ])
    await world.mineUntilNext(t.claimOpen)
    const lateWork = new SessionWork(work.header, late)
    lateWork.add(work.relays[0]!)
    expect(await revertName(claimWith(lateWork.claim().root, work.header, late))).toBe(
      'SupplierNotStakedForService',
    )
  })
})

describe('Claims: O(1) supplier membership', () => {
  it('error: with more suppliers than seats, a supplier outside the draw → SupplierNotInSession', async () => {
    const w2 = await createWorld({ params: { suppliersPerSession: 1 } })
    try {
      const n2 = await setupNetwork(w2, { suppliers: 6 })
      const header = await getHeader(w2, n2.app.account.address, n2.session)
      const member = (address: Hex) =>
        isSupplierInSession({
          sessionId: header.sessionId,
          supplierOperator: address,
          numSuppliers: 6n,
          suppliersPerSession: 1n,
        })
      const inside = n2.operators.filter((op) => member(op.account.address))
      const outside = n2.operators.filter((op) => !member(op.account.address))
      expect(outside.length).toBeGreaterThan(0)
      expect(
        await w2.read('suppliers', 'supplierCountAt', [
          keccak256(new TextEncoder().encode(n2.serviceId)),
          n2.session,
        ]),
      ).toBe(6n)
      const t2 = await w2.timeline(n2.session)
      await w2.mineUntilNext(t2.claimOpen)
      const relayWork = await serveRelays(n2, { operator: outside[0], count: 1 })
      expect(
        await revertName(w2.send(outside[0]!, 'claims', 'createClaim', [header, relayWork.claim().root])),
      ).toBe('SupplierNotInSession')
      for (const op of inside) {
        const ok = await serveRelays(n2, { operator: op, count: 1 })
        await w2.send(op, 'claims', 'createClaim', [header, ok.claim().root])
      }
    } finally {
      await w2.anvil.stop()
    }
  })
})
