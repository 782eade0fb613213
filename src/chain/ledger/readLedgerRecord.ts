import type {
  Abi,
  AbiFunction,
  AbiParameterToPrimitiveType,
  ContractFunctionArgs,
  ContractFunctionName,
} from 'viem'
import type { LedgerContractName } from '../deploy/deploymentManifestSchema.ts'
import { ledgerContracts } from '../deploy/ledgerContracts.ts'
import type { Ledger } from './createLedger.ts'
import { type LedgerAbi, readLedger } from './readLedger.ts'

type FunctionOutputs<abi extends Abi, functionName extends string> = Extract<
  abi[number],
  { type: 'function'; name: functionName }
>['outputs']

/** A function's named outputs as an object (`{ stake: bigint, activeFrom: bigint, … }`). */
export type NamedOutputs<abi extends Abi, functionName extends string> = {
  [P in FunctionOutputs<abi, functionName>[number] as P['name'] & string]: AbiParameterToPrimitiveType<P>
}

/**
 * Calls a view function with several named outputs (a public struct getter, a multi-value view) and returns
 * them as an object keyed by the Solidity names.
 *
 * Why: viem returns such outputs as a positional tuple, and reading them positionally breaks silently
 * when the contract reorders a struct (two `uint64` fields swap without a type error). Names survive that.
 *
 * @returns the outputs by name, typed from the ABI
 * @example
 * const { stake, pendingClaims } = await readLedgerRecord(ledger, 'applications', 'applications', [application])
 */
export async function readLedgerRecord<
  name extends LedgerContractName,
  functionName extends ContractFunctionName<LedgerAbi<name>, 'pure' | 'view'>,
  const args extends ContractFunctionArgs<LedgerAbi<name>, 'pure' | 'view', functionName>,
>(
  ledger: Ledger,
  name: name,
  functionName: functionName,
  args: args,
): Promise<NamedOutputs<LedgerAbi<name>, functionName>> {
  const values = (await readLedger(ledger, name, functionName, args)) as readonly unknown[]
  const fn = (ledgerContracts[name].abi as Abi).find(
    (item): item is AbiFunction => item.type === 'function' && item.name === functionName,
  )
  const entries = (fn?.outputs ?? []).map((output, i) => [output.name ?? String(i), values[i]])
  return Object.fromEntries(entries) as NamedOutputs<LedgerAbi<name>, functionName>
}
