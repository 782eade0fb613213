/**
 * End to end on a real anvil with the real ledger and the embedded llama.cpp backend on a tiny generated
 * model: "an application sends relays through its gateway (streaming and not); the supplier's claim is
 * proven and settles".
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getClaimStatus } from '../../src/chain/actions/getClaimStatus.ts'
import { getTokenBalance } from '../../src/chain/actions/getTokenBalance.ts'
import {
  createEmbeddedBackend,
  type EmbeddedBackend,
} from '../../src/inference/embedded/createEmbeddedBackend.ts'
import { getTestModel, removeTestModels } from '../../src/inference/embedded/testModel.ts'
import { bytesToHex, type Hex } from '../../src/protocol/bytes/bytes.ts'
import { computeRelayHash } from '../../src/protocol/relay/computeRelayHash.ts'
import { createStreamPayloadHasher } from '../../src/protocol/relay/createStreamPayloadHasher.ts'
import { encodeRelay } from '../../src/protocol/relay/encodeRelay.ts'
import { hashRequestPayload } from '../../src/protocol/relay/hashRequestPayload.ts'
import { hashResponsePayload } from '../../src/protocol/relay/hashResponsePayload.ts'
import type { RelayRequest, RelayResponse } from '../../src/protocol/relay/types.ts'
import { computeRelayComputeUnits } from '../../src/protocol/settlement/computeRelayComputeUnits.ts'
import { recoverRelayResponseSigner } from '../../src/protocol/signature/recoverRelayResponseSigner.ts'
import { signRelayRequest } from '../../src/protocol/signature/signRelayRequest.ts'
import { SparseMerkleSumTrie } from '../../src/protocol/smst/SparseMerkleSumTrie.ts'
import { Secret } from '../../src/relayminer/config/secret.ts'
import { createRelayMiner, type RelayMiner } from '../../src/relayminer/createRelayMiner.ts'
import { createChainLedger } from '../../src/relayminer/ledger/createChainLedger.ts'
import { relayRequestToJson } from '../../src/relayminer/relay/parseRelayEnvelope.ts'
import { type HttpServerHandle, startHttpServer } from '../../src/relayminer/server/startHttpServer.ts'
import { parseSse } from '../../src/relayminer/testing/parseSse.ts'
import { type ChainNetwork, serviceId, startChainNetwork } from './startChainNetwork.ts'

const pricing = { cuPerRequest: 100n, cuPerInputToken: 1n, cuPerOutputToken: 3n }
let dir: string
let net: ChainNetwork
let backend: EmbeddedBackend
let relayMiner: RelayMiner
let server: HttpServerHandle

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-relayminer-e2e-'))
  const model = await getTestModel()
  net = await startChainNetwork({ modelSha256: model.sha256, dir })
  backend = await createEmbeddedBackend({
    modelPath: model.path,
    expectedSha256: model.sha256,
    parallelSequences: 2,
  })
  const logger = pino({ level: 'silent' })
  const operatorKey = new Secret(net.keys.operator)
  const ledger = createChainLedger({
    rpcUrl: net.chain.rpcUrl,
    manifest: net.manifest,
    operatorKeys: new Map([[net.addresses.operator, operatorKey]]),
    logger,
  })
  relayMiner = await createRelayMiner({
    suppliers: [
      { operatorAddress: net.addresses.operator, privateKey: operatorKey, serviceIds: [serviceId] },
    ],
    backends: new Map([[serviceId, backend]]),
    ledger,
    storeDir: join(dir, 'trees'),
    logger,
    pollIntervalMs: 100,
    maxBodyBytes: 1 << 20,
    requestTimeoutMs: 60_000,
    claims: {
      minClaimValueBaseUnits: 0n,
      weiPerTokenBaseUnit: undefined,
      shouldSettle: true,
      drainTimeoutMs: 2_000,
    },
  })
  await net.mineTo(net.startOf(net.firstSession))
  await relayMiner.start()
  server = await startHttpServer({ app: relayMiner.app, host: '127.0.0.1', port: 0 })
})

afterAll(async () => {
  await server?.close()
  await relayMiner?.stop()
  await backend?.close()
  await net?.stop()
  await removeTestModels()
  await rm(dir, { recursive: true, force: true })
})

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

let nonce = 0n
async function sendRelay(body: Record<string, unknown>) {
  const payload = { method: 'POST', path: '/v1/chat/completions', body }
  const request: RelayRequest = {
    session: await net.header(net.firstSession),
    supplier: net.addresses.operator,
    payloadHash: hashRequestPayload(payload),
    maxInputTokens: 256,
    maxOutputTokens: 8,
    nonce: ++nonce,
  }
  const requestSignature = signRelayRequest(net.keys.gateway, relayMiner.ledgerInfo.domain, request)
  const response = await fetch(`${server.url}/v1/relay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ request: relayRequestToJson(request), requestSignature, payload }),
  })
  return { request, requestSignature, response }
}

type Signed = {
  request: RelayRequest
  requestSignature: Hex
  response: RelayResponse
  responseSignature: Hex
}
const served: Signed[] = []

describe('relayminer on anvil with llama.cpp', () => {
  it('behavior: serves a non-streaming chat relay with a supplier-signed response over the payload and usage', async () => {
    const sent = await sendRelay({
      messages: [{ role: 'user', content: 'tell me about the river' }],
      temperature: 0,
    })
    expect(sent.response.status).toBe(200)
    const answer = (await sent.response.json()) as {
      payload: { status: number; body: { usage: { prompt_tokens: number; completion_tokens: number } } }
      response: RelayResponse
      responseSignature: Hex
    }
    expect(answer.payload.body.usage.completion_tokens).toBeLessThanOrEqual(8)
    expect(answer.response.payloadHash).toBe(hashResponsePayload(answer.payload))
    expect(answer.response.inputTokens).toBe(answer.payload.body.usage.prompt_tokens)
    expect(
      recoverRelayResponseSigner(relayMiner.ledgerInfo.domain, answer.response, answer.responseSignature),
    ).toBe(net.addresses.operator)
    served.push({
      request: sent.request,
      requestSignature: sent.requestSignature,
      response: answer.response,
      responseSignature: answer.responseSignature,
    })
  })

  it('behavior: streams a chat relay token by token and ends with the signed trailer', async () => {
    const sent = await sendRelay({
      messages: [{ role: 'user', content: 'a story' }],
      temperature: 0,
      stream: true,
    })
    expect(sent.response.headers.get('content-type')).toBe('text/event-stream')
    const events = parseSse(await sent.response.text())
    const trailer = events.at(-1)!
    expect(trailer.event).toBe('relay-response')
    const hasher = createStreamPayloadHasher()
    for (const event of events.filter((e) => e.event === undefined && e.data !== '[DONE]'))
      hasher.update(JSON.parse(event.data))
    const { response, responseSignature } = JSON.parse(trailer.data) as {
      response: RelayResponse
      responseSignature: Hex
    }
    expect(response.payloadHash).toBe(hasher.digest())
    expect(response.outputTokens).toBeGreaterThan(0)
    served.push({
      request: sent.request,
      requestSignature: sent.requestSignature,
      response,
      responseSignature,
    })
  })

  it("behavior: the supplier's claim covers the served relays, is proven, settles, and the tree is deleted", async () => {
    const trie = new SparseMerkleSumTrie({ valueHasher: 'none' })
    for (const relay of served) {
      const bytes = encodeRelay(relay)
      trie.update(
        computeRelayHash(bytes),
        bytes,
        computeRelayComputeUnits({ pricing, usage: relay.response, bounds: relay.request }),
      )
    }
    const header = await net.header(net.firstSession)
    const claim = { session: header, supplierOperator: net.addresses.operator, root: bytesToHex(trie.root()) }
    const balanceBefore = (await getTokenBalance(net.governance, { address: net.addresses.owner })).balance
    const end = header.sessionEndHeight
    await net.mineTo(end + 3n)
    await waitFor(
      'the claim',
      async () => (await getClaimStatus(net.governance, { claim })) === 'claimed' || undefined,
    )
    await net.mineTo(end + 12n)
    await waitFor(
      'the proof',
      async () => (await getClaimStatus(net.governance, { claim })) === 'proven' || undefined,
    )
    await net.mineTo(end + 21n)
    await waitFor(
      'settlement and tree deletion',
      () => relayMiner.store.listTrees().length === 0 || undefined,
    )
    const balanceAfter = (await getTokenBalance(net.governance, { address: net.addresses.owner })).balance
    expect(balanceAfter).toBeGreaterThan(balanceBefore)
    const metrics = await relayMiner.metrics.registry.metrics()
    expect(metrics).toMatch(/relayminer_claims_submitted_total\{supplier="0x[0-9a-f]+"\} 1/)
    expect(metrics).toMatch(/relayminer_proofs_submitted_total\{supplier="0x[0-9a-f]+"\} 1/)
  })
})
