import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { recoverRelayResponseSigner } from '../../protocol/signature/recoverRelayResponseSigner.ts'
import type { RelayJsonAnswer } from '../relay/createRelayService.ts'
import { createInstantBackend } from '../testing/createInstantBackend.ts'
import { createTestNetwork, type TestNetwork } from '../testing/createTestNetwork.ts'
import { createTestRelayMiner, type TestRelayMiner } from '../testing/createTestRelayMiner.ts'
import { type HttpServerHandle, startHttpServer } from './startHttpServer.ts'

let miner: TestRelayMiner | undefined
let server: HttpServerHandle | undefined
afterEach(async () => {
  await server?.close()
  await miner?.dispose()
  server = miner = undefined
})

async function setup(options: { maxBodyBytes?: number; delayMs?: number } = {}) {
  const network = createTestNetwork()
  miner = await createTestRelayMiner({
    network,
    backend: createInstantBackend({ delayMs: options.delayMs }),
    maxBodyBytes: options.maxBodyBytes,
  })
  server = await startHttpServer({ app: miner.app, host: '127.0.0.1', port: 0 })
  return { network, miner, server }
}

type Answer = {
  status: number
  headers: Record<string, string | string[] | undefined>
  informational: number[]
  text: string
}

/** One request over a real socket with node:http, recording informational (1xx) answers. */
function send(
  url: string,
  body: string,
  options: { path?: string; headers?: Record<string, string>; chunked?: boolean } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const informational: number[] = []
    const headers = {
      'content-type': 'application/json',
      ...(options.chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
      ...options.headers,
    }
    const outgoing = request(
      `${url}${options.path ?? '/v1/relay'}`,
      { method: 'POST', headers },
      (incoming) => {
        let text = ''
        incoming.setEncoding('utf8')
        incoming.on('data', (part: string) => {
          text += part
        })
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, informational, text }),
        )
      },
    )
    outgoing.on('information', (info) => informational.push(info.statusCode))
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

async function viaHono(relayMiner: TestRelayMiner, body: string) {
  const response = await relayMiner.app.request('/v1/relay', { method: 'POST', body })
  return { status: response.status, type: response.headers.get('content-type'), json: await response.json() }
}

async function viaNode(url: string, body: string) {
  const answer = await send(url, body)
  return { status: answer.status, type: answer.headers['content-type'], json: JSON.parse(answer.text) }
}

describe('POST /v1/relay on the Node fast path', () => {
  it('behavior: answers exactly as the Hono route does, error by error', async () => {
    const { network, miner: relayMiner, server: listening } = await setup({ maxBodyBytes: 4096 })
    const valid = async () => (await network.envelope()).json
    const bodies: Array<(net: TestNetwork) => Promise<unknown> | unknown> = [
      () => 'not json',
      () => ({ request: {} }),
      async () => ({ ...(await valid()), requestSignature: `0x${'00'.repeat(64)}1b` }),
      (net) => net.envelope({ path: '/v1/images' }).then((e) => e.json),
      (net) => net.envelope({ body: { messages: [] } }).then((e) => e.json),
      (net) => net.envelope({ signerKey: net.keys.stranger }).then((e) => e.json),
      (net) => net.envelope({ header: { sessionId: `0x${'22'.repeat(32)}` } }).then((e) => e.json),
      () => ({ padding: 'x'.repeat(5000) }),
    ]
    for (const build of bodies) {
      const value = await build(network)
      const body = typeof value === 'string' ? value : JSON.stringify(value)
      const hono = await viaHono(relayMiner, body)
      expect(hono.status).toBeGreaterThanOrEqual(400)
      expect(await viaNode(listening.url, body)).toEqual(hono)
    }
    const hono = await viaHono(relayMiner, JSON.stringify(await valid()))
    const node = await viaNode(listening.url, JSON.stringify(await valid()))
    expect({ status: node.status, type: node.type }).toEqual({ status: hono.status, type: hono.type })
    expect(Object.keys(node.json as object)).toEqual(Object.keys(hono.json as object))
    const answer = node.json as RelayJsonAnswer
    expect(recoverRelayResponseSigner(network.domain, answer.response, answer.responseSignature)).toBe(
      network.addresses.supplier,
    )
  })

  it('behavior: x-decai-processing: 1 gets 102 Processing before a non-streaming answer, and only then', async () => {
    const { network, server: listening } = await setup({ delayMs: 50 })
    const asked = { 'x-decai-processing': '1' }
    const json = async (body?: unknown) => JSON.stringify((await network.envelope(body ? { body } : {})).json)
    const accepted = await send(listening.url, await json(), { headers: asked })
    expect({ status: accepted.status, informational: accepted.informational }).toEqual({
      status: 200,
      informational: [102],
    })
    const unasked = await send(listening.url, await json())
    expect({ status: unasked.status, informational: unasked.informational }).toEqual({
      status: 200,
      informational: [],
    })
    const streamed = await send(
      listening.url,
      await json({ messages: [{ role: 'user', content: 'x' }], stream: true }),
      { headers: asked },
    )
    expect(streamed.status).toBe(200)
    expect(streamed.headers['content-type']).toBe('text/event-stream')
    expect(streamed.informational).toEqual([])
    expect(streamed.text).toContain('event: relay-response')
  })

  it('error: a body above maxBodyBytes → 413 and the connection is not kept, declared or streamed', async () => {
    const { server: listening } = await setup({ maxBodyBytes: 1024 })
    const large = JSON.stringify({ padding: 'x'.repeat(4096) })
    for (const chunked of [false, true]) {
      const answer = await send(listening.url, large, { chunked })
      expect(answer.status).toBe(413)
      expect(answer.headers.connection).toBe('close')
      expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'RELAYMINER_BODY_TOO_LARGE' } })
    }
  })

  it('behavior: a query string still reaches the relay path; other methods and paths go to the app', async () => {
    const { network, server: listening } = await setup()
    const body = JSON.stringify((await network.envelope()).json)
    expect((await send(listening.url, body, { path: '/v1/relay?trace=1' })).status).toBe(200)
    expect((await send(listening.url, body, { path: '/v1/relayx' })).status).toBe(404)
    expect((await fetch(`${listening.url}/v1/relay`)).status).toBe(404)
    expect((await fetch(`${listening.url}/healthz`)).status).toBe(200)
  })
})
