import type { DevnetKeys } from '../devnet/devnetKeys.ts'
import { readDevnetKeys } from '../devnet/devnetKeys.ts'
import { getDevnetPaths } from '../devnet/devnetPaths.ts'
import { devnetPlan } from '../devnet/devnetPlan.ts'

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
