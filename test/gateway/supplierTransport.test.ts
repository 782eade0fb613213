import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createHttpSupplierTransport } from '../../src/gateway/transport/createHttpSupplierTransport.ts'
import { type HttpServerHandle, startHttpServer } from '../../src/relayminer/server/startHttpServer.ts'
import { createInstantBackend } from '../../src/relayminer/testing/createInstantBackend.ts'
import { createTestNetwork } from '../../src/relayminer/testing/createTestNetwork.ts'
import {
  createTestRelayMiner,
  type TestRelayMiner,
} from '../../src/relayminer/testing/createTestRelayMiner.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.close(resolve)
        // The transport's idle keep-alive sockets would hold close() open for seconds.
        server.closeAllConnections()
      }),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('createHttpSupplierTransport', () => {
  it('behavior: a supplier that takes the relay and never acknowledges it fails as a timeout, long before any answer deadline', async () => {
    const held: Array<() => void> = []
    // Reads the request and never answers: what a host that vanished mid-connection looks like.
    const endpoint = await listen(createServer((_request, response) => held.push(() => response.end())))
    cleanups.push(() => {
      for (const end of held) end()
    })
    const transport = createHttpSupplierTransport()
    const sent = transport.send(
      endpoint,
      { any: 'relay' },
      {
        signal: AbortSignal.timeout(60_000),
        requestId: 'r1',
        acknowledgeTimeoutMs: 300,
      },
    )
    await expect(sent).rejects.toMatchObject({ name: 'TimeoutError' })
  })

  it('behavior: a relayminer acknowledges a valid non-streaming relay, so an answer slower than the acknowledgement limit still arrives', async () => {
    const network = createTestNetwork()
    // 2 s before the answer: longer than the 1 s acknowledgement limit below.
    const miner: TestRelayMiner = await createTestRelayMiner({
      network,
      backend: createInstantBackend({ delayMs: 2_000 }),
    })
    cleanups.push(() => miner.dispose())
    const server: HttpServerHandle = await startHttpServer({ app: miner.app, host: '127.0.0.1', port: 0 })
    cleanups.push(() => server.close())
    const { json } = await network.envelope({ body: { messages: [{ role: 'user', content: 'hi' }] } })
    const transport = createHttpSupplierTransport()
    const reply = await transport.send(server.url, json, {
      signal: AbortSignal.timeout(60_000),
      requestId: 'r2',
      acknowledgeTimeoutMs: 1_000,
    })
    expect(reply).toMatchObject({ kind: 'json', status: 200 })
    expect((reply as { body: { payload: { status: number } } }).body.payload.status).toBe(200)
  })

  it('behavior: a relay the relayminer refuses is answered with its error, not acknowledged first', async () => {
    const network = createTestNetwork()
    const miner = await createTestRelayMiner({ network, backend: createInstantBackend() })
    cleanups.push(() => miner.dispose())
    const server = await startHttpServer({ app: miner.app, host: '127.0.0.1', port: 0 })
    cleanups.push(() => server.close())
    const { json } = await network.envelope({ body: { messages: [{ role: 'user', content: 'hi' }] } })
    const forged = { ...(json as Record<string, unknown>), requestSignature: `0x${'11'.repeat(65)}` }
    const informational: number[] = []
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = request(
        `${server.url}/v1/relay`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'x-decai-processing': '1' } },
        (response) => {
          response.resume()
          resolve(response.statusCode ?? 0)
        },
      )
      outgoing.on('information', (info) => informational.push(info.statusCode))
      outgoing.on('error', reject)
      outgoing.end(JSON.stringify(forged))
    })
    expect(status).toBeGreaterThanOrEqual(400)
    expect(informational).toEqual([])
  })

  it('behavior: an SSE answer is handed over as it arrives, before the supplier has finished it', async () => {
    let finish: (() => void) | undefined
    const endpoint = await listen(
      createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' })
        response.write('data: first\n\n')
        finish = () => response.end('event: relay-response\ndata: last\n\n')
      }),
    )
    cleanups.push(() => finish?.())
    const reply = await createHttpSupplierTransport().send(
      endpoint,
      { any: 'relay' },
      { signal: AbortSignal.timeout(60_000), requestId: 'r3' },
    )
    if (reply.kind !== 'stream') throw new Error('expected a stream')
    const events = reply.events[Symbol.asyncIterator]()
    expect((await events.next()).value).toEqual({ event: undefined, data: 'first' })
    finish!()
    expect((await events.next()).value).toEqual({ event: 'relay-response', data: 'last' })
    expect((await events.next()).done).toBe(true)
  })

  it('behavior: aborting the signal fails a relay still waiting for its answer, and the supplier sees it go', async () => {
    let closed = false
    const endpoint = await listen(
      createServer((request) => {
        request.socket.once('close', () => {
          closed = true
        })
      }),
    )
    const controller = new AbortController()
    const sent = createHttpSupplierTransport().send(
      endpoint,
      { any: 'relay' },
      { signal: controller.signal, requestId: 'r4' },
    )
    setTimeout(() => controller.abort(), 50)
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' })
    while (!closed) await new Promise((resolve) => setTimeout(resolve, 5))
  })
})
