import { afterEach, describe, expect, it } from 'vitest'
import { BackendBusyError as InferenceBusyError } from '../../inference/errors.ts'
import type { ChatCompletion } from '../../inference/openai/responseTypes.ts'
import { hexToBytes } from '../../protocol/bytes/bytes.ts'
import { sha256 } from '../../protocol/bytes/sha256.ts'
import { createStreamPayloadHasher } from '../../protocol/relay/createStreamPayloadHasher.ts'
import { decodeRelay } from '../../protocol/relay/decodeRelay.ts'
import { hashResponsePayload } from '../../protocol/relay/hashResponsePayload.ts'
import { hashRelayRequest } from '../../protocol/signature/hashRelayRequest.ts'
import { recoverRelayResponseSigner } from '../../protocol/signature/recoverRelayResponseSigner.ts'
import type { RelayJsonAnswer } from '../relay/createRelayService.ts'
import type { RelayErrorBody } from '../relay/toErrorBody.ts'
import { type CreateInstantBackendParameters, createInstantBackend } from '../testing/createInstantBackend.ts'
import { createTestNetwork, type EnvelopeOptions, type TestNetwork } from '../testing/createTestNetwork.ts'
import { createTestRelayMiner, type TestRelayMiner } from '../testing/createTestRelayMiner.ts'
import { parseSse } from '../testing/parseSse.ts'

let relayMiner: TestRelayMiner | undefined
afterEach(async () => {
  await relayMiner?.dispose()
  relayMiner = undefined
})

async function setup(
  options: {
    backend?: CreateInstantBackendParameters
    appStake?: bigint
    requestTimeoutMs?: number
    maxBodyBytes?: number
  } = {},
) {
  const network = createTestNetwork({ appStake: options.appStake })
  const backend = createInstantBackend(options.backend)
  const { requestTimeoutMs, maxBodyBytes } = options
  relayMiner = await createTestRelayMiner({ network, backend, requestTimeoutMs, maxBodyBytes })
  return { network, backend, relayMiner }
}

function post(miner: TestRelayMiner, body: unknown) {
  return miner.app.request('/v1/relay', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

type JsonAnswer = Omit<RelayJsonAnswer, 'payload'> & { payload: { status: number; body: ChatCompletion } }
const jsonOf = async (response: Response) => (await response.json()) as JsonAnswer
const errorOf = async (response: Response) => (await response.json()) as RelayErrorBody

async function relay(network: TestNetwork, miner: TestRelayMiner, options?: EnvelopeOptions) {
  return post(miner, (await network.envelope(options)).json)
}

describe('POST /v1/relay', () => {
  it('behavior: serves a signed chat relay, signs usage, and persists the mined relay before answering', async () => {
    const { network, relayMiner: miner } = await setup({ backend: { outputTokens: 3, inputTokens: 7 } })
    const { json, request } = await network.envelope()
    const response = await post(miner, json)
    expect(response.status).toBe(200)
    const answer = await jsonOf(response)
    expect(answer.payload.body.choices[0]!.message.content).toBe('ok ok ok ')
    expect(answer.response).toMatchObject({ inputTokens: 7, outputTokens: 3, status: 200 })
    expect(answer.response.requestHash).toBe(hashRelayRequest(network.domain, request))
    expect(answer.response.payloadHash).toBe(hashResponsePayload(answer.payload))
    expect(recoverRelayResponseSigner(network.domain, answer.response, answer.responseSignature)).toBe(
      network.addresses.supplier,
    )
    const [tree] = miner.store.listTrees()
    expect(tree).toMatchObject({ count: 1, sum: 100n + 7n + 9n })
    const leaf = miner.store.getTree(tree!.sessionKey)!.leaves().next().value!
    expect(decodeRelay(leaf.value).responseSignature).toBe(answer.responseSignature)
    expect(leaf.key).toEqual(sha256(leaf.value))
  })

  it('behavior: streams chunks as SSE, then [DONE], then the signed trailer as the final event', async () => {
    const { network, relayMiner: miner } = await setup({ backend: { outputTokens: 2 } })
    const body = { messages: [{ role: 'user', content: 'Hi' }], stream: true }
    const response = await relay(network, miner, { body })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const events = parseSse(await response.text())
    expect(events.map((event) => event.event ?? event.data.slice(0, 6))).toEqual([
      '{"id":',
      '{"id":',
      '[DONE]',
      'relay-response',
    ])
    const hasher = createStreamPayloadHasher()
    for (const event of events.slice(0, 2)) hasher.update(JSON.parse(event.data))
    const trailer = JSON.parse(events[3]!.data)
    expect(trailer.response).toMatchObject({ payloadHash: hasher.digest(), outputTokens: 2 })
    expect(recoverRelayResponseSigner(network.domain, trailer.response, trailer.responseSignature)).toBe(
      network.addresses.supplier,
    )
    expect(miner.store.listTrees()[0]!.count).toBe(1)
  })

  it('behavior: forwards the usage chunk only when the client asked for it', async () => {
    const { network, relayMiner: miner } = await setup({ backend: { outputTokens: 1 } })
    const body = {
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    }
    const events = parseSse(await (await relay(network, miner, { body })).text())
    expect(JSON.parse(events[1]!.data).usage).toMatchObject({ completion_tokens: 1 })
  })

  it('behavior: the application may sign its own relays', async () => {
    const { network, relayMiner: miner } = await setup()
    expect((await relay(network, miner, { signerKey: network.keys.application })).status).toBe(200)
  })

  it('behavior: usage above a signed bound is signed at the bound', async () => {
    const { network, relayMiner: miner } = await setup({ backend: { inputTokens: 50 } })
    const answer = await jsonOf(await relay(network, miner, { maxInputTokens: 20 }))
    expect(answer.response.inputTokens).toBe(20)
  })

  it('behavior: a request that names no max_tokens is held to the signed bound', async () => {
    const { network, relayMiner: miner } = await setup()
    const response = await relay(network, miner, {
      body: { prompt: 'Once', max_tokens: 4 },
      path: '/v1/completions',
      maxOutputTokens: 4,
    })
    expect(response.status).toBe(200)
  })
})

describe('POST /v1/relay errors', () => {
  const cases: [string, number, string, (net: TestNetwork) => Promise<unknown> | unknown][] = [
    ['a body that is not JSON', 400, 'RELAYMINER_INVALID_RELAY', () => '{nope'],
    [
      'a missing signature',
      400,
      'RELAYMINER_INVALID_RELAY',
      async (net) => ({ ...(await net.envelope()).json, requestSignature: undefined }),
    ],
    [
      'a payload that is not the signed one',
      400,
      'RELAYMINER_PAYLOAD_HASH_MISMATCH',
      (net) => net.envelope({ payloadHash: `0x${'11'.repeat(32)}` }),
    ],
    [
      'max_tokens above the signed bound',
      400,
      'RELAYMINER_BOUNDS_EXCEEDED',
      (net) =>
        net.envelope({
          body: { messages: [{ role: 'user', content: 'x' }], max_tokens: 99 },
          maxOutputTokens: 8,
        }),
    ],
    [
      'an unsupported path',
      400,
      'RELAYMINER_UNSUPPORTED_ENDPOINT',
      (net) => net.envelope({ path: '/v1/images' }),
    ],
    [
      'an invalid OpenAI body',
      400,
      'INFERENCE_INVALID_REQUEST',
      (net) => net.envelope({ body: { messages: [] } }),
    ],
    [
      'a forged signature',
      401,
      'RELAYMINER_INVALID_SIGNATURE',
      async (net) => ({ ...(await net.envelope()).json, requestSignature: `0x${'00'.repeat(64)}1b` }),
    ],
    [
      'a signer that is neither the application nor its gateway',
      403,
      'RELAYMINER_UNAUTHORIZED_SIGNER',
      (net) => net.envelope({ signerKey: net.keys.stranger }),
    ],
    [
      'another supplier',
      403,
      'RELAYMINER_UNKNOWN_SUPPLIER',
      async (net) => {
        const { json } = await net.envelope()
        return { ...json, request: { ...(json.request as object), supplier: net.addresses.stranger } }
      },
    ],
    [
      'an application that is not staked',
      403,
      'RELAYMINER_APPLICATION_NOT_STAKED',
      async (net) => {
        const header = await net.currentHeader()
        const sessions = await net.ledger.getSession({
          application: net.addresses.stranger,
          serviceId: net.serviceId,
          sessionNumber: 1n,
          supplier: net.addresses.supplier,
        })
        return net.envelope({
          header: { ...header, application: net.addresses.stranger, sessionId: sessions.header.sessionId },
          signerKey: net.keys.stranger,
        })
      },
    ],
    [
      "a session id that is not the chain's",
      409,
      'RELAYMINER_SESSION_MISMATCH',
      (net) => net.envelope({ header: { sessionId: `0x${'22'.repeat(32)}` } }),
    ],
    [
      "a session end height that is not the chain's",
      409,
      'RELAYMINER_SESSION_MISMATCH',
      (net) => net.envelope({ header: { sessionEndHeight: 99n } }),
    ],
    [
      'a session that has not started',
      409,
      'RELAYMINER_SESSION_NOT_STARTED',
      (net) => net.envelope({ header: { sessionStartHeight: 101n } }),
    ],
  ]
  it.each(cases)('error: %s → %i %s', async (_name, status, code, build) => {
    const { network, relayMiner: miner } = await setup()
    const body = await build(network)
    const response = await post(miner, (body as { json?: unknown }).json ?? body)
    expect(response.status).toBe(status)
    expect(await response.json()).toEqual({ error: { code, message: expect.any(String), fault: 'client' } })
  })

  it('error: a session past its grace period → 410 RELAYMINER_SESSION_EXPIRED', async () => {
    const { network, relayMiner: miner } = await setup()
    const { json } = await network.envelope()
    network.ledger.mine(12)
    await miner.clock.poll()
    const response = await post(miner, json)
    expect(response.status).toBe(410)
    expect((await errorOf(response)).error.code).toBe('RELAYMINER_SESSION_EXPIRED')
  })

  it('error: a spent application budget → 429 RELAYMINER_RATE_LIMITED, counted by the meter metric', async () => {
    // devnet: 12 suppliers per session, 2 pending sessions → budget = floor(floor(5040 / 12) / 3) = 140 base
    // units = 1400 tenths. A relay reserves (100 + 512 + 3·16) = 660 tenths and settles to 100 + 8 + 3·4 = 120,
    // so 7 relays fit (6·120 + 660 = 1380) and the 8th does not (7·120 + 660 = 1500).
    const { network, relayMiner: miner } = await setup({ appStake: 5_040n })
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push((await relay(network, miner)).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 429])
    expect(await miner.metrics.registry.metrics()).toContain(
      'relayminer_meter_rejections_total{service="llama-tiny"} 1',
    )
  })

  it.each([
    [
      'a backend failure',
      { failWith: () => new Error('connect ECONNREFUSED http://10.0.0.7:11434 secret-token') },
      502,
      'RELAYMINER_BACKEND_FAILED',
    ],
    [
      'a busy backend',
      { failWith: () => new InferenceBusyError({ queued: 1 }) },
      503,
      'RELAYMINER_BACKEND_BUSY',
    ],
    ['a backend slower than the request timeout', { delayMs: 10_000 }, 504, 'RELAYMINER_BACKEND_TIMEOUT'],
  ] as const)('error: %s is mapped without leaking internals', async (_name, backend, status, code) => {
    const { network, relayMiner: miner } = await setup({ backend, requestTimeoutMs: 50 })
    const response = await relay(network, miner)
    expect(response.status).toBe(status)
    const text = await response.text()
    expect(JSON.parse(text).error.code).toBe(code)
    expect(text).not.toMatch(/10\.0\.0\.7|secret-token|ECONNREFUSED/)
    expect(miner.store.listTrees()).toEqual([])
  })

  it('error: a stream that breaks midway ends with an error event and no trailer, and nothing is persisted', async () => {
    const { network, relayMiner: miner } = await setup({ backend: { outputTokens: 3, failAfterChunks: 1 } })
    const response = await relay(network, miner, {
      body: { messages: [{ role: 'user', content: 'x' }], stream: true },
    })
    const events = parseSse(await response.text())
    expect(events.at(-1)).toMatchObject({ event: 'error' })
    expect(JSON.parse(events.at(-1)!.data).error.code).toBe('RELAYMINER_BACKEND_FAILED')
    expect(miner.store.listTrees()).toEqual([])
  })

  it('error: a body above maxBodyBytes → 413', async () => {
    const { network, relayMiner: miner } = await setup({ maxBodyBytes: 512 })
    const response = await relay(network, miner, {
      body: { messages: [{ role: 'user', content: 'x'.repeat(1_000) }] },
    })
    expect(response.status).toBe(413)
  })

  it('error: a chain that cannot be read → 503 RELAYMINER_CHAIN_UNAVAILABLE', async () => {
    const { network, relayMiner: miner } = await setup()
    const { json } = await network.envelope({ nonce: 7n })
    network.ledger.isUnavailable = true
    const response = await post(miner, { ...json })
    // The session was not read yet (the envelope read it from the ledger directly, not through the cache).
    expect(response.status).toBe(503)
    expect((await errorOf(response)).error.code).toBe('RELAYMINER_CHAIN_UNAVAILABLE')
  })
})

describe('operations endpoints', () => {
  it('behavior: /healthz, /readyz and /metrics answer', async () => {
    const { network, relayMiner: miner } = await setup()
    await relay(network, miner)
    expect((await miner.app.request('/healthz')).status).toBe(200)
    expect(await (await miner.app.request('/readyz')).json()).toEqual({ status: 'ready', reasons: [] })
    const metrics = await (await miner.app.request('/metrics')).text()
    expect(metrics).toContain('relayminer_relays_served_total{service="llama-tiny"')
    expect(metrics).toContain('relayminer_relays_mined_total')
    expect(metrics).toContain('relayminer_store_leaves 1')
    expect((await miner.app.request('/nope')).status).toBe(404)
  })

  it('behavior: per-relay counts reach the counters at each scrape, once', async () => {
    const { network, relayMiner: miner } = await setup({ backend: { outputTokens: 3, inputTokens: 7 } })
    const line = (text: string, prefix: string) =>
      text
        .split('\n')
        .find((row) => row.startsWith(prefix))
        ?.split(' ')
        .pop()
    const served = 'relayminer_relays_served_total{service="llama-tiny",supplier='
    await relay(network, miner)
    await relay(network, miner)
    const first = await (await miner.app.request('/metrics')).text()
    expect(line(first, served)).toBe('2')
    expect(line(first, 'relayminer_tokens_total{service="llama-tiny",kind="output"}')).toBe('6')
    await relay(network, miner)
    const second = await (await miner.app.request('/metrics')).text()
    const third = await (await miner.app.request('/metrics')).text()
    expect(line(second, served)).toBe('3')
    expect(line(third, served)).toBe('3')
    expect(line(third, 'relayminer_relays_mined_total')).toBe('3')
    expect(line(third, 'relayminer_tokens_total{service="llama-tiny",kind="input"}')).toBe('21')
  })

  it('behavior: the response carries the relay hash the client can recompute', async () => {
    const { network, relayMiner: miner } = await setup()
    const answer = await jsonOf(await relay(network, miner))
    const leaf = miner.store.getTree(miner.store.listTrees()[0]!.sessionKey)!.leaves().next().value!
    expect(decodeRelay(leaf.value).response).toEqual(answer.response)
    expect(hexToBytes(answer.responseSignature)).toHaveLength(65)
  })
})
