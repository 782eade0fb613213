/**
 * CPU per stage of the relay path, each stage timed alone in a tight loop (best of several rounds, so warm
 * caches and JIT: a lower bound of what each costs inside the server). With the sockets' share measured by
 * the calibration servers, this says where a relay's CPU goes.
 */
import { parseChatCompletionRequest } from '../../src/inference/openai/parseRequest.ts'
import { bytesToHex } from '../../src/protocol/bytes/bytes.ts'
import { isRelayMined } from '../../src/protocol/difficulty/isRelayMined.ts'
import { computeRelayHash } from '../../src/protocol/relay/computeRelayHash.ts'
import { encodeRelay } from '../../src/protocol/relay/encodeRelay.ts'
import { hashRequestPayload } from '../../src/protocol/relay/hashRequestPayload.ts'
import { hashResponsePayload } from '../../src/protocol/relay/hashResponsePayload.ts'
import { relayRequestDigestBytes } from '../../src/protocol/signature/hashRelayRequest.ts'
import { relayResponseDigestBytes } from '../../src/protocol/signature/hashRelayResponse.ts'
import { privateKeyBytes } from '../../src/protocol/signature/privateKeyBytes.ts'
import { recoverDigestSignerBytes, signatureBytes } from '../../src/protocol/signature/recoverDigestSigner.ts'
import { signDigestBytes } from '../../src/protocol/signature/signDigest.ts'
import { parseRelayEnvelope } from '../../src/relayminer/relay/parseRelayEnvelope.ts'
import type { TestNetwork } from '../../src/relayminer/testing/createTestNetwork.ts'

const round = (value: number) => Number(value.toFixed(1))

/** Best-of-`rounds` µs per call of each stage. */
function timeStages(stages: Record<string, () => unknown>, calls: number, rounds: number) {
  const best: Record<string, number> = {}
  for (let r = 0; r < rounds; r++)
    for (const [name, stage] of Object.entries(stages)) {
      const startedAt = performance.now()
      for (let i = 0; i < calls; i++) stage()
      const us = ((performance.now() - startedAt) * 1000) / calls
      best[name] = Math.min(best[name] ?? Number.POSITIVE_INFINITY, us)
    }
  return best
}

/**
 * Measures the stages of one non-streaming chat relay (the benchmark's request and an upstream answer of
 * the fake upstream's size).
 *
 * @param network - signs the request
 * @param chat - the chat body
 * @param upstreamAnswer - the upstream's JSON answer text
 * @returns µs per stage, their total, and the share of the two secp256k1 operations
 */
export async function measureStageCosts(network: TestNetwork, chat: unknown, upstreamAnswer: string) {
  const text = JSON.stringify((await network.envelope({ body: chat })).json)
  const envelope = parseRelayEnvelope(JSON.parse(text))
  const digest = relayRequestDigestBytes(network.domain, envelope.request)
  const signature = signatureBytes(envelope.requestSignature)
  const key = privateKeyBytes(network.keys.supplier)
  const body = JSON.parse(upstreamAnswer) as unknown
  const response = {
    requestHash: bytesToHex(digest),
    payloadHash: hashResponsePayload({ status: 200, body }),
    inputTokens: 8,
    outputTokens: 4,
    status: 200,
  }
  const responseSignature = bytesToHex(
    signDigestBytes(key, relayResponseDigestBytes(network.domain, response)),
  )
  const relay = {
    request: envelope.request,
    requestSignature: envelope.requestSignature,
    response,
    responseSignature,
  }
  const stages = {
    'parse envelope (JSON.parse + shape checks)': () => parseRelayEnvelope(JSON.parse(text)),
    'request payloadHash (JCS + sha256)': () => hashRequestPayload(envelope.payload),
    'request EIP-712 digest (keccak)': () => relayRequestDigestBytes(network.domain, envelope.request),
    'recover signer (secp256k1)': () => recoverDigestSignerBytes(digest, signature),
    'OpenAI body check + upstream JSON out and in': () => {
      JSON.stringify(parseChatCompletionRequest(envelope.payload.body))
      return JSON.parse(upstreamAnswer)
    },
    'response payloadHash (JCS + sha256)': () => hashResponsePayload({ status: 200, body }),
    'response EIP-712 digest (keccak)': () => relayResponseDigestBytes(network.domain, response),
    'sign response (secp256k1)': () => signDigestBytes(key, digest),
    'encode relay + relayHash + mined?': () => isRelayMined(computeRelayHash(encodeRelay(relay)), 1n << 255n),
    'answer JSON': () => JSON.stringify({ payload: { status: 200, body }, response, responseSignature }),
  }
  const best = timeStages(stages, 2_000, 5)
  const total = Object.values(best).reduce((sum, us) => sum + us, 0)
  const secp = best['recover signer (secp256k1)']! + best['sign response (secp256k1)']!
  return {
    stages: Object.fromEntries(Object.entries(best).map(([name, us]) => [name, round(us)])),
    totalUs: round(total),
    secp256k1Us: round(secp),
  }
}
