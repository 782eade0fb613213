/**
 * The watcher inside `decai gateway start`, wired as the command wires it (`createTrafficTap`,
 * `listRoutedSuppliers`) over an in-memory network: the clients' requests through the gateway change
 * the shapes the watcher's probes take, and suppliers the gateway has quarantined are not audited.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { createTrafficTap } from '../../src/cli/watcher/createTrafficTap.ts'
import { createVerdictHub } from '../../src/cli/watcher/verdictSources.ts'
import { createGateway, type Gateway } from '../../src/gateway/index.ts'
import { openKeyStore } from '../../src/gateway/keys/openKeyStore.ts'
import { createFakeNetwork } from '../../src/gateway/testing/createFakeNetwork.ts'
import { listRoutedSuppliers } from '../../src/gateway/watcher/listRoutedSuppliers.ts'
import type { ChatCompletionRequest } from '../../src/inference/index.ts'
import { parseEmbeddedWatcherConfig } from '../../src/watcher/config/loadWatcherConfig.ts'
import { createWatcher, type ProbeTransport, type ReferenceModel } from '../../src/watcher/index.ts'

const dirs: string[] = []
const logger = pino({ level: 'silent' })

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

async function startGateway(options: Partial<Parameters<typeof createGateway>[0]> = {}) {
  const net = createFakeNetwork({ suppliers: 2 })
  const dir = mkdtempSync(join(tmpdir(), 'decai-gateway-traffic-'))
  dirs.push(dir)
  const gateway = await createGateway({
    config: net.config('keys: { isRequired: false }'),
    sessionSource: net.sessionSource,
    catalog: net.catalog,
    transport: net.transport,
    keyStore: openKeyStore({ dir }),
    logger,
    ...options,
  })
  await gateway.start()
  return { net, gateway }
}

// A transport that keeps each probe and answers with the watcher's own failure (no evidence).
function createProbeRecorder(): ProbeTransport & { sent: ChatCompletionRequest[] } {
  const sent: ChatCompletionRequest[] = []
  return {
    sent,
    async send(_target, request) {
      sent.push(request)
      const timing = { sentAtMs: 0, firstContentAtMs: undefined, doneAtMs: 0 }
      return { isOk: false, code: 'NO_ROUTE', fault: 'internal', status: undefined, timing }
    },
  }
}

function chat(gateway: Gateway, body: object) {
  return gateway.app.request('/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

describe('decai gateway start with a watcher: traffic and targets', () => {
  it('behavior: client requests through the gateway become the shapes of the probes', async () => {
    const tap = createTrafficTap()
    const { net, gateway } = await startGateway({ observeRequest: tap.observeRequest })
    const transport = createProbeRecorder()
    const watcher = createWatcher({
      settings: (
        await parseEmbeddedWatcherConfig({
          raw: {
            services: { [net.serviceId]: { referenceModel: 'unused.gguf' } },
            probes: { profile: { greedyShare: 1, temperatures: [], maxCompletionTokensShare: 0 } },
          },
          baseDir: '/',
        })
      ).settings,
      transport,
      targets: { listTargets: async () => [] },
      references: new Map([[net.serviceId, { sha256: 'ab'.repeat(32) } as unknown as ReferenceModel]]),
      privateKey: net.gatewayKey,
      logger,
    })
    tap.attach(watcher)
    const target = { supplier: net.suppliers[0]!.operator, serviceId: net.serviceId }
    try {
      await watcher.probeOnce(target)
      expect(transport.sent[0]).toMatchObject({ temperature: 0 })
      const client = {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Could you suggest a name for a grey cat with white paws?' }],
        temperature: 0.4,
        max_completion_tokens: 17,
      }
      for (let i = 0; i < 60; i++) expect((await chat(gateway, client)).status).toBe(200)
      for (let i = 0; i < 5; i++) await watcher.probeOnce(target)
      for (const probe of transport.sent.slice(1)) {
        expect(probe).toMatchObject({ temperature: 0.4, max_completion_tokens: 17 })
        expect(Object.keys(probe).sort()).toEqual([
          'max_completion_tokens',
          'messages',
          'model',
          'temperature',
        ])
      }
    } finally {
      await watcher.stop()
      await gateway.stop()
    }
  })

  it('behavior: a supplier the gateway quarantined is not listed for audit', async () => {
    const verdicts = createVerdictHub()
    const { net, gateway } = await startGateway({ verdicts })
    try {
      const [first, second] = net.suppliers.map((supplier) => supplier.operator)
      const listed = async () =>
        (await listRoutedSuppliers(gateway.router, net.serviceId)).map((s) => s.operator)
      expect(await listed()).toEqual([first, second])
      verdicts.publish({ supplier: first!, serviceId: net.serviceId, outcome: 'fail' })
      expect(await listed()).toEqual([second])
    } finally {
      await gateway.stop()
    }
  })
})
