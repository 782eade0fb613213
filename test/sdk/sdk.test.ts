/**
 * The SDK against fake suppliers that speak the relay wire format over an in-process `fetch`: the
 * official `openai` SDK through `client.fetch`, verification of every signed response, retries on
 * another supplier, and OpenAI-shaped errors.
 */
import OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import { anvilDevPrivateKeys } from '../../src/chain/localChain/devAccounts.ts'
import type { SupplierReply } from '../../src/gateway/ports.ts'
import {
  createFakeSupplier,
  type FakeSupplierBehavior,
} from '../../src/gateway/testing/createFakeSupplier.ts'
import type { Hex } from '../../src/protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../../src/protocol/signature/privateKeyToAddress.ts'
import { type ApplicationSessions, createDecaiClient } from '../../src/sdk/index.ts'

const domain = { chainId: 31337, verifyingContract: `0x${'ab'.repeat(20)}` as Hex }
const applicationKey = anvilDevPrivateKeys[2] as Hex
const encoder = new TextEncoder()

function setup(behaviors: FakeSupplierBehavior[] = [{}, {}, {}]) {
  const suppliers = behaviors.map((behavior, i) =>
    createFakeSupplier({ operatorKey: anvilDevPrivateKeys[3 + i] as Hex, domain, behavior }),
  )
  const application = privateKeyToAddress(applicationKey)
  const sessions: ApplicationSessions = {
    getDomain: async () => domain,
    getApplicationService: async () => ({
      serviceId: 'llama-tiny',
      champion: `0x${'cc'.repeat(20)}`,
      modelSha256: '0x',
      modelUris: [],
    }),
    getCurrentSession: async () => ({
      header: {
        application,
        serviceId: 'llama-tiny',
        sessionId: `0x${'03'.padStart(64, '0')}`,
        sessionStartHeight: 21n,
        sessionEndHeight: 30n,
      },
      sessionNumber: 3n,
      suppliers: suppliers.map((s, i) => ({ operator: s.operator, endpoint: `http://supplier-${i}.test` })),
    }),
  }
  const supplierFetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input))
    const supplier = suppliers[Number(url.hostname.split('-')[1]!.split('.')[0])]!
    return toResponse(
      await supplier.handle(JSON.parse(String(init?.body)), init?.signal ?? new AbortController().signal),
    )
  }
  const client = createDecaiClient({ applicationKey, sessions, fetch: supplierFetch as typeof fetch })
  const openai = new OpenAI({
    apiKey: 'unused',
    baseURL: 'http://decai.local/v1',
    fetch: client.fetch,
    maxRetries: 0,
  })
  return { suppliers, client, openai }
}

function toResponse(reply: SupplierReply): Response {
  if (reply.kind === 'json')
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    })
  const events = reply.events
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      for await (const { event, data } of events)
        controller.enqueue(encoder.encode(`${event ? `event: ${event}\n` : ''}data: ${data}\n\n`))
      controller.close()
    },
  })
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } })
}
const messages = [{ role: 'user' as const, content: 'hello' }]

describe('sdk', () => {
  it('default: the openai SDK streams a chat with the SDK fetch; the app signs its own relays', async () => {
    const { openai, suppliers, client } = setup()
    const stream = await openai.chat.completions.create({
      model: 'llama-tiny',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    })
    let text = ''
    let usage: OpenAI.CompletionUsage | null | undefined
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? ''
      usage = chunk.usage ?? usage
    }
    expect(text).toBe('w0 w1 w2 w3 w4 w5')
    expect(usage?.completion_tokens).toBe(6)
    const received = suppliers.flatMap((s) => s.received)
    expect(received).toHaveLength(1)
    expect((received[0]!.request.session as { application: string }).application).toBe(client.application)
  })

  it('behavior: non-streaming chat, legacy completions, embeddings and models work through the SDK fetch', async () => {
    const { openai } = setup()
    const chat = await openai.chat.completions.create({ model: 'llama-tiny', messages })
    expect(chat.choices[0]?.message.content).toBe('w0 w1 w2 w3 w4 w5')
    const legacy = await openai.completions.create({ model: 'llama-tiny', prompt: 'Once' })
    expect(legacy.choices[0]?.text).toBe(' w0 w1 w2 w3 w4 w5')
    const embeddings = await openai.embeddings.create({
      model: 'llama-tiny',
      input: 'x',
      encoding_format: 'float',
    })
    expect(embeddings.data[0]?.embedding).toEqual([0.1, 0.2])
    expect((await openai.models.list()).data.map((m) => m.id)).toEqual(['llama-tiny'])
  })

  it('behavior: the typed API streams and answers without the openai SDK', async () => {
    const { client } = setup()
    let text = ''
    for await (const chunk of client.streamChatCompletion({ model: 'llama-tiny', messages }))
      text += (chunk.choices as Array<{ delta?: { content?: string } }>)[0]?.delta?.content ?? ''
    expect(text).toBe('w0 w1 w2 w3 w4 w5')
    expect(await client.chatCompletion({ model: 'llama-tiny', messages })).toMatchObject({
      object: 'chat.completion',
    })
  })

  it.each([
    ['a forged signature', { tamper: 'signature' as const }],
    ['a wrong payload hash', { tamper: 'payload' as const }],
    ['usage different from the body', { tamper: 'usage' as const }],
    ['a supplier error', { failWith: { status: 503, code: 'RELAYMINER_BACKEND_BUSY' } }],
  ])('behavior: %s is rejected and another supplier answers', async (_name, behavior) => {
    const { openai } = setup([behavior, behavior, {}])
    for (let i = 0; i < 3; i++) {
      const chat = await openai.chat.completions.create({ model: 'llama-tiny', messages })
      expect(chat.choices[0]?.message.content).toBe('w0 w1 w2 w3 w4 w5')
    }
  })

  it('error: every supplier failing → 502 SDK_RELAY_FAILED; a request error is not retried', async () => {
    const bad = { tamper: 'signature' as const }
    const { openai } = setup([bad, bad, bad])
    await expect(openai.chat.completions.create({ model: 'llama-tiny', messages })).rejects.toMatchObject({
      status: 502,
      code: 'SDK_RELAY_FAILED',
    })
    const overflow = { failWith: { status: 400, code: 'INFERENCE_CONTEXT_OVERFLOW', fault: 'client' } }
    const refused = setup([overflow, overflow, overflow])
    await expect(
      refused.openai.chat.completions.create({ model: 'llama-tiny', messages }),
    ).rejects.toMatchObject({ status: 400 })
    expect(refused.suppliers.flatMap((s) => s.received)).toHaveLength(1)
  })

  it('error: a stream whose trailer does not verify ends with an error event, not [DONE]', async () => {
    const bad = { tamper: 'payload' as const }
    const { openai } = setup([bad, bad, bad])
    const stream = await openai.chat.completions.create({ model: 'llama-tiny', messages, stream: true })
    await expect(
      (async () => {
        for await (const _chunk of stream);
      })(),
    ).rejects.toMatchObject({ code: 'SDK_INVALID_RELAY_RESPONSE' })
  })

  it('error: an unsupported path → 404; a bad key → SDK_INVALID_OPTIONS', async () => {
    const { client } = setup()
    expect(
      (await client.fetch('http://decai.local/v1/images/generations', { method: 'POST', body: '{}' })).status,
    ).toBe(404)
    expect(() => createDecaiClient({ applicationKey: '0x01', sessions: {} as ApplicationSessions })).toThrow(
      expect.objectContaining({ code: 'SDK_INVALID_OPTIONS' }),
    )
  })
})
