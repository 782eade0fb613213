import type { Command } from 'commander'
import { pino } from 'pino'
import { addLedgerOptions, type LedgerOptions, resolveLedgerLocation } from '../context/ledgerOptions.ts'
import { parsePort } from '../context/parsers.ts'
import { runAction } from '../context/runAction.ts'
import { startExplorer } from '../explorer/startExplorer.ts'

export {
  type StartExplorerOptions,
  type StartExplorerReturnType,
  startExplorer,
} from '../explorer/startExplorer.ts'

type ExplorerOptions = LedgerOptions & {
  rpc?: string
  host: string
  port: number
  gatewayUrl?: string
  watcherUrl?: string
  dataDir: string
  logLevel: string
}

/** `decai explorer`: serve the network explorer for a deployment. */
export function registerExplorerCommand(program: Command): void {
  const command = program
    .command('explorer')
    .description('Serve the network explorer (web UI and JSON API) for a deployment, updated live')
  addLedgerOptions(command)
    .option('--rpc <url>', 'same as --rpc-url')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 = any free port)', parsePort, 8088)
    .option('--gateway-url <url>', "a gateway's base URL: QoS scores and relays per second from its /metrics")
    .option('--watcher-url <url>', "a watcher's base URL: verdicts from its reports")
    .option('--data-dir <dir>', 'where the event index is kept', '.data/explorer')
    .option('--log-level <level>', 'pino log level (logs go to stderr)', 'info')
    .action(runAction(explorerAction))
}

async function explorerAction(options: ExplorerOptions): Promise<void> {
  const { rpcUrl, manifestPath } = resolveLedgerLocation({
    ...options,
    rpcUrl: options.rpcUrl ?? options.rpc,
  })
  const logger = pino({ level: options.logLevel, base: { component: 'cli' } }, pino.destination(2))
  const explorer = await startExplorer({
    manifest: manifestPath,
    rpcUrl,
    host: options.host,
    port: options.port,
    gatewayUrl: options.gatewayUrl,
    watcherUrl: options.watcherUrl,
    dataDir: options.dataDir,
    logger,
  })
  console.log(`explorer at ${explorer.url}`)
  const shutdown = () => {
    logger.info('explorer stopping')
    void explorer.stop().finally(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}
