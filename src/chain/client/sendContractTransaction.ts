import {
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type EncodeFunctionDataParameters,
  encodeFunctionData,
} from 'viem'
import type { DecaiClients } from './createDecaiClients.ts'
import { type SendTransactionReturnType, sendTransaction } from './sendTransaction.ts'

export type SendContractTransactionParameters<
  abi extends Abi,
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
  args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
> = {
  contract: string
  address: Address
  abi: abi
  functionName: functionName
  args: args
  value?: bigint | undefined
  gas?: bigint | undefined
  errorAbi?: Abi | undefined
}

/**
 * Calls a state-changing contract function from the clients' account and waits for it to be mined.
 * Argument types come from the ABI, so a wrong argument is a compile error.
 *
 * @returns the transaction hash and receipt
 * @throws {ChainTxRevertedError} naming the contract's custom error, {@link ChainNoAccountError}, RPC errors
 * @example
 * await sendContractTransaction(clients, { contract: 'Token', address, abi: tokenAbi, functionName: 'approve', args: [spender, amount] })
 */
export function sendContractTransaction<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
  const args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
>(
  clients: DecaiClients,
  parameters: SendContractTransactionParameters<abi, functionName, args>,
): Promise<SendTransactionReturnType> {
  const { contract, address, abi, functionName, args, value, gas, errorAbi } = parameters
  const data = encodeFunctionData({ abi, functionName, args } as EncodeFunctionDataParameters)
  return sendTransaction(clients, {
    to: address,
    data,
    value,
    gas,
    revert: { abi, contract, functionName, args: args as readonly unknown[], errorAbi },
  })
}
