import { dirname, resolve } from 'node:path'
import { type Command, InvalidArgumentError } from 'commander'
import { type Logger, pino } from 'pino'
import { z } from 'zod'
import { createDecaiClients } from '../../chain/client/createDecaiClients.ts'
import { readDeploymentManifest } from '../../chain/deploy/readDeploymentManifest.ts'
import { verifyDeployment } from '../../chain/deploy/verifyDeployment.ts'
import { createLedger } from '../../chain/ledger/createLedger.ts'
import { readGatewayStoreSettings } from '../../gateway/config/loadGatewayConfig.ts'
import type { Gateway, GatewayConfig } from '../../gateway/index.ts'
import {
  createChainServiceCatalog,
  createChainSessionSource,
  createGateway,
  gatewayConfigSchema,
  loadGatewayConfig,
  openKeyStore,
} from '../../gateway/index.ts'
import { type HttpServerHandle, startHttpServer } from '../../relayminer/server/startHttpServer.ts'
import { embeddedWatcherConfigSchema } from '../../watcher/config/configSchema.ts'
import { parseEmbeddedWatcherConfig } from '../../watcher/config/loadWatcherConfig.ts'
import { createReportFeed, type ReportFeed } from '../../watcher/report/createReportFeed.ts'
import { CliPortInUseError } from '../context/cliErrors.ts'
import { runAction } from '../context/runAction.ts'
import { createTrafficTap } from '../watcher/createTrafficTap.ts'
import { type GatewayWatcher, startGatewayWatcher } from '../watcher/startGatewayWatcher.ts'
import { createVerdictHub, mergeVerdictSources } from '../watcher/verdictSources.ts'
import { registerGatewayStakeCommands } from './gatewayStake.ts'

/** `decai gateway …`: run the OpenAI-compatible gateway and manage its API keys. */
export function registerGatewayCommands(program: Command): void {
  const gateway = program.command('gateway').description('OpenAI-compatible gateway: serve, stake, API keys')
  gateway
    .command('start')
    .description('Serve the OpenAI-compatible API (delegated or centralized mode, per the config)')
    .requiredOption('--config <file>', 'gateway YAML config')
    .action(runAction(startAction))
  gateway
    .command('config-schema')
    .description('Print the JSON Schema of the config file (for editors)')
    .action(() => console.log(JSON.stringify(gatewayJsonSchema(), null, 2)))
  registerGatewayStakeCommands(gateway)
  const keys = gateway.command('keys').description('API keys: create, list, revoke (stored hashed)')
  keys
    .command('create')
    .description('Create an API key; it is printed once and stored only as its sha256')
    .requiredOption('--config <file>', 'gateway YAML config (its store.dir holds the keys)')
    .requiredOption('--name <name>', 'a label for the key')
    .option('--rpm <n>', 'requests per minute (0 = the config default)', parseCount, 0)
    .option('--tpm <n>', 'tokens per minute (0 = the config default)', parseCount, 0)
    .option('--budget <baseUnits>', 'total spend allowed, in token base units', parseCount)
    .option('--json', 'print one JSON object')
    .action(runAction(createKeyAction))
  keys
    .command('list')
    .description('List keys with their limits and usage')
    .requiredOption('--config <file>', 'gateway YAML config')
    .option('--json', 'print one JSON object')
    .action(runAction(listKeysAction))
  keys
    .command('revoke <id>')
    .description('Revoke a key by id; it stops working at once')
    .requiredOption('--config <file>', 'gateway YAML config')
    .option('--json', 'print one JSON object')
    .action(runAction(revokeKeyAction))
}

async function startAction(options: { config: string }): Promise<void> {
  const config = await loadGatewayConfig({ file: options.config, env: process.env })
  const watcherConfig = config.watcher
    ? await parseEmbeddedWatcherConfig({ raw: config.watcher, baseDir: dirname(resolve(options.config)) })
    : undefined
  const logger = pino({ level: config.log.level })
  const clients = createDecaiClients({ rpcUrl: config.chain.rpcUrl, logger })
  const manifest = await readDeploymentManifest(config.chain.manifestFile)
  await verifyDeployment(clients, manifest)
  const ledger = createLedger({ clients, manifest })
  const feeds = followWatchers(config, logger)
  // The watcher in this process (if any) is built after the gateway, whose router it probes through.
  const local = createVerdictHub()
  const traffic = createTrafficTap()
  let inProcess: GatewayWatcher | undefined
  const gateway = await createGateway({
    config,
    sessionSource: createChainSessionSource(ledger),
    catalog: createChainServiceCatalog(ledger),
    logger,
    verdicts: mergeVerdictSources([...feeds, local]),
    observeRequest: traffic.observeRequest,
  })
  await gateway.start()
  for (const feed of feeds) void feed.refresh()
  // Before serving: the reports' routes must be mounted before the app answers its first request.
  if (watcherConfig?.isEnabled)
    inProcess = await startGatewayWatcher({
      gateway,
      gatewayConfig: config,
      watcherConfig,
      ledger,
      logger,
      onVerdict: local.publish,
    })
  if (inProcess) traffic.attach(inProcess.watcher)
  const server = await listenGateway(gateway, config.server)
  logger.info(
    {
      host: config.server.host,
      port: server.port,
      mode: config.mode,
      models: Object.keys(config.models),
    },
    'gateway listening',
  )
  const shutdown = () => {
    logger.info('gateway stopping')
    void server.close()
    for (const feed of feeds) feed.stop()
    void Promise.resolve(inProcess?.stop())
      .then(() => gateway.stop())
      .finally(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

/**
 * Serves the gateway's own listener (the inference routes skip Hono, docs/gateway.md, Figures) on the
 * configured address, over HTTPS when `server.tls` is set.
 *
 * @throws {CliPortInUseError} the port is taken
 * @example
 * const server = await listenGateway(gateway, config.server)
 */
export async function listenGateway(
  gateway: Gateway,
  server: GatewayConfig['server'],
): Promise<HttpServerHandle> {
  const { host, port, tls } = server
  try {
    return await startHttpServer({ app: gateway.listener, host, port, tls })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
    throw new CliPortInUseError({ port, role: 'gateway', option: 'server.port in the config' })
  }
}

function followWatchers(config: GatewayConfig, logger: Logger): ReportFeed[] {
  return config.watchers.map((watcher) =>
    createReportFeed({
      url: watcher.url,
      watcher: watcher.address,
      intervalMs: watcher.pollIntervalMs,
      onError: (error) =>
        logger.warn({ err: error, watcher: watcher.address }, 'cannot read watcher reports; will retry'),
    }),
  )
}

// The gateway's schema keeps `watcher:` opaque; the watcher's own schema describes it for editors.
function gatewayJsonSchema() {
  const schema = z.toJSONSchema(gatewayConfigSchema, { io: 'input' }) as {
    properties: Record<string, unknown>
  }
  schema.properties.watcher = z.toJSONSchema(embeddedWatcherConfigSchema, { io: 'input' })
  return schema
}

async function createKeyAction(options: {
  config: string
  name: string
  rpm: number
  tpm: number
  budget?: number
  json?: boolean
}): Promise<void> {
  const { storeDir } = await readGatewayStoreSettings(options.config)
  const store = openKeyStore({ dir: storeDir })
  try {
    const { key, record } = await store.create({
      name: options.name,
      requestsPerMinute: options.rpm,
      tokensPerMinute: options.tpm,
      budgetBaseUnits: options.budget,
    })
    if (options.json) return console.log(JSON.stringify({ key, ...record }))
    console.log(`created ${record.id} (${record.name})`)
    console.log(`key ${key}`)
    console.log('store it now: it is not shown again')
  } finally {
    await store.close()
  }
}

async function listKeysAction(options: { config: string; json?: boolean }): Promise<void> {
  const { storeDir } = await readGatewayStoreSettings(options.config)
  const store = openKeyStore({ dir: storeDir })
  try {
    const entries = store.list()
    if (options.json) return console.log(JSON.stringify(entries))
    for (const { record, usage } of entries) {
      const state = record.revokedAtMs === undefined ? 'active' : 'revoked'
      const limits = `rpm=${record.requestsPerMinute || '-'} tpm=${record.tokensPerMinute || '-'} budget=${record.budgetBaseUnits ?? '-'}`
      const spent = `requests=${usage.requests} in=${usage.inputTokens} out=${usage.outputTokens} cost=${usage.costBaseUnits.toFixed(1)}`
      console.log(`${record.id}  ${record.prefix}…  ${state.padEnd(7)}  ${record.name}  ${limits}  ${spent}`)
    }
  } finally {
    await store.close()
  }
}

async function revokeKeyAction(id: string, options: { config: string; json?: boolean }): Promise<void> {
  const { storeDir } = await readGatewayStoreSettings(options.config)
  const store = openKeyStore({ dir: storeDir })
  try {
    const record = await store.revoke(id)
    // Revoking twice keeps the first time: `revokedAt` says when the key stopped working.
    const revokedAt = new Date(record.revokedAtMs ?? Date.now()).toISOString()
    if (options.json) return console.log(JSON.stringify({ ...record, revokedAt }))
    console.log(`revoked ${record.id} (${record.name}) at ${revokedAt}`)
  } finally {
    await store.close()
  }
}

function parseCount(value: string): number {
  const parsed = Number(value)
  if (!Number.isSafeInteger(parsed) || parsed < 0)
    throw new InvalidArgumentError('must be a non-negative integer')
  return parsed
}
