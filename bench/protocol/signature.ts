/**
 * Relay signatures and encodings on one thread: sign, recover, digest, encode, decode, relayHash, with viem
 * and raw libsecp256k1 alongside for comparison (ratios matter more than absolutes on a noisy machine).
 * Each figure is the median ops per CPU-second of several rounds over a rotating set of distinct relays.
 */
import { encodeAbiParameters, recoverTypedDataAddress } from 'viem'
import type { Hex } from '../../src/protocol/bytes/bytes.ts'
import { computeRelayHash } from '../../src/protocol/relay/computeRelayHash.ts'
import { decodeRelay } from '../../src/protocol/relay/decodeRelay.ts'
import { encodeRelay } from '../../src/protocol/relay/encodeRelay.ts'
import { relayAbiParameter } from '../../src/protocol/relay/relayAbi.ts'
import type { Relay, RelayRequest } from '../../src/protocol/relay/types.ts'
import { hashRelayRequest } from '../../src/protocol/signature/hashRelayRequest.ts'
import { recoverRelayRequestSigner } from '../../src/protocol/signature/recoverRelayRequestSigner.ts'
import { secp256k1 } from '../../src/protocol/signature/secp256k1Native.ts'
import { signRelayRequest } from '../../src/protocol/signature/signRelayRequest.ts'
import { signRelayResponse } from '../../src/protocol/signature/signRelayResponse.ts'
import type { RelayDomain } from '../../src/protocol/signature/typedData.ts'
import { relayTypes } from '../../src/protocol/signature/typedData.ts'

const domain: RelayDomain = {
  chainId: 31337,
  verifyingContract: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
}
const appKey: Hex = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
const supplierKey: Hex = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a'
const SET_SIZE = 256

const hex = (byte: number, length: number): Hex => `0x${byte.toString(16).padStart(2, '0').repeat(length)}`

function makeRequest(nonce: number): RelayRequest {
  return {
    session: {
      application: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
      serviceId: 'llama-tiny',
      sessionId: hex(0x11, 32),
      sessionStartHeight: 1000n,
      sessionEndHeight: 1009n,
    },
    supplier: '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc',
    payloadHash: hex(nonce & 0xff, 32),
    maxInputTokens: 4096,
    maxOutputTokens: 512,
    nonce: BigInt(nonce),
  }
}

function makeRelay(nonce: number): Relay {
  const request = makeRequest(nonce)
  const requestSignature = signRelayRequest(appKey, domain, request)
  const response = {
    requestHash: hashRelayRequest(domain, request),
    payloadHash: hex((nonce * 7) & 0xff, 32),
    inputTokens: 100 + nonce,
    outputTokens: 200,
    status: 200,
  }
  return {
    request,
    requestSignature,
    response,
    responseSignature: signRelayResponse(supplierKey, domain, response),
  }
}

function median(rates: number[]): number {
  rates.sort((a, b) => a - b)
  return Math.round(rates[Math.floor(rates.length / 2)]!)
}

/** CPU seconds (user + system) this process used since `since`. */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1e6
}

/**
 * Median ops per CPU-second of each operation over `rounds` rounds; every round runs every operation for
 * about `roundMs` in turn. CPU time rather than wall time, because on a shared machine the wall clock also
 * counts the time other processes hold the core; the loop is single-threaded, so on an idle machine both
 * are the same figure.
 */
function measureAll(ops: Record<string, (i: number) => unknown>, { rounds = 7, roundMs = 150 } = {}) {
  const rates: Record<string, number[]> = Object.fromEntries(Object.keys(ops).map((name) => [name, []]))
  for (const op of Object.values(ops)) for (let i = 0; i < 500; i++) op(i)
  for (let round = 0; round < rounds; round++) {
    for (const [name, op] of Object.entries(ops)) {
      const started = performance.now()
      const cpu = process.cpuUsage()
      let count = 0
      while (performance.now() - started < roundMs) {
        for (let k = 0; k < 64; k++) op(count + k)
        count += 64
      }
      rates[name]!.push(count / cpuSeconds(cpu))
    }
  }
  return Object.fromEntries(Object.entries(rates).map(([name, values]) => [name, median(values)])) as Record<
    string,
    number
  >
}

/** The same for an async operation (viem's recover returns a promise). */
async function measureAsync(op: (i: number) => Promise<unknown>, { rounds = 3, roundMs = 400 } = {}) {
  for (let i = 0; i < 20; i++) await op(i)
  const rates: number[] = []
  let i = 0
  for (let round = 0; round < rounds; round++) {
    const started = performance.now()
    const cpu = process.cpuUsage()
    let count = 0
    while (performance.now() - started < roundMs) {
      await op(i++)
      count++
    }
    rates.push(count / cpuSeconds(cpu))
  }
  return median(rates)
}

export async function benchSignature(): Promise<Record<string, number>> {
  const relays = Array.from({ length: SET_SIZE }, (_, n) => makeRelay(n))
  const encoded = relays.map(encodeRelay)
  const digests = relays.map((r) => Buffer.from(r.response.requestHash.slice(2), 'hex'))
  const sigs = relays.map((r) => Buffer.from(r.requestSignature.slice(2), 'hex'))
  const at = (i: number) => i % SET_SIZE
  const viemDomain = { ...domain, name: 'decai', version: '1' } as const
  const figures = measureAll({
    signaturesSignedPerSec: (i) => signRelayResponse(supplierKey, domain, relays[at(i)]!.response),
    signaturesRecoveredPerSec: (i) => {
      const relay = relays[at(i)]!
      return recoverRelayRequestSigner(domain, relay.request, relay.requestSignature)
    },
    nativeRecoverPerSec: (i) =>
      secp256k1.ecdsaRecover(sigs[at(i)]!.subarray(0, 64), sigs[at(i)]![64]! - 27, digests[at(i)]!, false),
    requestDigestsPerSec: (i) => hashRelayRequest(domain, relays[at(i)]!.request),
    relayHashesPerSec: (i) => computeRelayHash(encodeRelay(relays[at(i)]!)),
    relayEncodePerSec: (i) => encodeRelay(relays[at(i)]!),
    relayDecodePerSec: (i) => decodeRelay(encoded[at(i)]!),
    viemRelayEncodePerSec: (i) => encodeAbiParameters([relayAbiParameter], [relays[at(i)]!]),
  })
  figures.viemRecoverTypedDataAddressPerSec = await measureAsync((i) => {
    const relay = relays[at(i)]!
    return recoverTypedDataAddress({
      domain: viemDomain,
      types: relayTypes,
      primaryType: 'RelayRequest',
      message: relay.request,
      signature: relay.requestSignature,
    })
  })
  // How close the full path (digest + recover + address) comes to bare libsecp256k1 recovery.
  figures.recoverVsNativeRatio =
    Math.round((figures.signaturesRecoveredPerSec! / figures.nativeRecoverPerSec!) * 100) / 100
  return figures
}
