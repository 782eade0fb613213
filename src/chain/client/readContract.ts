import type {
  Abi,
  ContractFunctionArgs,
  ContractFunctionName,
  ReadContractParameters,
  ReadContractReturnType,
} from 'viem'
import type { DecaiClients } from './createDecaiClients.ts'
import { toChainError } from './toChainError.ts'

/** viem's read parameters plus the contract's name, used in error messages. */
export type ReadDecaiContractParameters<
  abi extends Abi,
  functionName extends ContractFunctionName<abi, 'pure' | 'view'>,
  args extends ContractFunctionArgs<abi, 'pure' | 'view', functionName>,
> = ReadContractParameters<abi, functionName, args> & { contract: string; errorAbi?: Abi | undefined }

/**
 * Calls a view function and returns its typed result; reverts and RPC failures become typed chain errors.
 * Calls issued together (`Promise.all`) share one JSON-RPC batch request.
 *
 * @returns the decoded return value, typed from the ABI
 * @throws {ChainCallRevertedError} naming the custom error, {@link ChainNotDeployedError} when the address has
 *   no code, {@link ChainRpcUnavailableError} or {@link ChainRpcError}
 * @example
 * const params = await readContract(clients, { contract: 'DecaiParams', address, abi: decaiParamsAbi, functionName: 'getParams' })
 */
export async function readContract<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, 'pure' | 'view'>,
  const args extends ContractFunctionArgs<abi, 'pure' | 'view', functionName>,
>(
  clients: DecaiClients,
  parameters: ReadDecaiContractParameters<abi, functionName, args>,
): Promise<ReadContractReturnType<abi, functionName, args>> {
  const { contract, errorAbi, ...call } = parameters
  try {
    return (await clients.publicClient.readContract(
      call as ReadContractParameters,
    )) as ReadContractReturnType<abi, functionName, args>
  } catch (error) {
    throw toChainError(error, {
      rpcUrl: clients.rpcUrl,
      kind: 'call',
      contract,
      address: call.address,
      functionName: call.functionName,
      errorAbi,
    })
  }
}
