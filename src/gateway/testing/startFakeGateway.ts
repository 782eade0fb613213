import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { createGateway, type Gateway } from '../createGateway.ts'
import { openKeyStore } from '../keys/openKeyStore.ts'
import type { VerdictSource } from '../ports.ts'
import type { ScoreOptions } from '../routing/createSupplierScores.ts'
import { createFakeNetwork, type FakeNetwork } from './createFakeNetwork.ts'
import type { FakeSupplierBehavior } from './createFakeSupplier.ts'

/** A gateway over a fake network, with a key store in a fresh temporary directory. */
export type FakeGateway = { net: FakeNetwork; gateway: Gateway; storeDir: string }

/**
 * Starts a gateway over `createFakeNetwork` for tests and benchmarks: keys required, an lmdb key store
 * under the OS temp dir, silent logs, a fixed random source unless one is given.
 *
 * @param options - network options, YAML config overrides, score options, clock, randomness
 * @returns the network and the started gateway
 * @example
 * const { gateway, net } = await startFakeGateway({ suppliers: 3 })
 * const response = await gateway.app.request('/v1/models', { headers: { authorization: `Bearer ${key}` } })
 */
export async function startFakeGateway(
  options: {
    suppliers?: number
    behaviors?: FakeSupplierBehavior[]
    owners?: `0x${string}`[]
    height?: bigint
    supplierLags?: number[]
    config?: string
    scoreOptions?: Partial<ScoreOptions>
    nowMs?: () => number
    random?: () => number
    verdicts?: VerdictSource
  } = {},
): Promise<FakeGateway> {
  const net = createFakeNetwork(options)
  const storeDir = mkdtempSync(join(tmpdir(), 'decai-gateway-'))
  const gateway = await createGateway({
    config: net.config(options.config),
    sessionSource: net.sessionSource,
    catalog: net.catalog,
    transport: net.transport,
    keyStore: openKeyStore({ dir: storeDir }),
    logger: pino({ level: 'silent' }),
    ...(options.scoreOptions ? { scoreOptions: options.scoreOptions } : {}),
    ...(options.nowMs ? { nowMs: options.nowMs } : {}),
    random: options.random ?? (() => 0),
    ...(options.verdicts ? { verdicts: options.verdicts } : {}),
  })
  await gateway.start()
  return { net, gateway, storeDir }
}
