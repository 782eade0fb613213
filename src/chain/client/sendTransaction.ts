import type { Abi, Address, Hex, LocalAccount, TransactionReceipt } from 'viem'
import { getContractError, keccak256 } from 'viem'
import { ChainNoAccountError, ChainTxRevertedError } from '../errors/transaction.ts'
import type { DecaiClients } from './createDecaiClients.ts'
import { estimateFees } from './estimateFees.ts'
import { toChainError } from './toChainError.ts'
import { waitForReceipt } from './waitForReceipt.ts'

export type SendTransactionParameters = {
  /** Omit to create a contract (`data` is then its init code). */
  to?: Address | undefined
  data: Hex
  value?: bigint | undefined
  /** Skips estimation. */
  gas?: bigint | undefined
  /** What the transaction calls, to decode and name its revert. */
  revert: {
    abi: Abi
    contract: string
    functionName: string
    args?: readonly unknown[]
    errorAbi?: Abi | undefined
  }
}

export type SendTransactionReturnType = {
  transactionHash: Hex
  receipt: TransactionReceipt
}

export type SendTransactionErrorType = ChainTxRevertedError | ChainNoAccountError

/**
 * Sends a transaction signed by the clients' account and waits until it is mined successfully.
 *
 * Estimation, fees and chain id go out in one JSON-RPC batch; only signing and sending hold the account's
 * nonce lock, so concurrent writes from one key proceed in parallel otherwise. A revert — caught at
 * estimation, or after mining by replaying the call — becomes a {@link ChainTxRevertedError} that names
 * the contract's custom error.
 *
 * @returns the transaction hash and its (successful) receipt
 * @throws {ChainTxRevertedError}, {@link ChainNoAccountError}, or an RPC error from `toChainError`
 * @example
 * await sendTransaction(clients, { to, data, revert: { abi: StakingAbi, contract: 'Staking', functionName: 'stake' } })
 */
export async function sendTransaction(
  clients: DecaiClients,
  parameters: SendTransactionParameters,
): Promise<SendTransactionReturnType> {
  const account = clients.account
  if (!account) throw new ChainNoAccountError({ operation: parameters.revert.functionName })
  const context = revertContext(clients, parameters)
  try {
    const [gas, fees, chainId] = await Promise.all([
      parameters.gas ?? estimateGasWithMargin(clients, account, parameters),
      estimateFees(clients),
      clients.getChainId(),
    ])
    const transactionHash = await clients.nonceManager.withNonce(account.address, async (nonce) => {
      const serializedTransaction = await account.signTransaction({
        chainId,
        nonce,
        gas,
        ...fees,
        ...call(parameters),
      })
      return sendRaw(clients, serializedTransaction)
    })
    clients.logger.debug({ transactionHash, ...describe(parameters) }, 'transaction sent')
    const receipt = await waitForReceipt(clients, { transactionHash })
    if (receipt.status === 'reverted') throw await explainRevert(clients, account, parameters, receipt)
    return { transactionHash, receipt }
  } catch (error) {
    throw toChainError(error, context)
  }
}

const call = ({ to, data, value }: SendTransactionParameters) => ({ to: to ?? null, data, value })
const describe = ({ to, revert }: SendTransactionParameters) => ({
  to,
  contract: revert.contract,
  fn: revert.functionName,
})

function revertContext(clients: DecaiClients, { to, revert }: SendTransactionParameters) {
  return { rpcUrl: clients.rpcUrl, kind: 'transaction' as const, address: to, ...revert }
}

async function estimateGasWithMargin(
  clients: DecaiClients,
  account: LocalAccount,
  p: SendTransactionParameters,
) {
  try {
    const gas = await clients.publicClient.estimateGas({
      account: account.address,
      to: p.to,
      data: p.data,
      value: p.value,
    })
    // 20% headroom: state can change between estimation and inclusion (another claim, a new block).
    return (gas * 12n) / 10n
  } catch (error) {
    throw asContractError(error, account, p)
  }
}

function asContractError(error: unknown, account: LocalAccount, { to, revert }: SendTransactionParameters) {
  const { abi, functionName, args } = revert
  return getContractError(error as Error & { name: string }, {
    abi,
    address: to,
    args,
    functionName,
    sender: account.address,
  })
}

async function sendRaw(clients: DecaiClients, serializedTransaction: Hex): Promise<Hex> {
  const transactionHash = keccak256(serializedTransaction)
  try {
    return await clients.publicClient.sendRawTransaction({ serializedTransaction })
  } catch (error) {
    // A retried send whose first attempt reached the node is refused as a duplicate: it is in fact sent.
    const known = await clients.publicClient.getTransaction({ hash: transactionHash }).catch(() => undefined)
    if (known) return transactionHash
    throw error
  }
}

async function explainRevert(
  clients: DecaiClients,
  account: LocalAccount,
  parameters: SendTransactionParameters,
  receipt: TransactionReceipt,
): Promise<unknown> {
  const { transactionHash, blockNumber } = receipt
  const { contract, functionName } = parameters.revert
  try {
    // Replaying on the state after the block reproduces reverts caused by an earlier transaction in it.
    await clients.publicClient.call({ account: account.address, ...call(parameters), blockNumber })
  } catch (error) {
    const explained = toChainError(asContractError(error, account, parameters), {
      ...revertContext(clients, parameters),
      transactionHash,
    })
    if (explained instanceof ChainTxRevertedError) return explained
  }
  return new ChainTxRevertedError({
    contract,
    functionName,
    errorName: undefined,
    errorArgs: [],
    data: undefined,
    transactionHash,
  })
}
