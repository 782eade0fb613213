import type { ContractFunctionArgs, ContractFunctionName, ReadContractReturnType } from 'viem'
import { readContract } from '../client/readContract.ts'
import type { LedgerContractName } from '../deploy/deploymentManifestSchema.ts'
import { ledgerContracts, ledgerErrorsAbi } from '../deploy/ledgerContracts.ts'
import type { Ledger } from './createLedger.ts'

/** The ABI of a ledger contract by role. */
export type LedgerAbi<name extends LedgerContractName> = (typeof ledgerContracts)[name]['abi']

/**
 * Calls a view function of a ledger contract by role, typed from its ABI, decoding reverts with every
 * ledger error. Calls issued together share one JSON-RPC batch.
 *
 * @returns the typed return value
 * @throws {ChainCallRevertedError} and the other errors of `readContract`
 * @example
 * const session = await readLedger(ledger, 'sessions', 'currentSession', [])
 */
export function readLedger<
  name extends LedgerContractName,
  functionName extends ContractFunctionName<LedgerAbi<name>, 'pure' | 'view'>,
  const args extends ContractFunctionArgs<LedgerAbi<name>, 'pure' | 'view', functionName>,
>(
  ledger: Ledger,
  name: name,
  functionName: functionName,
  args: args,
  options: { blockNumber?: bigint | undefined } = {},
): Promise<ReadContractReturnType<LedgerAbi<name>, functionName, args>> {
  const { abi, contractName } = ledgerContracts[name]
  return readContract(ledger.clients, {
    contract: contractName,
    address: ledger.contracts[name],
    abi,
    functionName,
    args,
    errorAbi: ledgerErrorsAbi,
    blockNumber: options.blockNumber,
  } as never) as Promise<ReadContractReturnType<LedgerAbi<name>, functionName, args>>
}
