import { concatHex, type Hex, hexToBigInt, numberToHex, size, slice, sha256 as viemSha256 } from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { bytesToHex, hexToBytes } from '../../src/protocol/bytes/bytes.ts'
import { encodeWeightedProof } from '../../src/protocol/smst/encodeWeightedProof.ts'
import {
  type ClaimData,
  encodeSignedRelay,
  getHeader,
  type Network,
  SessionWork,
  type SignedRelay,
  serveRelays,
  setupNetwork,
  signRelay,
} from './network.ts'
import { createWorld, revertName, type Timeline, type Wallet, type World } from './world.ts'

/** secp256k1 group order: s and n − s are both valid for ecrecover, only s ≤ n/2 is canonical. */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

let world: World
let net: Network
let t: Timeline
let proofSeed: Hex
let snapshot: Hex
/** One claim per case, each by its own operator, all in the same session. */
const cases = new Map<string, SessionWork>()

function highS(signature: Hex): Hex {
  const r = slice(signature, 0, 32)
  const s = hexToBigInt(slice(signature, 32, 64))
  const v = hexToBigInt(slice(signature, 64, 65))
  return concatHex([
    r,
    numberToHex(SECP256K1_N - s, { size: 32 }),
    numberToHex(v === 27n ? 28 : 27, { size: 1 }),
  ])
}

async function prepare(name: string, operator: Wallet, build: (work: SessionWork) => Promise<void>) {
  const work = new SessionWork(await getHeader(world, net.app.account.address, net.session), operator)
  await build(work)
  cases.set(name, work)
}

function relayFor(
  work: SessionWork,
  overrides: Partial<Parameters<typeof signRelay>[1]> = {},
): Promise<SignedRelay> {
  return signRelay(world, {
    header: work.header,
    operator: work.operator,
    signer: net.gateway,
    nonce: 1n,
    ...overrides,
  })
}

function submit(work: SessionWork, proof = work.proof(proofSeed), claim: ClaimData = work.claim()) {
  return world.send(work.operator, 'proofs', 'submitProof', [claim, proof])
}

beforeAll(async () => {
  // every supplier in the session (n ≤ k), so each case can use its own operator; a claim window long
  // enough for one claim per block
  world = await createWorld({
    params: {
      suppliersPerSession: 20,
      claimWindowCloseOffset: 30,
      supplierUnbondingSessions: 6,
      applicationUnbondingSessions: 6,
    },
  })
  net = await setupNetwork(world, { suppliers: 13 })
  const ops = net.operators
  const stranger = await world.wallet('stranger')
  const otherGateway = await world.wallet('undelegated-gateway')
  await world.fund(otherGateway, 10_000_000n, 'gateways')
  await world.send(otherGateway, 'gateways', 'stake', [10_000_000n])

  cases.set('honest', await serveRelays(net, { operator: ops[0], count: 4 }))
  await prepare('forged request signer', ops[1]!, async (w) => w.add(await relayFor(w, { signer: stranger })))
  await prepare('high-S request signature', ops[2]!, async (w) => {
    const { relay } = await relayFor(w)
    w.add(encodeSignedRelay({ ...relay, requestSignature: highS(relay.requestSignature) }))
  })
  await prepare('undelegated gateway', ops[3]!, async (w) =>
    w.add(await relayFor(w, { signer: otherGateway })),
  )
  await prepare('response signed by another key', ops[4]!, async (w) =>
    w.add(await relayFor(w, { responder: ops[5]! })),
  )
  await prepare('response to another request', ops[5]!, async (w) => {
    const { relay } = await relayFor(w)
    const tampered = { ...relay, response: { ...relay.response, requestHash: viemSha256('0x01') } }
    // re-sign the tampered response as the supplier would have to
    const domain = {
      name: 'decai',
      version: '1',
      chainId: world.anvil.chain.id,
      verifyingContract: world.address('proofs'),
    } as const
    const { relayTypes } = await import('../../src/protocol/signature/typedData.ts')
    tampered.responseSignature = await w.operator.account.signTypedData!({
      domain,
      types: relayTypes,
      primaryType: 'RelayResponse',
      message: tampered.response,
    })
    w.add(encodeSignedRelay(tampered))
  })
  await prepare('relay of another supplier', ops[6]!, async (w) =>
    w.add(await signRelay(world, { header: w.header, operator: ops[0]!, signer: net.gateway, nonce: 99n })),
  )
  await prepare('usage above the signed bounds', ops[7]!, async (w) =>
    w.add(await relayFor(w, { outputTokens: 300, maxOutputTokens: 256 })),
  )
  await prepare('inflated leaf weight', ops[8]!, async (w) => {
    const relay = await relayFor(w)
    w.add(relay, relay.computeUnits * 10n)
  })
  await prepare('non-canonical relay bytes', ops[9]!, async (w) => {
    const relay = await relayFor(w)
    const padded = concatHex([relay.bytes, numberToHex(0, { size: 32 })])
    w.add({ ...relay, bytes: padded, relayHash: viemSha256(padded) })
  })
  cases.set('wrong leaf', await serveRelays(net, { operator: ops[10], count: 6, nonceBase: 1000n }))
  await prepare('signed by the application', ops[12]!, async (w) =>
    w.add(await relayFor(w, { signer: net.app })),
  )
  await prepare('relay from another session header', ops[11]!, async (w) => {
    const header = { ...w.header, sessionEndHeight: w.header.sessionEndHeight + 1n }
    w.add(await signRelay(world, { header, operator: w.operator, signer: net.gateway, nonce: 5n }))
  })

  t = await world.timeline(net.session)
  await world.mineUntilNext(t.claimOpen)
  for (const work of cases.values()) {
    const claim = work.claim()
    await world.send(work.operator, 'claims', 'createClaim', [claim.session, claim.root])
  }
  await world.mineUntilNext(t.proofOpen + 1n)
  proofSeed = await world.read<Hex>('sessions', 'proofSeed', [net.session])
})
afterAll(() => world.anvil.stop())
beforeEach(async () => {
  snapshot = await world.anvil.snapshot()
})
afterEach(async () => {
  await world.anvil.revert(snapshot)
})

describe('Proofs.submitProof', () => {
  it('default: the drawn relay of an honest claim proves it', async () => {
    const work = cases.get('honest')!
    await submit(work)
    expect(await world.read('claims', 'statusOfClaim', [work.claim()])).toBe(2)
  })

  it('behavior: the application itself may sign its requests', async () => {
    await submit(cases.get('signed by the application')!)
  })

  it('error: a relay replayed from an earlier session → RelaySessionMismatch', async () => {
    const old = cases.get('honest')!.relays[0]!
    const next = (await world.currentSession()) + 1n
    await world.enterSession(next)
    const work = new SessionWork(await getHeader(world, net.app.account.address, next), net.operators[0]!)
    work.add(old)
    const t2 = await world.timeline(next)
    await world.mineUntilNext(t2.claimOpen)
    const claim = work.claim()
    await world.send(work.operator, 'claims', 'createClaim', [claim.session, claim.root])
    await world.mineUntilNext(t2.proofOpen + 1n)
    const seed = await world.read<Hex>('sessions', 'proofSeed', [next])
    expect(await revertName(submit(work, work.proof(seed)))).toBe('RelaySessionMismatch')
  })

  const attacks: [string, string][] = [
    ['forged request signer', 'UnauthorizedRequestSigner'],
    ['high-S request signature', 'InvalidRequestSignature'],
    ['undelegated gateway', 'UnauthorizedRequestSigner'],
    ['response signed by another key', 'WrongResponseSigner'],
    ['response to another request', 'ResponseRequestMismatch'],
    ['relay of another supplier', 'RelaySupplierMismatch'],
    ['usage above the signed bounds', 'UsageOutOfBounds'],
    ['inflated leaf weight', 'WeightMismatch'],
    ['non-canonical relay bytes', 'NonCanonicalRelay'],
    ['relay from another session header', 'RelaySessionMismatch'],
  ]
  for (const [name, error] of attacks) {
    it(`error: ${name} → ${error}`, async () => {
      expect(await revertName(submit(cases.get(name)!))).toBe(error)
    })
  }

  it('error: a proof of a leaf other than the drawn one → NotDrawnLeaf', async () => {
    const work = cases.get('wrong leaf')!
    const drawn = hexToBytes(work.proof(proofSeed)).subarray(1, 33)
    let other: Hex | undefined
    for (let i = 0; other === undefined; i++) {
      const proof = work.trie.proveWeighted(hexToBytes(viemSha256(numberToHex(i, { size: 32 }))))
      if (bytesToHex(proof.path) !== bytesToHex(drawn)) other = bytesToHex(encodeWeightedProof(proof))
    }
    expect(await revertName(submit(work, other))).toBe('NotDrawnLeaf')
  })

  it('error: a tampered side node → RootMismatch', async () => {
    const work = cases.get('wrong leaf')!
    const proof = hexToBytes(work.proof(proofSeed))
    const n = (proof[41]! << 8) | proof[42]!
    const firstNode = 43 + Math.ceil(n / 8)
    proof[firstNode] = proof[firstNode]! ^ 0x01
    expect(await revertName(submit(work, bytesToHex(proof)))).toBe('RootMismatch')
  })

  it('error: a truncated or extended proof → MalformedProof', async () => {
    const work = cases.get('honest')!
    const proof = work.proof(proofSeed)
    expect(await revertName(submit(work, slice(proof, 0, size(proof) - 1)))).toBe('MalformedProof')
    expect(await revertName(submit(work, concatHex([proof, '0x00'])))).toBe('MalformedProof')
  })

  it('error: a second proof for the same claim → ProofAlreadySubmitted', async () => {
    const work = cases.get('honest')!
    await submit(work)
    expect(await revertName(submit(work))).toBe('ProofAlreadySubmitted')
  })

  it('error: a proof for a claim that does not exist (other root) → ClaimNotFound', async () => {
    const work = cases.get('honest')!
    const claim = { ...work.claim(), root: concatHex([viemSha256('0x02'), slice(work.claim().root, 32)]) }
    expect(await revertName(submit(work, work.proof(proofSeed), claim))).toBe('ClaimNotFound')
  })

  it('error: after the proof window → OutsideProofWindow', async () => {
    const work = cases.get('honest')!
    await world.mineUntilNext(t.proofClose + 1n)
    expect(await revertName(submit(work))).toBe('OutsideProofWindow')
  })
})

describe('Proofs: window opening', () => {
  it('error: before the proof window (at the claim window) → OutsideProofWindow', async () => {
    const w2 = await createWorld()
    try {
      const n2 = await setupNetwork(w2)
      const work = await serveRelays(n2, { count: 2 })
      const t2 = await w2.timeline(n2.session)
      await w2.mineUntilNext(t2.claimOpen)
      const claim = work.claim()
      await w2.send(work.operator, 'claims', 'createClaim', [claim.session, claim.root])
      const anySeed = viemSha256('0x03')
      expect(
        await revertName(w2.send(work.operator, 'proofs', 'submitProof', [claim, work.proof(anySeed)])),
      ).toBe('OutsideProofWindow')
    } finally {
      await w2.anvil.stop()
    }
  })
})
