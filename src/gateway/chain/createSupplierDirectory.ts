import type { Address, Hex } from 'viem'
import { ledgerContracts } from '../../chain/deploy/ledgerContracts.ts'
import type { Ledger } from '../../chain/ledger/createLedger.ts'

/** Supplier operators that ever staked for a service, from the ledger's `SupplierServiceAdded` events. */
export type SupplierDirectory = {
  /** Operators (lower case) that added the service in a block ≤ `toBlock`. */
  operatorsFor(serviceKey: Hex, toBlock: bigint): Promise<Address[]>
}

/**
 * Creates the directory. The ledger keeps no enumerable supplier list (no transaction may loop over
 * all suppliers), so candidates come from the service's `SupplierServiceAdded` events, scanned
 * incrementally per service from the deployment block; whether each is active and in a given session
 * is then checked against the ledger (`getSessionSuppliers`).
 *
 * @param ledger - the ledger handle
 * @param options - how many blocks one `eth_getLogs` may span
 * @returns the directory
 * @example
 * const operators = await directory.operatorsFor(computeServiceKey('llama-tiny'), session.header.sessionStartHeight)
 */
export function createSupplierDirectory(
  ledger: Ledger,
  options: { maxBlockSpan?: bigint } = {},
): SupplierDirectory {
  const span = options.maxBlockSpan ?? 10_000n
  const byService = new Map<
    Hex,
    { scannedTo: bigint; operators: Map<Address, bigint>; scanning?: Promise<void> }
  >()
  const scan = async (serviceKey: Hex, toBlock: bigint) => {
    const entry = byService.get(serviceKey)!
    for (let from = entry.scannedTo + 1n; from <= toBlock; from += span) {
      const to = from + span - 1n < toBlock ? from + span - 1n : toBlock
      const logs = await ledger.clients.publicClient.getContractEvents({
        address: ledger.contracts.suppliers,
        abi: ledgerContracts.suppliers.abi,
        eventName: 'SupplierServiceAdded',
        args: { serviceKey },
        fromBlock: from,
        toBlock: to,
      })
      for (const log of logs) {
        const operator = (log.args.operator as Address).toLowerCase() as Address
        if (!entry.operators.has(operator)) entry.operators.set(operator, log.blockNumber ?? to)
      }
      entry.scannedTo = to
    }
  }
  return {
    async operatorsFor(serviceKey, toBlock) {
      let entry = byService.get(serviceKey)
      if (!entry) {
        entry = { scannedTo: ledger.deployBlock - 1n, operators: new Map() }
        byService.set(serviceKey, entry)
      }
      // One scan at a time per service; a caller that needs more waits for it, then scans the rest.
      while (entry.scannedTo < toBlock) {
        entry.scanning ??= scan(serviceKey, toBlock).finally(() => {
          entry!.scanning = undefined
        })
        await entry.scanning
      }
      return [...entry.operators].filter(([, block]) => block <= toBlock).map(([operator]) => operator)
    },
  }
}
