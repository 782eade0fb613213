import { pino } from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Hex } from '../protocol/bytes/bytes.ts'
import { parseEmbeddedWatcherConfig } from './config/loadWatcherConfig.ts'
import { createWatcher } from './createWatcher.ts'
import type { ProbeTransport, ReferenceModel } from './ports.ts'

const serviceId = 'svc'
const failing: Hex = `0x${'0f'.repeat(20)}`

// Every probe's failure counts against an objective of at most 1 % errors.
const { settings } = await parseEmbeddedWatcherConfig({
  raw: {
    services: { [serviceId]: { referenceModel: 'unused.gguf', objectives: { maxErrorRate: 0.01 } } },
    audit: { minProbesForPass: 3 },
    probes: { meanInterval: '1s', timeout: '5s', targetRefresh: '10s' },
  },
  baseDir: '/',
})

// Every answer is a server error: only the error-rate check has something to judge, and it fails.
function createFailingTransport(): ProbeTransport & { calls: number } {
  const transport = {
    calls: 0,
    async send() {
      transport.calls++
      return {
        isOk: false as const,
        code: 'HTTP_503',
        fault: 'supplier' as const,
        status: 503,
        timing: { sentAtMs: 0, firstContentAtMs: undefined, doneAtMs: 1 },
      }
    },
  }
  return transport
}

// Failed probes are never re-scored: the reference is only asked for its hash.
const reference = { sha256: 'ab'.repeat(32) } as unknown as ReferenceModel

afterEach(() => {
  vi.useRealTimers()
})

describe('createWatcher', () => {
  it('behavior: once a supplier’s verdict is fail, the probe loop leaves it alone', async () => {
    vi.useFakeTimers()
    const transport = createFailingTransport()
    const watcher = createWatcher({
      settings,
      transport,
      targets: { listTargets: async () => [{ supplier: failing, serviceId }] },
      references: new Map([[serviceId, reference]]),
      privateKey: `0x${'5a'.repeat(32)}`,
      logger: pino({ level: 'silent' }),
      random: () => 0.5,
    })
    watcher.start()
    await vi.advanceTimersByTimeAsync(120_000)
    const [report] = watcher.reports.forSupplier(failing)
    expect(report?.report.verdict).toBe('fail')
    const callsAtFail = transport.calls
    expect(callsAtFail).toBeGreaterThan(0)
    await vi.advanceTimersByTimeAsync(600_000)
    await watcher.stop()
    expect(transport.calls).toBe(callsAtFail)
  })
})
