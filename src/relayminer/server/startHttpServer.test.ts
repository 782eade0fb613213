import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { createInstantBackend } from '../testing/createInstantBackend.ts'
import { createTestNetwork } from '../testing/createTestNetwork.ts'
import { createTestRelayMiner, type TestRelayMiner } from '../testing/createTestRelayMiner.ts'
import { type HttpServerHandle, startHttpServer } from './startHttpServer.ts'

let miner: TestRelayMiner | undefined
let server: HttpServerHandle | undefined
afterEach(async () => {
  await server?.close()
  await miner?.dispose()
  server = miner = undefined
})

describe('relayminer over a real socket', () => {
  it('behavior: chunks reach the client before the backend finishes, and a client that leaves stops the backend', async () => {
    const network = createTestNetwork()
    const backend = createInstantBackend({ outputTokens: 50, delayMs: 20 })
    miner = await createTestRelayMiner({ network, backend })
    server = await startHttpServer({ app: miner.app, host: '127.0.0.1', port: 0 })
    const { json } = await network.envelope({
      body: { messages: [{ role: 'user', content: 'x' }], stream: true },
      maxOutputTokens: 50,
    })
    const controller = new AbortController()
    const response = await fetch(`${server.url}/v1/relay`, {
      method: 'POST',
      body: JSON.stringify(json),
      signal: controller.signal,
    })
    const reader = response.body!.getReader()
    const first = new TextDecoder().decode((await reader.read()).value)
    expect(first.startsWith('data: {')).toBe(true)
    controller.abort()
    await expect.poll(() => backend.aborted > 0, { timeout: 10_000 }).toBe(true)
    expect(miner.store.listTrees()).toEqual([])
  })

  it('behavior: logs carry the session and parties but never the prompt, the completion or the key', async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk))
        callback()
      },
    })
    const network = createTestNetwork()
    miner = await createTestRelayMiner({
      network,
      backend: createInstantBackend(),
      logger: pino({ level: 'trace' }, sink),
    })
    server = await startHttpServer({ app: miner.app, host: '127.0.0.1', port: 0 })
    const prompt = 'my-very-private-prompt'
    const { json } = await network.envelope({ body: { messages: [{ role: 'user', content: prompt }] } })
    expect(
      (await fetch(`${server.url}/v1/relay`, { method: 'POST', body: JSON.stringify(json) })).status,
    ).toBe(200)
    const forged = { ...json, requestSignature: `0x${'00'.repeat(64)}1b` }
    expect(
      (await fetch(`${server.url}/v1/relay`, { method: 'POST', body: JSON.stringify(forged) })).status,
    ).toBe(401)
    const text = lines.join('')
    expect(text).toContain('"sessionId"')
    expect(text).toContain('relay served')
    expect(text).not.toContain(prompt)
    expect(text).not.toContain('ok ok')
    expect(text).not.toContain(network.keys.supplier.slice(2))
  })
})
