import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import type { SessionView } from '../api/types.ts'
import { ExplorerAssetsMissingError } from '../errors.ts'
import {
  createMemoryDataSource,
  type MemoryDataSource,
  memoryEvent,
} from '../testing/createMemoryDataSource.ts'
import { createExplorerServer, type ExplorerServer } from './createExplorerServer.ts'

let server: ExplorerServer | undefined
afterEach(() => server?.close())

function start(data: MemoryDataSource = createMemoryDataSource()) {
  server = createExplorerServer({ data })
  return server.app
}

describe('createExplorerServer: assets', () => {
  it('behavior: serves the page with security headers, and the page again for app routes', async () => {
    const app = start()
    const page = await app.request('/')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(await page.text()).toContain('./assets/app.js')
    expect((await app.request('/sessions/4')).headers.get('content-type')).toBe('text/html; charset=utf-8')
    const script = await app.request('/assets/app.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await app.request('/assets/missing.js')).status).toBe(404)
  })

  it('behavior: text assets go gzipped to clients that accept it', async () => {
    const app = start()
    const plain = await app.request('/assets/app.js')
    const gzipped = await app.request('/assets/app.js', { headers: { 'accept-encoding': 'gzip, br' } })
    expect(gzipped.headers.get('content-encoding')).toBe('gzip')
    const body = new Uint8Array(await gzipped.arrayBuffer())
    expect(body.length).toBeLessThan((await plain.arrayBuffer()).byteLength / 2)
    expect(Buffer.from(gunzipSync(body)).toString()).toBe(await (await app.request('/assets/app.js')).text())
  })

  it('behavior: revalidation with the ETag answers 304', async () => {
    const app = start()
    const etag = (await app.request('/assets/app.js')).headers.get('etag')!
    const again = await app.request('/assets/app.js', { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
  })

  it('error: without a built bundle the server does not start (EXPLORER_ASSETS_MISSING)', () => {
    const empty = mkdtempSync(join(tmpdir(), 'decai-explorer-assets-'))
    expect(() => createExplorerServer({ data: createMemoryDataSource(), assetsDir: empty })).toThrow(
      ExplorerAssetsMissingError,
    )
    rmSync(empty, { recursive: true })
  })
})

describe('createExplorerServer: API errors', () => {
  it.each([
    ['/api/nope', 404, 'EXPLORER_NOT_FOUND'],
    ['/api/suppliers/0x1234', 400, 'EXPLORER_INVALID_REQUEST'],
    [`/api/suppliers/0x${'ab'.repeat(20)}`, 404, 'EXPLORER_NOT_FOUND'],
    ['/api/services/unknown-model', 404, 'EXPLORER_NOT_FOUND'],
    ['/api/sessions/0', 400, 'EXPLORER_INVALID_REQUEST'],
  ])('error: GET %s answers %i %s', async (path, status, code) => {
    const response = await start().request(path)
    expect(response.status).toBe(status)
    expect(await response.json()).toMatchObject({ error: { code } })
  })

  it('behavior: with the chain node down, the overview still gives the indexed figures, with no head', async () => {
    const data = createMemoryDataSource()
    data.push(
      memoryEvent({ blockNumber: 5n, logIndex: 0, contract: 'Claims', eventName: 'ClaimCreated', args: {} }),
    )
    data.getHead = async () => {
      throw new Error('connect ECONNREFUSED')
    }
    data.setSyncStatus({ lastSyncedAtMs: 1_000, failingSinceMs: 2_000, errorCode: 'CHAIN_RPC_UNAVAILABLE' })
    const response = await start(data).request('/api/overview')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      head: null,
      session: null,
      indexedHeight: '5',
      chain: {
        state: 'unreachable',
        sinceMs: 2_000,
        lastSyncedAtMs: 1_000,
        errorCode: 'CHAIN_RPC_UNAVAILABLE',
      },
      counts: { claims: 1 },
    })
  })

  it('behavior: a head read that fails while the indexer still syncs also gives the overview without a head', async () => {
    const data = createMemoryDataSource()
    data.getHead = async () => {
      throw new Error('connect ECONNREFUSED')
    }
    const response = await start(data).request('/api/overview')
    expect(await response.json()).toMatchObject({ head: null, chain: { state: 'reachable' } })
  })

  it('behavior: while the indexer reports the node down, the overview does not wait on a head read', async () => {
    const data = createMemoryDataSource()
    let headReads = 0
    data.getHead = async () => {
      headReads++
      return { blockNumber: 1n, timestampMs: 0 }
    }
    data.setSyncStatus({ lastSyncedAtMs: 1_000, failingSinceMs: 2_000, errorCode: 'CHAIN_RPC_UNAVAILABLE' })
    const view = (await (await start(data).request('/api/overview')).json()) as { head: unknown }
    expect({ head: view.head, headReads }).toEqual({ head: null, headReads: 0 })
  })

  it('error: routes that need the head answer 503 when the chain node cannot be read', async () => {
    const data = createMemoryDataSource()
    data.getHead = async () => {
      throw new Error('connect ECONNREFUSED')
    }
    const response = await start(data).request('/api/sessions')
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ error: { code: 'EXPLORER_CHAIN_UNAVAILABLE' } })
  })

  it('behavior: /api/health answers 200 while the indexer reaches the chain, 503 with since when while not', async () => {
    const data = createMemoryDataSource()
    data.setIndexedHeight(9n)
    const app = start(data)
    const ok = await app.request('/api/health')
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({
      status: 'ok',
      indexedHeight: '9',
      chain: { state: 'reachable', lastSyncedAtMs: 0 },
    })
    data.setSyncStatus({ lastSyncedAtMs: 1_000, failingSinceMs: 2_000, errorCode: 'CHAIN_RPC_UNAVAILABLE' })
    const down = await app.request('/api/health')
    expect(down.status).toBe(503)
    expect(await down.json()).toEqual({
      status: 'chain-unreachable',
      indexedHeight: '9',
      chain: {
        state: 'unreachable',
        sinceMs: 2_000,
        lastSyncedAtMs: 1_000,
        errorCode: 'CHAIN_RPC_UNAVAILABLE',
      },
      error: { code: 'EXPLORER_CHAIN_UNAVAILABLE', message: 'The chain node cannot be read.' },
    })
  })

  it('behavior: upstreams that are not configured say so', async () => {
    expect(await (await start().request('/api/upstreams')).json()).toEqual({
      gateway: { state: 'not-configured' },
      watcher: { state: 'not-configured' },
    })
  })
})

describe('createExplorerServer: capped lists', () => {
  it('behavior: a session with more claims than its page lists gives the latest 200 and the total', async () => {
    const data = createMemoryDataSource()
    const claim = (i: number) =>
      memoryEvent({
        blockNumber: 5n + BigInt(i),
        logIndex: 0,
        contract: 'Claims',
        eventName: 'ClaimCreated',
        args: {
          claimKey: `0x${i.toString(16).padStart(64, '0')}`,
          session: 1n,
          application: `0x${'aa'.repeat(20)}`,
          supplierOperator: `0x${'bb'.repeat(20)}`,
          header: { sessionId: `0x${'cc'.repeat(32)}`, serviceId: 'llama-tiny' },
          root: `0x${'ab'.repeat(32)}${'0'.repeat(15)}7${'0'.repeat(15)}1`,
        },
      })
    data.push(...Array.from({ length: 205 }, (_, i) => claim(i)))
    const view = (await (await start(data).request('/api/sessions/1')).json()) as SessionView
    expect(view.claimTotal).toBe(205)
    expect(view.claims).toHaveLength(200)
    expect(view.claims[0]!.claimKey).toBe(`0x${(204).toString(16).padStart(64, '0')}`)
  })
})

describe('createExplorerServer: live stream', () => {
  it('behavior: /api/stream sends an events message when the indexer stores new events', async () => {
    const data = createMemoryDataSource()
    const response = await start(data).request('/api/stream')
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    expect(await readUntil(reader, 'chain')).toBe(
      ': connected\n\nevent: chain\ndata: {"type":"chain","indexedHeight":null,"chain":{"state":"reachable","lastSyncedAtMs":0}}\n\n',
    )
    data.push(
      memoryEvent({
        blockNumber: 3n,
        logIndex: 0,
        contract: 'Settlement',
        eventName: 'ClaimSettled',
        args: {},
      }),
    )
    expect(await readUntil(reader, 'events')).toBe(
      'event: events\ndata: {"type":"events","indexedHeight":"3","eventNames":["ClaimSettled"],"fromBlock":"3","toBlock":"3"}\n\n',
    )
    await reader.cancel()
  })
})

describe('createExplorerServer: shutdown', () => {
  it('behavior: after close(), a stream that opens (a browser reconnecting) ends at once', async () => {
    const app = start()
    server!.close()
    const response = await app.request('/api/stream')
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(': closed\n\n')
  })
})

// Reads the stream until a whole message of that event type has arrived (chunks may split or join them).
async function readUntil(reader: ReadableStreamDefaultReader<string>, event: string): Promise<string> {
  let text = ''
  while (!new RegExp(`event: ${event}\\ndata: .*\\n\\n`).test(text)) {
    const { value, done } = await reader.read()
    if (done) break
    text += value
  }
  return text
}
