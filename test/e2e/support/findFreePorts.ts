import { findFreePort } from '../../../src/chain/localChain/findFreePort.ts'
import type { DevnetPorts } from './startDevnetProcess.ts'

/**
 * Picks distinct free loopback ports for a devnet: chain, gateway, watcher, explorer and one per relayminer.
 *
 * @example
 * const ports = await findDevnetPorts(3)
 */
export async function findDevnetPorts(relayMiners: number): Promise<DevnetPorts> {
  const ports = new Set<number>()
  while (ports.size < relayMiners + 4) ports.add(await findFreePort('127.0.0.1'))
  const [rpc, gateway, watcher, explorer, ...rest] = [...ports]
  return { rpc: rpc!, gateway: gateway!, watcher: watcher!, explorer: explorer!, relayMiners: rest }
}
