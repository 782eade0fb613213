import { type Address, concat, encodeAbiParameters, type Hex, toEventSelector } from 'viem'
import type { DecaiClients } from '../client/createDecaiClients.ts'
import { sendTransaction } from '../client/sendTransaction.ts'

/** The ABI of a minimal contract that emits `Ping(sessionId, supplier, amount)` from its calldata. */
export const pingEmitterAbi = [
  {
    type: 'event',
    name: 'Ping',
    inputs: [
      { name: 'sessionId', type: 'bytes32', indexed: true },
      { name: 'supplier', type: 'address', indexed: true },
      { name: 'amount', type: 'uint256', indexed: false },
    ],
  },
] as const

// Runtime: LOG3(mem[0:32] = calldata[64:96], Ping, calldata[0:32], calldata[32:64]); assembled by hand so
// that indexer tests need neither a compiler nor the ledger contracts.
const runtime = concat([
  '0x604035600052602035600035',
  '0x7f',
  toEventSelector('event Ping(bytes32 indexed sessionId, address indexed supplier, uint256 amount)'),
  '0x60206000a300',
])
const initCode = concat(['0x6033600c60003960336000f3', runtime])

/**
 * Deploys the ping emitter (tests only).
 *
 * @returns its address and a function that emits one `Ping` (from `sender`, default the deployer)
 * @example
 * const emitter = await deployPingEmitter(clients)
 * await emitter.ping({ sessionId, supplier, amount: 1n })
 */
export async function deployPingEmitter(clients: DecaiClients) {
  const { receipt } = await sendTransaction(clients, {
    data: initCode,
    revert: { abi: pingEmitterAbi, contract: 'PingEmitter', functionName: 'constructor' },
  })
  const address = receipt.contractAddress as Address
  type PingArgs = { sessionId: Hex; supplier: Address; amount: bigint }
  const ping = ({ sessionId, supplier, amount }: PingArgs, sender: DecaiClients = clients) =>
    sendTransaction(sender, {
      to: address,
      data: encodeAbiParameters(
        [{ type: 'bytes32' }, { type: 'address' }, { type: 'uint256' }],
        [sessionId, supplier, amount],
      ),
      revert: { abi: pingEmitterAbi, contract: 'PingEmitter', functionName: 'ping' },
    })
  return { address, blockNumber: receipt.blockNumber, ping }
}
