import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { createGateway, type Gateway } from '../createGateway.ts'
import { openKeyStore } from '../keys/openKeyStore.ts'
import { createFakeNetwork } from '../testing/createFakeNetwork.ts'
import { chatText, postJson, readSseData } from '../testing/requestGateway.ts'
import { serveFakeSupplier } from '../testing/serveFakeSupplier.ts'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

describe('pumpStream over HTTP', () => {
  it('behavior: a verified stream leaves its supplier connection open for the next relay', async () => {
    const endpoints: string[] = []
    const net = createFakeNetwork({ suppliers: 1, endpoints })
    const served = await serveFakeSupplier(net.suppliers[0]!)
    endpoints.push(served.url)
    let connections = 0
    served.server.on('connection', () => connections++)
    cleanups.push(() => void served.server.close())
    const gateway: Gateway = await createGateway({
      config: net.config('routing: { hedgeDelay: 0 }'),
      sessionSource: net.sessionSource,
      catalog: net.catalog,
      keyStore: openKeyStore({ dir: mkdtempSync(join(tmpdir(), 'decai-gateway-')) }),
      logger: pino({ level: 'silent' }),
    })
    cleanups.push(() => gateway.stop())
    await gateway.start()
    const { key } = await gateway.keyStore!.create({ name: 'test' })
    const chat = { model: 'llama-tiny', messages: [{ role: 'user', content: 'hello' }], stream: true }
    const relay = async () => {
      const events = await readSseData(await postJson(gateway, '/v1/chat/completions', chat, { key }))
      expect(chatText(events)).toBe('w0 w1 w2 w3 w4 w5')
      expect(events.at(-1)).toBe('[DONE]')
    }
    // The pool may open a second connection while its first one is still connecting; from then on,
    // relays one after another must reuse what is open rather than connect again.
    await relay()
    await relay()
    const warm = connections
    for (let i = 0; i < 4; i++) await relay()
    expect(connections).toBe(warm)
    expect(warm).toBeLessThanOrEqual(2)
  })
})
