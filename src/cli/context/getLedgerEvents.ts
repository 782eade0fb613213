import type { ContractEventName, GetContractEventsReturnType } from 'viem'
import { type Ledger, type LedgerContractName, ledgerContracts } from '../../chain/index.ts'

type LedgerAbi<name extends LedgerContractName> = (typeof ledgerContracts)[name]['abi']

/**
 * Reads one kind of ledger event from the deployment block (or `fromBlock`) to the head, typed from the
 * contract's ABI. Queries are one `eth_getLogs` each: fine for a devnet or a short range; a long-lived
 * chain should use the event indexer (`createEventIndexer`) instead.
 *
 * @param ledger - the ledger handle
 * @param contract - the contract by role
 * @param eventName - the event
 * @param options - first block and indexed-argument filters
 * @returns the decoded logs, oldest first
 * @example
 * const settled = await getLedgerEvents(ledger, 'settlement', 'ClaimSettled')
 */
export async function getLedgerEvents<
  name extends LedgerContractName,
  eventName extends ContractEventName<LedgerAbi<name>>,
>(
  ledger: Ledger,
  contract: name,
  eventName: eventName,
  options: { fromBlock?: bigint | undefined; args?: Record<string, unknown> | undefined } = {},
): Promise<GetContractEventsReturnType<LedgerAbi<name>, eventName, true>> {
  return ledger.clients.publicClient.getContractEvents({
    address: ledger.contracts[contract],
    abi: ledgerContracts[contract].abi,
    eventName,
    args: options.args,
    fromBlock: options.fromBlock ?? ledger.deployBlock,
    toBlock: 'latest',
    strict: true,
  } as never) as never
}
