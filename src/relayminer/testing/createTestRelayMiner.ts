import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Logger, pino } from 'pino'
import type { InferenceBackend } from '../../inference/backend.ts'
import type { ServiceObjectives } from '../../protocol/objectives/types.ts'
import { createRelayMiner, type RelayMiner } from '../createRelayMiner.ts'
import type { TestNetwork } from './createTestNetwork.ts'

/** A relayminer on a test network with a temporary store; `dispose()` stops it and removes the store. */
export type TestRelayMiner = RelayMiner & { storeDir: string; dispose(): Promise<void> }

/**
 * Starts a relayminer over a test network's memory ledger, for tests and benchmarks.
 *
 * @param parameters - the network, the backend, and optional limits
 * @returns the started relayminer
 * @example
 * const relayMiner = await createTestRelayMiner({ network, backend: createInstantBackend() })
 * const response = await relayMiner.app.request('/v1/relay', { method: 'POST', body })
 */
export async function createTestRelayMiner(parameters: {
  network: TestNetwork
  backend: InferenceBackend
  requestTimeoutMs?: number
  maxBodyBytes?: number
  storeDir?: string
  logger?: Logger
  drainTimeoutMs?: number
  shouldSettle?: boolean
  minClaimValueBaseUnits?: bigint
  objectives?: ReadonlyMap<string, ServiceObjectives>
}): Promise<TestRelayMiner> {
  const storeDir = parameters.storeDir ?? (await mkdtemp(join(tmpdir(), 'decai-relayminer-')))
  const relayMiner = await createRelayMiner({
    suppliers: [parameters.network.supplier],
    backends: new Map([[parameters.network.serviceId, parameters.backend]]),
    ledger: parameters.network.ledger,
    storeDir,
    logger: parameters.logger ?? pino({ level: 'silent' }),
    pollIntervalMs: 60_000,
    maxBodyBytes: parameters.maxBodyBytes ?? 1_048_576,
    requestTimeoutMs: parameters.requestTimeoutMs ?? 30_000,
    claims: {
      minClaimValueBaseUnits: parameters.minClaimValueBaseUnits ?? 0n,
      weiPerTokenBaseUnit: undefined,
      shouldSettle: parameters.shouldSettle ?? true,
      drainTimeoutMs: parameters.drainTimeoutMs ?? 1_000,
    },
    ...(parameters.objectives ? { objectives: parameters.objectives } : {}),
  })
  await relayMiner.start()
  return Object.assign(relayMiner, {
    storeDir,
    async dispose() {
      await relayMiner.stop()
      if (!parameters.storeDir) await rm(storeDir, { recursive: true, force: true })
    },
  })
}
