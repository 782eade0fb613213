import { describe, expect, it } from 'vitest'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { signSupplierObjectives } from '../../protocol/objectives/signSupplierObjectives.ts'
import type { ServiceObjectives } from '../../protocol/objectives/types.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { createAuditRegistry } from '../audit/createAuditRegistry.ts'
import { exactMetering } from '../audit/exactMetering.test-util.ts'
import type { ProbeExchange, ProbeTarget } from '../ports.ts'
import { defaultCalibration } from '../settings.ts'
import { checkQos } from './checkQos.ts'
import { createObjectivesSource } from './createObjectivesSource.ts'

const operatorKey: Hex = `0x${'42'.repeat(32)}`
const strangerKey: Hex = `0x${'43'.repeat(32)}`
const supplier = privateKeyToAddress(operatorKey)
const serviceId = 'llama-tiny'
const target: ProbeTarget = { supplier, serviceId, endpoint: 'http://127.0.0.1:1/' }
const configured = { [serviceId]: { ttftP90Ms: 5_000, maxErrorRate: 0.05 } }

// A supplier endpoint serving `GET /v1/objectives` with one advertisement signed by `key`.
function endpointAdvertising(services: Record<string, ServiceObjectives>, key = operatorKey): typeof fetch {
  const signed = signSupplierObjectives({ version: 1, supplier, services, issuedAt: 1 }, key)
  return (async (url: string | URL | Request) => {
    expect(new URL(String(url)).pathname).toBe('/v1/objectives')
    return Response.json({ advertisements: [signed] })
  }) as typeof fetch
}

const metering = exactMetering(32)

// A streamed answer whose first token came `ttftMs` after the send.
const answer = (ttftMs: number): ProbeExchange => ({
  isOk: true,
  content: 'x',
  finishReason: 'length',
  usage: { prompt_tokens: 20, completion_tokens: 32, total_tokens: 52 },
  logprobs: undefined,
  timing: { sentAtMs: 0, firstContentAtMs: ttftMs, doneAtMs: ttftMs + 310 },
})

// Audits a supplier whose every answer has a 900 ms TTFT against what it advertised.
// A greedy answer that matched the reference: a pass needs probes that checked the model.
const cleanGreedy = {
  mode: 'greedy' as const,
  positions: 32,
  violations: 0,
  maxMarginNats: 0,
  logprobPositions: 0,
  logprobDeviations: 0,
  maxLogprobDeviationNats: 0,
}

async function auditAt900Ms(fetchAdvertisement: typeof fetch) {
  const registry = createAuditRegistry({
    settings: {
      alpha: 0.01,
      minProbesForPass: 10,
      identity: defaultCalibration.identity,
      metering: defaultCalibration.metering,
      objectives: configured,
    },
    watcher: privateKeyToAddress(`0x${'5a'.repeat(32)}`),
    privateKey: `0x${'5a'.repeat(32)}`,
    modelSha256Of: () => 'ab'.repeat(32),
    objectivesOf: createObjectivesSource({ configured, fetch: fetchAdvertisement }),
  })
  const objectives = await registry.objectivesFor(target)
  let state = registry.record(
    target,
    { identity: cleanGreedy, metering, qos: checkQos(answer(900), objectives, 32) },
    1,
  ).state
  for (let probe = 2; probe <= 40 && state.verdict !== 'fail'; probe++)
    state = registry.record(
      target,
      { identity: cleanGreedy, metering, qos: checkQos(answer(900), objectives, 32) },
      probe,
    ).state
  return { objectives, state }
}

describe('createObjectivesSource', () => {
  it('behavior: a supplier advertising a tight TTFT that it misses fails qos.ttft', async () => {
    const { objectives, state } = await auditAt900Ms(endpointAdvertising({ [serviceId]: { ttftP90Ms: 500 } }))
    expect(objectives).toEqual({ ttftP90Ms: 500, maxErrorRate: 0.05 })
    expect(state).toMatchObject({ verdict: 'fail', decidedBy: 'qos.ttft' })
  })

  it('behavior: the same latency under a loose advertisement passes', async () => {
    const { objectives, state } = await auditAt900Ms(
      endpointAdvertising({ [serviceId]: { ttftP90Ms: 2_000 } }),
    )
    expect(objectives.ttftP90Ms).toBe(2_000)
    expect(state).toMatchObject({ verdict: 'pass', probes: 40 })
  })

  it('behavior: an advertisement signed by another key, or none, leaves the configured objectives', async () => {
    const forged = createObjectivesSource({
      configured,
      fetch: endpointAdvertising({ [serviceId]: { ttftP90Ms: 60_000 } }, strangerKey),
    })
    expect(await forged(target)).toEqual(configured[serviceId])
    const unreachable = createObjectivesSource({
      configured,
      fetch: (async () => {
        throw new TypeError('fetch failed')
      }) as typeof fetch,
    })
    const reasons: string[] = []
    const silent = createObjectivesSource({
      configured,
      fetch: endpointAdvertising({}),
      onUnverified: (_target, reason) => reasons.push(reason),
    })
    expect(await unreachable(target)).toEqual(configured[serviceId])
    expect(await silent(target)).toEqual(configured[serviceId])
    expect(reasons).toEqual([])
  })
})
