export type BuildAnvilArgsParameters = {
  host: string
  port: number
  chainId?: number | undefined
  /** Seconds between blocks; omit for automine (a block per transaction). Fractions are allowed. */
  blockTimeSec?: number | undefined
  /** Loads this file at start when it exists and dumps the chain into it on exit. */
  stateFile?: string | undefined
  /** Also dumps the state every this many seconds, so a hard kill loses at most that much. */
  stateIntervalSec?: number | undefined
  /** Passed through last, for anvil options this runner does not model. */
  extraArgs?: readonly string[] | undefined
}

/**
 * Builds anvil's command line from typed options (pure; the runner spawns it).
 *
 * @param parameters host, port, chain id, block time, state file and interval
 * @returns the argument vector, without the executable
 * @example
 * buildAnvilArgs({ host: '127.0.0.1', port: 8545, blockTimeSec: 1 })
 * // ['--host', '127.0.0.1', '--port', '8545', '--silent', '--block-time', '1']
 */
export function buildAnvilArgs(parameters: BuildAnvilArgsParameters): string[] {
  const { host, port, chainId, blockTimeSec, stateFile, stateIntervalSec, extraArgs = [] } = parameters
  // --silent: anvil otherwise prints every RPC method name, which costs CPU and says nothing useful.
  const args = ['--host', host, '--port', String(port), '--silent']
  if (chainId !== undefined) args.push('--chain-id', String(chainId))
  if (blockTimeSec !== undefined) args.push('--block-time', String(blockTimeSec))
  if (stateFile !== undefined) {
    args.push('--state', stateFile)
    if (stateIntervalSec !== undefined) args.push('--state-interval', String(stateIntervalSec))
  }
  return [...args, ...extraArgs]
}
