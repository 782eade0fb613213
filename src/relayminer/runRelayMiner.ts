import type { Logger } from 'pino'
import { readDeploymentManifest } from '../chain/deploy/readDeploymentManifest.ts'
import type { InferenceBackend } from '../inference/backend.ts'
import type { Hex } from '../protocol/bytes/bytes.ts'
import { createBackends } from './backend/createBackends.ts'
import type { RelayMinerConfig } from './config/loadConfig.ts'
import type { Secret } from './config/secret.ts'
import { createRelayMiner, type RelayMiner } from './createRelayMiner.ts'
import { ChainUnavailableError } from './errors.ts'
import { createChainLedger } from './ledger/createChainLedger.ts'
import { createMetricsApp } from './server/createMetricsApp.ts'
import { type HttpServerHandle, startHttpServer } from './server/startHttpServer.ts'

/** A running relayminer process. */
export type RunningRelayMiner = {
  relayMiner: RelayMiner
  server: HttpServerHandle
  metricsServer: HttpServerHandle | undefined
  /** Graceful stop: stop accepting relays, let those in flight finish, stop the lifecycle, close the store and backends. */
  stop(): Promise<void>
}

const BOOT_ATTEMPTS = 30

/**
 * Runs a relayminer from its config: backends, ledger over the deployment manifest, the relayminer,
 * the HTTP(S) server and the optional metrics listener. While the chain cannot be reached at boot it
 * retries for about a minute (a node that starts with the relayminer is normal), then gives up.
 *
 * @param parameters - the loaded config and the root logger
 * @returns the running relayminer
 * @example
 * const running = await runRelayMiner({ config: await loadConfig({ file, env: process.env }), logger })
 * process.on('SIGTERM', () => running.stop())
 */
export async function runRelayMiner(parameters: {
  config: RelayMinerConfig
  logger: Logger
}): Promise<RunningRelayMiner> {
  const { config, logger } = parameters
  const backends = await createBackends(config.services, logger)
  try {
    return await startWithBackends(config, logger, backends)
  } catch (error) {
    await Promise.allSettled([...backends.values()].map((backend) => backend.close()))
    throw error
  }
}

async function startWithBackends(
  config: RelayMinerConfig,
  logger: Logger,
  backends: Map<string, InferenceBackend>,
): Promise<RunningRelayMiner> {
  const operatorKeys = new Map<Hex, Secret<Hex>>(
    config.suppliers.map((s) => [s.operatorAddress, s.privateKey]),
  )
  const manifest = await readDeploymentManifest(config.chain.manifestFile)
  const ledger = createChainLedger({ rpcUrl: config.chain.rpcUrl, manifest, operatorKeys, logger })
  const relayMiner = await bootWithRetries(logger, () =>
    createRelayMiner({
      suppliers: config.suppliers,
      backends,
      ledger,
      storeDir: config.store.dir,
      logger,
      pollIntervalMs: config.chain.pollIntervalMs,
      maxBodyBytes: config.server.maxBodyBytes,
      requestTimeoutMs: config.server.requestTimeoutMs,
      claims: config.claims,
      shouldServeMetrics: config.metrics === undefined,
      objectives: new Map(
        config.services.flatMap((service) => (service.objectives ? [[service.id, service.objectives]] : [])),
      ),
    }),
  )
  await relayMiner.start()
  const server = await startHttpServer({ app: relayMiner.app, ...config.server })
  const metricsServer = config.metrics && (await startMetricsServer(relayMiner, config.metrics))
  logger.info(
    {
      url: server.url,
      metricsUrl: metricsServer?.url,
      suppliers: config.suppliers.map((s) => s.operatorAddress),
    },
    'relayminer listening',
  )
  return {
    relayMiner,
    server,
    metricsServer,
    async stop() {
      await server.close()
      await metricsServer?.close()
      await relayMiner.stop()
      await Promise.allSettled([...backends.values()].map((backend) => backend.close()))
    },
  }
}

async function bootWithRetries(logger: Logger, boot: () => Promise<RelayMiner>): Promise<RelayMiner> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await boot()
    } catch (error) {
      if (!(error instanceof ChainUnavailableError) || attempt >= BOOT_ATTEMPTS) throw error
      logger.warn({ err: error, attempt }, 'chain not reachable at boot; retrying in 2 s')
      await new Promise((resolve) => setTimeout(resolve, 2_000))
    }
  }
}

function startMetricsServer(relayMiner: RelayMiner, listen: { host: string; port: number }) {
  return startHttpServer({ app: createMetricsApp(relayMiner.metrics), ...listen })
}
