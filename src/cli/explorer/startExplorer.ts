import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { type Logger, pino } from 'pino'
import { createDecaiClients, type DecaiClients } from '../../chain/client/createDecaiClients.ts'
import type { DeploymentManifest } from '../../chain/deploy/deploymentManifestSchema.ts'
import { listLedgerContracts } from '../../chain/deploy/listLedgerContracts.ts'
import { readDeploymentManifest } from '../../chain/deploy/readDeploymentManifest.ts'
import { createEventIndexer, type EventIndexer } from '../../chain/indexer/createEventIndexer.ts'
import { createLedger } from '../../chain/ledger/createLedger.ts'
import { createExplorerServer, type ExplorerServer } from '../../explorer/index.ts'
import { type SignedWatcherReport, verifyWatcherReport as verifySignedReport } from '../../watcher/index.ts'
import { CliPortInUseError } from '../context/cliErrors.ts'
import { createChainExplorerDataSource } from './createChainExplorerDataSource.ts'

export type StartExplorerOptions = {
  /** The deployment manifest, or the path of its JSON file. */
  manifest: DeploymentManifest | string
  rpcUrl: string
  /** Default 127.0.0.1. */
  host?: string | undefined
  /** Default 8088; 0 picks a free port. */
  port?: number | undefined
  gatewayUrl?: string | undefined
  watcherUrl?: string | undefined
  /** Where the event index is kept (lmdb). Default `.data/explorer`. */
  dataDir?: string | undefined
  logger?: Logger | undefined
  /** Chain polling period of the indexer. Default: the clients' (100 ms on a dev chain). */
  pollingIntervalMs?: number | undefined
  /** Blocks per `eth_getLogs` request (public RPCs cap ranges). Default: the indexer's, 2 000. */
  maxBlockRange?: bigint | undefined
  /** Blocks the indexer stays behind the head, so that it shows no event a reorg can drop. Default 0. */
  confirmations?: bigint | undefined
  /** Upstream polling periods (defaults 5 s and 10 s). */
  gatewayIntervalMs?: number | undefined
  watcherIntervalMs?: number | undefined
}

export type StartExplorerReturnType = {
  /** `http://host:port/` */
  url: string
  port: number
  server: ExplorerServer
  indexer: EventIndexer
  /** Stops serving and stops the indexer. */
  stop(): Promise<void>
}

/**
 * Starts the network explorer against any deployment: follows the ledger's events into an lmdb index,
 * serves the JSON API, live updates and the browser app. What `decai explorer` runs (the devnet runs that
 * command as a child process).
 *
 * @param options - manifest, RPC URL, port, optional gateway and watcher URLs
 * @returns where it listens and how to stop it
 * @example
 * const explorer = await startExplorer({ manifest: '.data/devnet/deployment.json', rpcUrl, port: 0 })
 * console.log(explorer.url)
 */
export async function startExplorer(options: StartExplorerOptions): Promise<StartExplorerReturnType> {
  const logger = options.logger ?? pino({ level: 'silent' })
  const manifest =
    typeof options.manifest === 'string' ? await readDeploymentManifest(options.manifest) : options.manifest
  const clients = createDecaiClients({ rpcUrl: options.rpcUrl, logger })
  const ledger = createLedger({ clients, manifest })
  const indexer = openIndexer(options, clients, manifest, logger)
  let server: ExplorerServer | undefined
  try {
    await indexer.sync()
    indexer.start()
    const data = await createChainExplorerDataSource({ ledger, manifest, indexer })
    server = createExplorerServer({
      data,
      logger,
      gatewayUrl: options.gatewayUrl,
      watcherUrl: options.watcherUrl,
      verifyWatcherReport,
      gatewayIntervalMs: options.gatewayIntervalMs,
      watcherIntervalMs: options.watcherIntervalMs,
    })
    const host = options.host ?? '127.0.0.1'
    const http = await listen(server, host, options.port ?? 8088)
    const running = server
    const port = (http.address() as AddressInfo).port
    logger.info({ host, port, chainId: manifest.chainId }, 'explorer listening')
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
      port,
      server: running,
      indexer,
      async stop() {
        running.close()
        const closed = new Promise<void>((resolve) => http.close(() => resolve()))
        // Streams end and idle sockets close; a connection still open after a grace period (a browser's
        // keep-alive socket that became idle after close()) is cut, so that stopping never hangs.
        const force = setTimeout(() => 'closeAllConnections' in http && http.closeAllConnections(), 2_000)
        await closed
        clearTimeout(force)
        await indexer.stop()
      },
    }
  } catch (error) {
    server?.close()
    await indexer.stop()
    throw error
  }
}

// The watcher module owns its report format and signature scheme; the explorer only asks yes or no.
function verifyWatcherReport(entry: unknown): boolean {
  try {
    verifySignedReport(entry as SignedWatcherReport)
    return true
  } catch {
    return false
  }
}

// One store per deployment (chain id and params contract), so two deployments never share an index.
function openIndexer(
  options: StartExplorerOptions,
  clients: DecaiClients,
  manifest: DeploymentManifest,
  logger: Logger,
): EventIndexer {
  const store = `${manifest.chainId}-${manifest.contracts.params.toLowerCase()}`
  return createEventIndexer({
    clients,
    contracts: listLedgerContracts(manifest),
    fromBlock: manifest.deployBlock,
    path: join(options.dataDir ?? '.data/explorer', store),
    logger,
    pollingIntervalMs: options.pollingIntervalMs,
    maxBlockRange: options.maxBlockRange,
    confirmations: options.confirmations,
  })
}

function listen(server: ExplorerServer, hostname: string, port: number): Promise<ReturnType<typeof serve>> {
  return new Promise((resolve, reject) => {
    const http = serve({ fetch: server.app.fetch, hostname, port }, () => resolve(http))
    http.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new CliPortInUseError({ port, role: 'explorer', option: '--port' })
          : error,
      ),
    )
  })
}
