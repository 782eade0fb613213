import { existsSync, readFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { Logger } from 'pino'
import { createDecaiClients, createLedger, type Ledger, readDeploymentManifest } from '../../chain/index.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { defaultDevnetDir, getDevnetPaths } from '../devnet/devnetPaths.ts'
import { CliDevnetNotFoundError } from './cliErrors.ts'
import { createCliLogger } from './createCliLogger.ts'

/** Options every command that reads the ledger takes. */
export type LedgerOptions = {
  rpcUrl?: string
  manifest?: string
  devnetDir: string
  verbose?: boolean
}

/**
 * Adds `--rpc-url`, `--manifest` and `--devnet-dir` to a command. Without the first two, the command talks
 * to the local devnet found in `--devnet-dir` (its status file gives the RPC URL, its manifest the contracts).
 *
 * @param command - the command
 * @returns the same command, for chaining
 * @example
 * addLedgerOptions(program.command('status')).action(…)
 */
export function addLedgerOptions(command: Command): Command {
  return command
    .option('--rpc-url <url>', 'JSON-RPC URL of the chain (default: the local devnet)')
    .option('--manifest <file>', 'deployment manifest (default: the local devnet)')
    .option('--devnet-dir <dir>', 'local devnet data directory used for defaults', defaultDevnetDir)
    .option('--verbose', 'log chain requests and retries on stderr')
}

/**
 * Resolves where the ledger is: the RPC URL and the manifest path, from the options or the local devnet.
 *
 * @returns the RPC URL and manifest path
 * @throws {CliDevnetNotFoundError} when an option is missing and there is no devnet to default to
 * @example
 * const { rpcUrl, manifestPath } = resolveLedgerLocation(options)
 */
export function resolveLedgerLocation(options: LedgerOptions): { rpcUrl: string; manifestPath: string } {
  const paths = getDevnetPaths(options.devnetDir)
  const manifestPath = options.manifest ?? paths.manifest
  if (!options.manifest && !existsSync(manifestPath))
    throw new CliDevnetNotFoundError({ dir: paths.root, missing: 'deployment manifest' })
  return { rpcUrl: options.rpcUrl ?? readDevnetRpcUrl(paths.status, paths.root), manifestPath }
}

/**
 * Opens the ledger for a command: clients (with an account when `privateKey` is given) bound to the
 * deployment.
 *
 * @param options - the ledger options
 * @param privateKey - the signer, for commands that write
 * @returns the ledger handle
 * @example
 * const ledger = await openLedger(options)
 */
export async function openLedger(options: LedgerOptions, privateKey?: Hex): Promise<Ledger> {
  const { rpcUrl, manifestPath } = resolveLedgerLocation(options)
  const manifest = await readDeploymentManifest(manifestPath)
  const logger: Logger = createCliLogger(options.verbose ? 'debug' : 'silent')
  const clients = createDecaiClients({ rpcUrl, account: privateKey, logger })
  return createLedger({ clients, manifest })
}

function readDevnetRpcUrl(statusFile: string, root: string): string {
  if (!existsSync(statusFile))
    throw new CliDevnetNotFoundError({ dir: root, missing: 'status (is it running?)' })
  const status = JSON.parse(readFileSync(statusFile, 'utf8')) as { chain?: { rpcUrl?: string } }
  if (!status.chain?.rpcUrl)
    throw new CliDevnetNotFoundError({ dir: root, missing: 'RPC URL in status.json' })
  return status.chain.rpcUrl
}
