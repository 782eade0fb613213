import { type Abi, decodeEventLog, type Log } from 'viem'
import type { DecaiEvent, IndexedContract } from './types.ts'

export type DecodeDecaiLogsReturnType = { events: DecaiEvent[]; skipped: number }

/**
 * Decodes raw logs of the followed contracts into {@link DecaiEvent}s. Logs from other addresses, or whose
 * signature the contract's ABI does not know (e.g. from an upgraded contract), are skipped and counted.
 *
 * @returns the decoded events in the order given, and how many logs were skipped
 * @example
 * const { events } = decodeDecaiLogs(await client.getLogs({ address, fromBlock, toBlock }), contracts)
 */
export function decodeDecaiLogs(
  logs: readonly Log[],
  contracts: readonly IndexedContract[],
): DecodeDecaiLogsReturnType {
  const byAddress = new Map(contracts.map((c) => [c.address.toLowerCase(), c]))
  const events: DecaiEvent[] = []
  let skipped = 0
  for (const log of logs) {
    const contract = byAddress.get(log.address.toLowerCase())
    const decoded = contract && tryDecode(contract.abi as Abi, log)
    if (!contract || !decoded || log.blockNumber === null || log.logIndex === null) {
      skipped++
      continue
    }
    events.push({
      id: `${log.blockNumber}:${log.logIndex}`,
      blockNumber: log.blockNumber,
      blockHash: log.blockHash!,
      logIndex: log.logIndex,
      transactionHash: log.transactionHash!,
      transactionIndex: log.transactionIndex ?? 0,
      contract: contract.name,
      address: contract.address,
      eventName: decoded.eventName,
      args: { ...decoded.args },
    })
  }
  return { events, skipped }
}

function tryDecode(abi: Abi, log: Log): { eventName: string; args: Record<string, unknown> } | undefined {
  try {
    const decoded = decodeEventLog({ abi, data: log.data, topics: log.topics, strict: true })
    if (decoded.eventName === undefined) return undefined
    // Unnamed event parameters decode to an array; name them by position so that args stay an object.
    const args = Array.isArray(decoded.args)
      ? Object.fromEntries(decoded.args.map((v, i) => [String(i), v]))
      : decoded.args
    return { eventName: decoded.eventName, args: (args ?? {}) as Record<string, unknown> }
  } catch {
    return undefined
  }
}
