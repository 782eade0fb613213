import type { DevnetKeys } from '../devnet/devnetKeys.ts'
import { readDevnetKeys } from '../devnet/devnetKeys.ts'
import { getDevnetPaths } from '../devnet/devnetPaths.ts'
import { devnetPlan } from '../devnet/devnetPlan.ts'
import { CliDevnetNotFoundError } from './cliErrors.ts'

/**
 * The local devnet's keys, when there is one: queries default to its application, service and roles.
 *
 * @param devnetDir - the devnet data directory
 * @returns the keys and the devnet's service id, or `undefined`
 * @example
 * const devnet = await readDevnetDefaults(options.devnetDir)
 */
export async function readDevnetDefaults(
  devnetDir: string,
): Promise<{ keys: DevnetKeys; serviceId: string } | undefined> {
  const keys = await readDevnetKeys(getDevnetPaths(devnetDir).keys).catch(() => undefined)
  return keys && { keys, serviceId: devnetPlan.serviceId }
}

/**
 * The error of a command that defaults to the local devnet when there is none: start one, or pass what the
 * command needs on another chain.
 *
 * @param devnetDir - the devnet data directory
 * @param needs - the options that replace the devnet's defaults, e.g. `--application and --service`
 * @returns the error to throw
 * @example
 * if (!serviceId) throw noDevnetToDefaultTo(options.devnetDir, '--service')
 */
export function noDevnetToDefaultTo(devnetDir: string, needs: string): CliDevnetNotFoundError {
  return new CliDevnetNotFoundError({
    dir: getDevnetPaths(devnetDir).root,
    missing: 'keys (keys.json)',
    needs,
  })
}
