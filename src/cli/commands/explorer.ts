import { type Command, InvalidArgumentError, Option } from 'commander'
import { pino } from 'pino'
import { addLedgerOptions, type LedgerOptions, resolveLedgerLocation } from '../context/ledgerOptions.ts'
import { parseBigint, parsePort } from '../context/parsers.ts'
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
  maxBlockRange: bigint
  confirmations: bigint
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
    .addOption(
      new Option(
        '--max-block-range <blocks>',
        'blocks per eth_getLogs request while indexing; lower it for an RPC that caps log ranges',
      )
        .argParser(parseBlockRange)
        .default(2_000n, '2000'),
    )
    .addOption(
      new Option(
        '--confirmations <blocks>',
        'stay this many blocks behind the head, so no event a reorg can drop is shown (0 on a dev chain)',
      )
        .argParser(parseBigint)
        .default(0n, '0'),
    )
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
    maxBlockRange: options.maxBlockRange,
    confirmations: options.confirmations,
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

// An eth_getLogs request covers at least one block; 100 000 is beyond what any public RPC accepts.
function parseBlockRange(value: string): bigint {
  const blocks = parseBigint(value)
  if (blocks < 1n || blocks > 100_000n)
    throw new InvalidArgumentError('expected a number of blocks, 1 to 100000')
  return blocks
}
