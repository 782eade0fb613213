/**
 * Generates test/vectors/relay.json: relay requests and responses with their payload hashes, EIP-712 struct
 * hashes, digests and signatures, the session header bytes, the relay bytes and relayHash (spec §1, §2, §4),
 * plus signatures the verifier must reject. The Solidity contracts verify the same vectors on-chain.
 * Keys are anvil's public development keys. Integers are decimal strings (JSON has no uint64).
 * Run: node --import tsx scripts/gen-relay-vectors.ts
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { bytesToHex, type Hex } from '../src/protocol/bytes/bytes.ts'
import { computeRelayHash } from '../src/protocol/relay/computeRelayHash.ts'
import { createStreamPayloadHasher } from '../src/protocol/relay/createStreamPayloadHasher.ts'
import { encodeRelay } from '../src/protocol/relay/encodeRelay.ts'
import { encodeSessionHeader } from '../src/protocol/relay/encodeSessionHeader.ts'
import { hashRequestPayload } from '../src/protocol/relay/hashRequestPayload.ts'
import { hashResponsePayload } from '../src/protocol/relay/hashResponsePayload.ts'
import type { RelayRequest, RelayResponse, SessionHeader } from '../src/protocol/relay/types.ts'
import { computeDomainSeparator } from '../src/protocol/signature/computeDomainSeparator.ts'
import { hashRelayRequest } from '../src/protocol/signature/hashRelayRequest.ts'
import { hashRelayRequestStruct } from '../src/protocol/signature/hashRelayRequestStruct.ts'
import { hashRelayResponse } from '../src/protocol/signature/hashRelayResponse.ts'
import { hashRelayResponseStruct } from '../src/protocol/signature/hashRelayResponseStruct.ts'
import { hashSessionHeaderStruct } from '../src/protocol/signature/hashSessionHeaderStruct.ts'
import { privateKeyToAddress } from '../src/protocol/signature/privateKeyToAddress.ts'
import { recoverDigestSigner } from '../src/protocol/signature/recoverDigestSigner.ts'
import { signDigest } from '../src/protocol/signature/signDigest.ts'
import type { RelayDomain } from '../src/protocol/signature/typedData.ts'
import { typeHashes } from '../src/protocol/signature/typeHashes.ts'

export const relayVectorsPath = fileURLToPath(new URL('../test/vectors/relay.json', import.meta.url))

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const domain = {
  name: 'decai',
  version: '1',
  chainId: 31337,
  verifyingContract: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
} as const satisfies RelayDomain
const keys = {
  application: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  gateway: '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  supplier: '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
} as const satisfies Record<string, Hex>
type Signer = keyof typeof keys
const addressOf = (signer: Signer) => privateKeyToAddress(keys[signer])

type Case = {
  name: string
  requestSigner: 'application' | 'gateway'
  session: Omit<SessionHeader, 'application'>
  requestPayload: { method: string; path: string; body?: unknown }
  bounds: Pick<RelayRequest, 'maxInputTokens' | 'maxOutputTokens' | 'nonce'>
  response: { status: number; body?: unknown; stream?: unknown[]; inputTokens: number; outputTokens: number }
}

const chat = (content: string, stream = false) => ({
  model: 'llama-tiny',
  messages: [{ role: 'user', content }],
  max_tokens: 64,
  ...(stream ? { stream: true } : {}),
})
const delta = (content: string, i: number) => ({
  id: 'chatcmpl-2',
  object: 'chat.completion.chunk',
  choices: [{ index: 0, delta: { content }, finish_reason: i === 2 ? 'stop' : null }],
})

const cases: Case[] = [
  {
    name: 'application signs; non-streaming chat completion',
    requestSigner: 'application',
    session: {
      serviceId: 'llama-tiny',
      sessionId: `0x${'5a'.repeat(32)}`,
      sessionStartHeight: 100n,
      sessionEndHeight: 109n,
    },
    requestPayload: { method: 'POST', path: '/v1/chat/completions', body: chat('Hello') },
    bounds: { maxInputTokens: 4096, maxOutputTokens: 64, nonce: 1n },
    response: {
      status: 200,
      body: {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Hi!' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
      },
      inputTokens: 9,
      outputTokens: 3,
    },
  },
  {
    name: 'gateway signs for the application; streamed response; service id longer than one word',
    requestSigner: 'gateway',
    session: {
      serviceId: 'champion/llama-3.2-1b-instruct-q8_0',
      sessionId: `0x${'c3'.repeat(32)}`,
      sessionStartHeight: 5_000n,
      sessionEndHeight: 5_009n,
    },
    requestPayload: { method: 'POST', path: '/v1/chat/completions', body: chat('Count to three', true) },
    bounds: { maxInputTokens: 2048, maxOutputTokens: 64, nonce: 42n },
    response: { status: 200, stream: ['1', ', 2', ', 3'].map(delta), inputTokens: 11, outputTokens: 5 },
  },
  {
    name: 'integer bounds at their maxima; UTF-8 service id; error response',
    requestSigner: 'application',
    session: {
      serviceId: 'modèle-ü',
      sessionId: `0x${'ff'.repeat(32)}`,
      sessionStartHeight: 2n ** 64n - 10n,
      sessionEndHeight: 2n ** 64n - 1n,
    },
    requestPayload: {
      method: 'post',
      path: '/v1/completions?debug=1',
      body: { model: 'llama-tiny', prompt: 'é', temperature: 0.5, max_tokens: 1e3 },
    },
    bounds: { maxInputTokens: 2 ** 32 - 1, maxOutputTokens: 2 ** 32 - 1, nonce: 2n ** 64n - 1n },
    response: {
      status: 429,
      body: { error: { message: 'rate limited', type: 'rate_limit', code: 'RELAYMINER_OVER_SERVICED' } },
      inputTokens: 0,
      outputTokens: 0,
    },
  },
]

function responsePayloadHash(response: Case['response']): Hex {
  if (!response.stream) return hashResponsePayload({ status: response.status, body: response.body })
  const hasher = createStreamPayloadHasher()
  for (const chunk of response.stream) hasher.update(chunk)
  return hasher.digest()
}

function relayVector(c: Case) {
  const session: SessionHeader = { application: addressOf('application'), ...c.session }
  const request: RelayRequest = {
    session,
    supplier: addressOf('supplier'),
    payloadHash: hashRequestPayload(c.requestPayload),
    ...c.bounds,
  }
  const requestDigest = hashRelayRequest(domain, request)
  const requestSignature = signDigest(keys[c.requestSigner], requestDigest)
  const response: RelayResponse = {
    requestHash: requestDigest,
    payloadHash: responsePayloadHash(c.response),
    inputTokens: c.response.inputTokens,
    outputTokens: c.response.outputTokens,
    status: c.response.status,
  }
  const responseDigest = hashRelayResponse(domain, response)
  const responseSignature = signDigest(keys.supplier, responseDigest)
  const relayBytes = encodeRelay({ request, requestSignature, response, responseSignature })
  const { status, body, stream } = c.response
  return {
    name: c.name,
    requestSigner: c.requestSigner,
    requestPayload: c.requestPayload,
    responsePayload: stream ? { stream } : { status, body },
    request,
    sessionHeaderBytes: bytesToHex(encodeSessionHeader(session)),
    sessionHeaderStructHash: hashSessionHeaderStruct(session),
    requestStructHash: hashRelayRequestStruct(request),
    requestDigest,
    requestSignature,
    response,
    responseStructHash: hashRelayResponseStruct(response),
    responseDigest,
    responseSignature,
    relayBytes: bytesToHex(relayBytes),
    relayHash: bytesToHex(computeRelayHash(relayBytes)),
  }
}

const word = (value: bigint) => value.toString(16).padStart(64, '0')

function rejectedSignatures(digest: Hex, signature: Hex) {
  const r = BigInt(`0x${signature.slice(2, 66)}`)
  const s = BigInt(`0x${signature.slice(66, 130)}`)
  const v = Number.parseInt(signature.slice(130), 16)
  const join = (r_: bigint, s_: bigint, v_: number): Hex =>
    `0x${word(r_)}${word(s_)}${v_.toString(16).padStart(2, '0')}`
  const variants: [string, Hex][] = [
    ['high-S twin (s → n − s, v flipped)', join(r, N - s, v === 27 ? 28 : 27)],
    ['v = 0 (recovery id not normalised)', join(r, s, v - 27)],
    ['v = 1 (recovery id not normalised)', join(r, s, 28 - v)],
    ['v = 29', join(r, s, 29)],
    ['r = 0', join(0n, s, v)],
    ['s = 0', join(r, 0n, v)],
    ['s = n', join(r, N, v)],
    ['64 bytes (no v)', `0x${word(r)}${word(s)}`],
  ]
  return variants.map(([name, bad]) => ({
    name,
    digest,
    signature: bad,
    error: errorCodeOf(() => recoverDigestSigner(digest, bad)),
  }))
}

function errorCodeOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    return (error as { code: string }).code
  }
  throw new Error('expected the signature to be rejected')
}

/** bigint → decimal string, recursively; everything else as is. */
function toJson(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(toJson)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toJson(inner)]))
  return value
}

/** The vectors as JSON-ready data (what relay.json holds). */
export function buildRelayVectors() {
  const relays = cases.map(relayVector)
  return toJson({
    domain,
    domainSeparator: computeDomainSeparator(domain),
    typeHashes: Object.fromEntries(
      Object.entries(typeHashes).map(([name, hash]) => [name, bytesToHex(hash)]),
    ),
    keys: Object.fromEntries(
      (Object.keys(keys) as Signer[]).map((signer) => [
        signer,
        { privateKey: keys[signer], address: addressOf(signer) },
      ]),
    ),
    relays,
    rejectedSignatures: rejectedSignatures(relays[0]!.requestDigest, relays[0]!.requestSignature),
  }) as Record<string, unknown>
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(relayVectorsPath, `${JSON.stringify(buildRelayVectors(), null, 2)}\n`)
  process.stdout.write(`wrote ${relayVectorsPath}\n`)
}
