import {
  type ContractEventName,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ParseEventLogsReturnType,
  parseEventLogs,
} from 'viem'
import { sendContractTransaction } from '../client/sendContractTransaction.ts'
import type { SendTransactionReturnType } from '../client/sendTransaction.ts'
import type { LedgerContractName } from '../deploy/deploymentManifestSchema.ts'
import { ledgerContracts, ledgerErrorsAbi } from '../deploy/ledgerContracts.ts'
import type { Ledger } from './createLedger.ts'
import type { LedgerAbi } from './readLedger.ts'

/**
 * Sends a transaction to a ledger contract by role from the clients' account, typed from its ABI, and
 * waits for it; a revert names the ledger's custom error whichever contract raised it.
 *
 * @returns the hash and receipt
 * @throws {ChainTxRevertedError} and the other errors of `sendTransaction`
 * @example
 * await writeLedger(ledger, 'gateways', 'stake', [amount])
 */
export function writeLedger<
  name extends LedgerContractName,
  functionName extends ContractFunctionName<LedgerAbi<name>, 'nonpayable' | 'payable'>,
  const args extends ContractFunctionArgs<LedgerAbi<name>, 'nonpayable' | 'payable', functionName>,
>(ledger: Ledger, name: name, functionName: functionName, args: args): Promise<SendTransactionReturnType> {
  const { abi, contractName } = ledgerContracts[name]
  return sendContractTransaction(ledger.clients, {
    contract: contractName,
    address: ledger.contracts[name],
    abi,
    functionName,
    args,
    errorAbi: ledgerErrorsAbi,
  } as never)
}

/**
 * Decodes the events a ledger contract emitted in a receipt (only that contract's, by address).
 *
 * @returns the decoded events named `eventName`
 * @example
 * const [created] = parseLedgerEvents(ledger, 'claims', receipt, 'ClaimCreated')
 */
export function parseLedgerEvents<
  name extends LedgerContractName,
  eventName extends ContractEventName<LedgerAbi<name>>,
>(
  ledger: Ledger,
  name: name,
  receipt: SendTransactionReturnType['receipt'],
  eventName: eventName,
): ParseEventLogsReturnType<LedgerAbi<name>, eventName, true> {
  const address = ledger.contracts[name].toLowerCase()
  const logs = receipt.logs.filter((log) => log.address.toLowerCase() === address)
  return parseEventLogs({ abi: ledgerContracts[name].abi as LedgerAbi<name>, logs, eventName }) as never
}
