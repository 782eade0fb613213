/**
 * A small network on a deployed ledger (a service, an application that delegated to a gateway, staked
 * suppliers) and the off-chain work of a session: signed relays, the supplier's sum trie, its claim
 * and its proof, built with viem and the protocol modules exactly as a supplier would.
 */
import { type Address, encodeAbiParameters, type Hex, hashTypedData, sha256 as viemSha256 } from 'viem'
import { bytesToHex, hexToBytes } from '../../src/protocol/bytes/bytes.ts'
import { relayAbiParameter } from '../../src/protocol/relay/relayAbi.ts'
import type { Relay, RelayRequest, RelayResponse, SessionHeader } from '../../src/protocol/relay/types.ts'
import { computeClaimHash } from '../../src/protocol/settlement/computeClaimHash.ts'
import { relayTypes } from '../../src/protocol/signature/typedData.ts'
import { encodeWeightedProof } from '../../src/protocol/smst/encodeWeightedProof.ts'
import { SparseMerkleSumTrie } from '../../src/protocol/smst/SparseMerkleSumTrie.ts'
import { TOKEN, type Wallet, type World } from './world.ts'

export const pricing = { cuPerRequest: 100n, cuPerInputToken: 1n, cuPerOutputToken: 3n, championBps: 1_000 }
export const SERVICE_ID = 'llama-tiny'
export const MODEL_SHA256 = `0x${'ab'.repeat(32)}` as Hex

export type Network = {
  world: World
  serviceId: string
  champion: Wallet
  app: Wallet
  gateway: Wallet
  owner: Wallet
  operators: Wallet[]
  /** The session everything is active in. */
  session: bigint
}

export type SetupNetworkParameters = {
  suppliers?: number
  appStake?: bigint
  supplierStake?: bigint
}

/**
 * Publishes a service, stakes an application (delegated to a gateway) and suppliers, then enters the
 * next session, where all of them are active.
 */
export async function setupNetwork(world: World, parameters: SetupNetworkParameters = {}): Promise<Network> {
  const { suppliers = 1, appStake = 1_000n * TOKEN, supplierStake = 1_000n * TOKEN } = parameters
  const [champion, app, gateway, owner] = (await Promise.all(
    ['champion', 'app', 'gateway', 'supplier-owner'].map((label) => world.wallet(label)),
  )) as [Wallet, Wallet, Wallet, Wallet]
  await world.send(champion, 'services', 'addService', [
    SERVICE_ID,
    pricing,
    MODEL_SHA256,
    ['ipfs://bafy-llama-tiny', 'https://models.example/llama-tiny.gguf'],
    'Apache-2.0',
  ])
  await world.fund(app, appStake, 'applications')
  await world.send(app, 'applications', 'stake', [SERVICE_ID, appStake])
  await world.fund(gateway, 10n * TOKEN, 'gateways')
  await world.send(gateway, 'gateways', 'stake', [10n * TOKEN])
  await world.send(app, 'applications', 'delegate', [gateway.account.address])
  await world.fund(owner, supplierStake * BigInt(suppliers), 'suppliers')
  const operators: Wallet[] = []
  for (let i = 0; i < suppliers; i++) {
    const operator = await world.wallet(`operator-${i}`)
    await world.send(owner, 'suppliers', 'stake', [
      operator.account.address,
      supplierStake,
      [{ serviceId: SERVICE_ID, endpoint: `https://supplier-${i}.example/v1` }],
      [{ recipient: owner.account.address, bps: 10_000 }],
    ])
    operators.push(operator)
  }
  const session = (await world.currentSession()) + 1n
  await world.enterSession(session)
  return { world, serviceId: SERVICE_ID, champion, app, gateway, owner, operators, session }
}

/** The session header of (application, service, session), with the ledger's session id. */
export async function getHeader(world: World, application: Address, session: bigint, serviceId = SERVICE_ID) {
  const { start, end } = await world.timeline(session)
  const sessionId = await world.read<Hex>('sessions', 'sessionId', [application, serviceId, session])
  return {
    application: application.toLowerCase() as Hex,
    serviceId,
    sessionId,
    sessionStartHeight: start,
    sessionEndHeight: end,
  } satisfies SessionHeader
}

export type SignedRelay = { relay: Relay; bytes: Hex; relayHash: Hex; computeUnits: bigint }

export type SignRelayParameters = {
  header: SessionHeader
  operator: Wallet
  /** The application or a gateway. */
  signer: Wallet
  inputTokens?: number
  outputTokens?: number
  maxInputTokens?: number
  maxOutputTokens?: number
  nonce?: bigint
  /** Overrides the response's signer (attacks). */
  responder?: Wallet
}

/** The EIP-712 domain of relay signatures: the `Proofs` contract verifies them. */
export function relayDomain(world: World) {
  return {
    name: 'decai',
    version: '1',
    chainId: world.anvil.chain.id,
    verifyingContract: world.address('proofs'),
  } as const
}

/** Builds and signs a relay as a gateway/application and a supplier would. */
export async function signRelay(world: World, p: SignRelayParameters): Promise<SignedRelay> {
  const request: RelayRequest = {
    session: p.header,
    supplier: p.operator.account.address.toLowerCase() as Hex,
    payloadHash: viemSha256(`0x${(p.nonce ?? 0n).toString(16).padStart(16, '0')}`),
    maxInputTokens: p.maxInputTokens ?? 512,
    maxOutputTokens: p.maxOutputTokens ?? 256,
    nonce: p.nonce ?? 0n,
  }
  const domain = relayDomain(world)
  const requestSignature = await p.signer.account.signTypedData!({
    domain,
    types: relayTypes,
    primaryType: 'RelayRequest',
    message: request,
  })
  const response: RelayResponse = {
    requestHash: hashTypedData({ domain, types: relayTypes, primaryType: 'RelayRequest', message: request }),
    payloadHash: viemSha256(`0x${(p.nonce ?? 0n).toString(16).padStart(16, '0')}ff`),
    inputTokens: p.inputTokens ?? 20,
    outputTokens: p.outputTokens ?? 50,
    status: 200,
  }
  const responseSignature = await (p.responder ?? p.operator).account.signTypedData!({
    domain,
    types: relayTypes,
    primaryType: 'RelayResponse',
    message: response,
  })
  const relay: Relay = { request, requestSignature, response, responseSignature }
  return encodeSignedRelay(relay)
}

/** Encodes a (possibly tampered) relay: bytes, relay hash and compute units at the default pricing. */
export function encodeSignedRelay(relay: Relay): SignedRelay {
  const bytes = encodeAbiParameters([relayAbiParameter], [relay])
  const computeUnits =
    pricing.cuPerRequest +
    pricing.cuPerInputToken * BigInt(relay.response.inputTokens) +
    pricing.cuPerOutputToken * BigInt(relay.response.outputTokens)
  return { relay, bytes, relayHash: viemSha256(bytes), computeUnits }
}

export type ClaimData = { session: SessionHeader; supplierOperator: Hex; root: Hex }

/** A supplier's session: its sum trie of mined relays, the claim and the proof. */
export class SessionWork {
  readonly trie = new SparseMerkleSumTrie({ valueHasher: 'none' })
  readonly relays: SignedRelay[] = []

  constructor(
    readonly header: SessionHeader,
    readonly operator: Wallet,
  ) {}

  /** Inserts a relay (key = relay hash, value = relay bytes, weight = compute units, or `weight`). */
  add(relay: SignedRelay, weight = relay.computeUnits): void {
    this.trie.update(hexToBytes(relay.relayHash), hexToBytes(relay.bytes), weight)
    this.relays.push(relay)
  }

  claim(): ClaimData {
    return {
      session: this.header,
      supplierOperator: this.operator.account.address.toLowerCase() as Hex,
      root: bytesToHex(this.trie.root()),
    }
  }

  claimHash(): Hex {
    const c = this.claim()
    return computeClaimHash({ sessionHeader: c.session, supplierOperator: c.supplierOperator, root: c.root })
  }

  /** The packed proof of the leaf drawn by `proofSeed` (docs/protocol.md §7.6, §8.2). */
  proof(proofSeed: Hex): Hex {
    const drawSeed = viemSha256(`0x${proofSeed.slice(2)}${this.claimHash().slice(2)}`)
    return bytesToHex(encodeWeightedProof(this.trie.proveWeighted(hexToBytes(drawSeed))))
  }
}

/** Signs `count` relays for the operator's session and returns its work. */
export async function serveRelays(
  net: Network,
  options: { operator?: Wallet; session?: bigint; count?: number; signer?: Wallet; nonceBase?: bigint } = {},
): Promise<SessionWork> {
  const operator = options.operator ?? net.operators[0]!
  const header = await getHeader(net.world, net.app.account.address, options.session ?? net.session)
  const work = new SessionWork(header, operator)
  for (let i = 0; i < (options.count ?? 5); i++) {
    const relay = await signRelay(net.world, {
      header,
      operator,
      signer: options.signer ?? net.gateway,
      nonce: (options.nonceBase ?? 0n) + BigInt(i),
      inputTokens: 10 + i,
      outputTokens: 20 + 7 * i,
    })
    work.add(relay)
  }
  return work
}
