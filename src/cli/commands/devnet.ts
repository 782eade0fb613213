import { mkdirSync } from 'node:fs'
import type { Command } from 'commander'
import { type Logger, pino } from 'pino'
import { z } from 'zod'
import { CliInvalidArgumentError } from '../context/cliErrors.ts'
import { parseNonNegativeInteger, parsePort } from '../context/parsers.ts'
import { runAction } from '../context/runAction.ts'
import { createProgress } from '../devnet/createProgress.ts'
import { type DevnetOptions, devnetOptionsSchema } from '../devnet/devnetOptions.ts'
import { defaultDevnetDir, getDevnetPaths } from '../devnet/devnetPaths.ts'
import { printDevnetBanner } from '../devnet/printDevnetBanner.ts'
import { startDevnet } from '../devnet/startDevnet.ts'

type DevnetCliOptions = {
  dataDir: string
  rpcPort: number
  gatewayPort: number
  relayminerPorts: number[]
  watcherPort: number
  explorerPort: number
  watcher: boolean
  explorer: boolean
  suppliers: number
  modelSize: string
  params: string
  blockTime: number
  reset?: boolean
  json?: boolean
}

/** `decai devnet`: the whole network on this machine, what `npm start` runs. */
export function registerDevnetCommands(program: Command): void {
  program
    .command('devnet')
    .description(
      'Run a whole decai network locally: chain, ledger, demo model, champion, application, gateway and suppliers',
    )
    .option('--data-dir <dir>', 'where the chain state, keys, model and stores live', defaultDevnetDir)
    .option('--rpc-port <port>', 'chain JSON-RPC port (0 = any free port)', parsePort, 8545)
    .option('--gateway-port <port>', 'gateway (OpenAI API) port (0 = any free port)', parsePort, 8080)
    .option(
      '--relayminer-ports <ports>',
      'comma-separated relayminer ports, one per supplier',
      parsePortList,
      [8081, 8082, 8083],
    )
    .option('--watcher-port <port>', 'watcher reports port (0 = any free port)', parsePort, 8090)
    .option('--explorer-port <port>', 'web explorer port (0 = any free port)', parsePort, 8088)
    .option('--no-watcher', 'do not run the watcher')
    .option('--no-explorer', 'do not run the explorer')
    .option('--suppliers <n>', 'number of suppliers (1 to 8)', parseNonNegativeInteger, 3)
    .option('--model-size <size>', 'demo model size: tiny (~0.5 M parameters) or small (~5 M)', 'tiny')
    .option(
      '--params <preset|file>',
      'ledger parameters for the first deployment (preset or JSON overrides)',
      'devnet',
    )
    .option('--block-time <seconds>', 'seconds between blocks', parseNonNegativeInteger, 1)
    .option('--reset', 'delete the data directory first and start a fresh network')
    .option('--json', 'print the status as one JSON line once ready (progress stays on stderr)')
    .addHelpText(
      'after',
      '\nCtrl-C stops everything cleanly; running it again with the same --data-dir resumes the same network.\nSee docs/devnet.md.',
    )
    .action(runAction(devnetAction))
}

async function devnetAction(cliOptions: DevnetCliOptions): Promise<void> {
  const options = parseOptions(cliOptions)
  const paths = getDevnetPaths(options.dataDir)
  mkdirSync(paths.logs, { recursive: true })
  const logger = pino(
    { level: 'info', base: { component: 'devnet' } },
    pino.destination({ dest: paths.logOf('devnet'), mkdir: true }),
  )
  const progress = createProgress()
  const devnet = await startDevnet({ options, logger, progress })
  if (options.isJson) process.stdout.write(`${JSON.stringify(devnet.status)}\n`)
  else printDevnetBanner(devnet.status)
  logger.info(
    { status: { ...devnet.status, gateway: { ...devnet.status.gateway, apiKey: undefined } } },
    'devnet ready',
  )
  await waitForStopSignal(logger)
  process.stderr.write('stopping the devnet (gateway, relayminers, then the chain)…\n')
  await devnet.stop()
  process.stderr.write('stopped; run it again to resume the same network.\n')
}

function parseOptions(cli: DevnetCliOptions): DevnetOptions {
  const parsed = devnetOptionsSchema.safeParse({
    dataDir: cli.dataDir,
    rpcPort: cli.rpcPort,
    gatewayPort: cli.gatewayPort,
    relayminerPorts: cli.relayminerPorts,
    watcherPort: cli.watcherPort,
    explorerPort: cli.explorerPort,
    shouldRunWatcher: cli.watcher,
    shouldRunExplorer: cli.explorer,
    suppliers: cli.suppliers,
    modelSize: cli.modelSize,
    params: cli.params,
    blockTimeSec: cli.blockTime,
    shouldReset: cli.reset === true,
    isJson: cli.json === true,
  })
  if (!parsed.success)
    throw new CliInvalidArgumentError({ option: 'devnet options', reason: z.prettifyError(parsed.error) })
  return parsed.data
}

// The first Ctrl-C stops in order; a second one exits at once (roles then stop themselves, see spawnRole).
function waitForStopSignal(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'stopping')
      process.once('SIGINT', () => process.exit(130))
      resolve()
    }
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
  })
}

function parsePortList(value: string): number[] {
  return value.split(',').map((part) => parsePort(part.trim()))
}
