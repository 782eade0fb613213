import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseWatcherReports } from '../../src/explorer/server/upstreams/parseWatcherReports.ts'
import { getTestModel, removeTestModels } from '../../src/inference/embedded/testModel.ts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../src/inference/index.ts'
import type { Hex } from '../../src/protocol/bytes/bytes.ts'
import {
  createWatcher,
  defaultCalibration,
  defaultTrafficProfile,
  type SignedWatcherReport,
  verifyWatcherReport,
  type Watcher,
  type WatcherSettings,
  type WatcherVerdict,
} from '../../src/watcher/index.ts'
import { createBackendTransport } from '../../src/watcher/testing/createBackendTransport.ts'
import { createCheatingBackend } from '../../src/watcher/testing/createCheatingBackend.ts'
import { mulberry32 } from '../../src/watcher/testing/mulberry32.ts'

// Tiny generated models (0.5 M parameters): seed 42 F16 is the registered model; the cheats serve seed 43,
// the same weights in 4 bits, or honest answers with inflated usage.
const honest: Hex = `0x${'01'.repeat(20)}`
const otherModel: Hex = `0x${'02'.repeat(20)}`
const quantised: Hex = `0x${'03'.repeat(20)}`
const inflating: Hex = `0x${'04'.repeat(20)}`
const serviceId = 'tiny-chat'
const privateKey: Hex = `0x${'5a'.repeat(32)}`

const settings: WatcherSettings = {
  alpha: 0.01,
  minProbesForPass: 3,
  identity: defaultCalibration.identity,
  metering: defaultCalibration.metering,
  objectives: { [serviceId]: { maxErrorRate: 0.05 } },
  probes: {
    profile: { ...defaultTrafficProfile, greedyShare: 1, maxTokens: [32], logprobsShare: 0.5 },
    meanIntervalMs: 20,
    timeoutMs: 30_000,
    maxConcurrent: 1,
    extraPrompts: [],
    maxPromptUses: 3,
  },
  targetRefreshMs: 60_000,
}

let backends: EmbeddedBackend[] = []
let watcher: Watcher
const verdicts: WatcherVerdict[] = []

beforeAll(async () => {
  const load = async (seed: number, dtype: 'f16' | 'q4_0') => {
    const model = await getTestModel({ seed, dtype })
    const backend = await createEmbeddedBackend({ modelPath: model.path, expectedSha256: model.sha256 })
    backends.push(backend)
    return backend
  }
  const [reference, served, other, q4] = [
    await load(42, 'f16'),
    await load(42, 'f16'),
    await load(43, 'f16'),
    await load(42, 'q4_0'),
  ]
  const suppliers = new Map<Hex, EmbeddedBackend | ReturnType<typeof createCheatingBackend>>([
    [honest, served],
    [otherModel, other],
    [quantised, q4],
    [inflating, createCheatingBackend(served, { kind: 'inflate', factor: 1.1 })],
  ])
  watcher = createWatcher({
    settings,
    transport: createBackendTransport({ suppliers }),
    targets: { listTargets: async () => [{ supplier: honest, serviceId }] },
    references: new Map([[serviceId, reference]]),
    privateKey,
    logger: pino({ level: 'silent' }),
    random: mulberry32(42),
  })
  watcher.subscribe((verdict) => verdicts.push(verdict))
})

afterAll(async () => {
  await watcher?.stop()
  await Promise.all(backends.map((backend) => backend.close()))
  backends = []
  await removeTestModels()
})

async function audit(supplier: Hex, probes: number) {
  let result = await watcher.probeOnce({ supplier, serviceId })
  for (let i = 1; i < probes && result.state.verdict !== 'fail'; i++)
    result = await watcher.probeOnce({ supplier, serviceId })
  return result
}

describe('watcher on real llama.cpp backends', () => {
  it('behavior: the honest supplier passes with no violation', async () => {
    const result = await audit(honest, 3)
    expect(result.state).toMatchObject({ verdict: 'pass', decidedBy: null })
    expect(result.state.tally.violations).toBe(0)
    expect(result.state.tally.meteringProofs).toBe(0)
  })

  it('behavior: another model fails identity on its first probe', async () => {
    const result = await audit(otherModel, 3)
    expect(result.state).toMatchObject({ verdict: 'fail', decidedBy: 'identity', decidedAtProbe: 1 })
  })

  it('behavior: the 4-bit quantisation of the registered model fails identity within a few probes', async () => {
    const result = await audit(quantised, 10)
    expect(result.state).toMatchObject({ verdict: 'fail', decidedBy: 'identity' })
  })

  it('behavior: inflated usage is proven on the first probe', async () => {
    const result = await audit(inflating, 1)
    expect(result.state).toMatchObject({ verdict: 'fail', decidedBy: 'metering', decidedAtProbe: 1 })
  })

  it('behavior: verdict changes are announced in the gateway VerdictSource shape', () => {
    const outcomes = Object.fromEntries(verdicts.map((verdict) => [verdict.supplier, verdict.outcome]))
    expect(outcomes).toEqual({
      [honest]: 'pass',
      [otherModel]: 'fail',
      [quantised]: 'fail',
      [inflating]: 'fail',
    })
  })

  it('behavior: reports are signed, served over HTTP and readable by the explorer', async () => {
    const response = await watcher.app.request('/reports')
    const body = (await response.json()) as { reports: SignedWatcherReport[] }
    expect(body.reports).toHaveLength(4)
    for (const signed of body.reports)
      expect(verifyWatcherReport(signed, watcher.address).serviceId).toBe(serviceId)
    const parsed = parseWatcherReports(body)
    expect(parsed.dropped).toBe(0)
    expect(parsed.reports.find((r) => r.supplier === otherModel)).toMatchObject({
      verdict: 'fail',
      check: 'identity',
      isSigned: true,
    })
  })

  it('behavior: started, it probes the listed suppliers at random times until stopped', async () => {
    const before = watcher.reports.forSupplier(honest)[0]!.report.probes
    watcher.start()
    await waitFor(() => watcher.reports.forSupplier(honest)[0]!.report.probes >= before + 2)
    await watcher.stop()
    const after = watcher.reports.forSupplier(honest)[0]!.report.probes
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(watcher.reports.forSupplier(honest)[0]!.report.probes).toBe(after)
  })
})

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20))
}
