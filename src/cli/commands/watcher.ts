import { serve } from '@hono/node-server'
import type { Command } from 'commander'
import { pino } from 'pino'
import { z } from 'zod'
import { createDecaiClients } from '../../chain/client/createDecaiClients.ts'
import { readDeploymentManifest } from '../../chain/deploy/readDeploymentManifest.ts'
import { verifyDeployment } from '../../chain/deploy/verifyDeployment.ts'
import { createLedger } from '../../chain/ledger/createLedger.ts'
import { createChainSessionSource, type GatewaySession, type SessionSource } from '../../gateway/index.ts'
import { watcherConfigSchema } from '../../watcher/config/configSchema.ts'
import { loadWatcherConfig, type WatcherConfig } from '../../watcher/config/loadWatcherConfig.ts'
import { createWatcher, ProbeFailedError, type TargetSource } from '../../watcher/index.ts'
import {
  createRelayProbeTransport,
  type RelayRouteSource,
} from '../../watcher/transport/createRelayProbeTransport.ts'
import { runAction } from '../context/runAction.ts'
import { createChainReportCommitter } from '../watcher/createChainReportCommitter.ts'
import { createGatewayRelayWrapper } from '../watcher/createGatewayRelayWrapper.ts'
import { loadReferenceModels } from '../watcher/loadReferenceModels.ts'

/** `decai watcher …`: run a watcher that audits the suppliers of the configured services. */
export function registerWatcherCommands(program: Command): void {
  const watcher = program
    .command('watcher')
    .description('Covert audits of suppliers: identity, metering, QoS')
  watcher
    .command('start')
    .description('Probe the current sessions’ suppliers and publish signed reports on GET /reports')
    .requiredOption('--config <file>', 'watcher YAML config')
    .action(runAction(startAction))
  watcher
    .command('config-schema')
    .description('Print the JSON Schema of the config file (for editors)')
    .action(() => console.log(JSON.stringify(z.toJSONSchema(watcherConfigSchema, { io: 'input' }), null, 2)))
}

async function startAction(options: { config: string }): Promise<void> {
  const config = await loadWatcherConfig({ file: options.config, env: process.env })
  const logger = pino({ level: config.log.level }).child({ component: 'watcher' })
  const clients = createDecaiClients({ rpcUrl: config.chain.rpcUrl, logger })
  const manifest = await readDeploymentManifest(config.chain.manifestFile)
  await verifyDeployment(clients, manifest)
  const ledger = createLedger({ clients, manifest })
  const references = await loadReferenceModels(ledger, config.services, logger)
  const sessions = createCurrentSessions(createChainSessionSource(ledger), config)
  const watcher = createWatcher({
    settings: config.settings,
    transport: createRelayProbeTransport({
      routes: sessions.routes,
      wrapper: createGatewayRelayWrapper({
        signerKey: config.signer.privateKey,
        routing: config.relayRouting,
      }),
    }),
    targets: sessions.targets,
    references,
    privateKey: config.signer.privateKey,
    logger,
    ...(config.shouldCommitReports
      ? {
          commitments: createChainReportCommitter({
            ledger,
            rpcUrl: config.chain.rpcUrl,
            privateKey: config.signer.privateKey,
            logger,
          }),
        }
      : {}),
  })
  const server = serve(
    { fetch: watcher.app.fetch, hostname: config.server.host, port: config.server.port },
    (info) =>
      logger.info(
        {
          host: config.server.host,
          port: info.port,
          watcher: watcher.address,
          services: [...references.keys()],
        },
        'watcher listening; reports on GET /reports',
      ),
  )
  watcher.start()
  const shutdown = () => {
    logger.info('watcher stopping')
    server.close()
    void watcher
      .stop()
      .then(() => Promise.all([...references.values()].map((reference) => reference.close())))
      .finally(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

/**
 * The suppliers of the watcher identity's current session, per service, and the route to each: read
 * from the chain once per session and shared by the target list and the transport.
 */
function createCurrentSessions(source: SessionSource, config: WatcherConfig) {
  const cache = new Map<string, Promise<GatewaySession>>()
  const ledgerInfo = cacheUntilFailure(() => source.getLedgerInfo())
  const current = async (serviceId: string): Promise<GatewaySession> => {
    const { genesisHeight, numBlocksPerSession } = await ledgerInfo()
    const height = await source.getBlockNumber()
    const sessionNumber = height < genesisHeight ? 0n : 1n + (height - genesisHeight) / numBlocksPerSession
    const key = `${serviceId}\u0000${sessionNumber}`
    let session = cache.get(key)
    if (!session) {
      session = source.getSession({
        application: config.signer.application,
        serviceId,
        sessionNumber,
        signer: config.signer.address,
      })
      session.catch(() => cache.delete(key))
      cache.set(key, session)
    }
    return session
  }
  const targets: TargetSource = {
    async listTargets() {
      const perService = await Promise.all(
        config.services.map(async ({ serviceId }) => {
          const session = await current(serviceId)
          return session.suppliers.map((supplier) => ({
            supplier: supplier.operator,
            serviceId,
            endpoint: supplier.endpoint,
          }))
        }),
      )
      return perService.flat()
    },
  }
  const routes: RelayRouteSource = {
    async resolve(target) {
      const session = await current(target.serviceId)
      const member = session.suppliers.find((supplier) => supplier.operator === target.supplier.toLowerCase())
      if (!member) throw new ProbeFailedError({ reason: 'the supplier left the session', fault: 'internal' })
      return { domain: (await ledgerInfo()).domain, header: session.header, endpoint: member.endpoint }
    },
  }
  return { targets, routes }
}

// Domain, session length and genesis are fixed for a deployment: read once (again after a failure).
function cacheUntilFailure<T>(read: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined
  return () => {
    value ??= read()
    value.catch(() => {
      value = undefined
    })
    return value
  }
}
