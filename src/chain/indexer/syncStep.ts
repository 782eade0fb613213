import type { Logger } from 'pino'
import type { DecaiClients } from '../client/createDecaiClients.ts'
import { decodeDecaiLogs } from './decodeDecaiLogs.ts'
import type { EventStore } from './openEventStore.ts'
import type { DecaiEvent, IndexedContract } from './types.ts'

export type SyncStepParameters = {
  clients: DecaiClients
  contracts: readonly IndexedContract[]
  fromBlock: bigint
  store: EventStore
  logger: Logger
  maxBlockRange?: bigint | undefined
  confirmations?: bigint | undefined
  reorgRewindBlocks?: bigint | undefined
  /** Carried between steps: whether the store's deployment identity was checked against the chain. */
  state: { isIdentityChecked: boolean }
  publish: (events: readonly DecaiEvent[], checkpoint: bigint) => void
}

/**
 * Indexes one block range: fetches the followed contracts' logs from the block after the checkpoint
 * (at most `maxBlockRange` blocks, up to head − confirmations), decodes them, and commits them with the new
 * checkpoint. All reads of a step go out as one JSON-RPC batch.
 *
 * @returns `true` when more blocks are waiting (call again at once), `false` when caught up
 * @example
 * while (await syncStep(parameters)) {}
 */
export async function syncStep(parameters: SyncStepParameters): Promise<boolean> {
  const { clients, store, logger, maxBlockRange = 2_000n, confirmations = 0n } = parameters
  if (!parameters.state.isIdentityChecked) await checkIdentity(parameters)
  const checkpoint = store.getCheckpoint()
  const head = (await clients.publicClient.getBlockNumber()) - confirmations
  if (checkpoint && checkpoint.blockNumber > head + confirmations) {
    // The chain is shorter than what was indexed: it was reset or reorganised.
    await rewind(parameters, checkpoint.blockNumber, head)
    return true
  }
  const from = checkpoint ? checkpoint.blockNumber + 1n : parameters.fromBlock
  if (from > head) return false
  const to = head < from + maxBlockRange - 1n ? head : from + maxBlockRange - 1n
  const [logs, toBlock, checkpointBlock] = await Promise.all([
    clients.publicClient.getLogs({
      address: parameters.contracts.map((c) => c.address),
      fromBlock: from,
      toBlock: to,
    }),
    clients.publicClient.getBlock({ blockNumber: to }),
    checkpoint?.blockHash
      ? clients.publicClient.getBlock({ blockNumber: checkpoint.blockNumber })
      : undefined,
  ])
  if (checkpoint && checkpointBlock && checkpointBlock.hash !== checkpoint.blockHash) {
    await rewind(parameters, checkpoint.blockNumber, head)
    return true
  }
  const { events, skipped } = decodeDecaiLogs(logs, parameters.contracts)
  await store.commit(events, { blockNumber: to, blockHash: toBlock.hash })
  if (events.length > 0 || skipped > 0) logger.debug({ from, to, events: events.length, skipped }, 'indexed')
  parameters.publish(events, to)
  return to < head
}

async function rewind(parameters: SyncStepParameters, checkpointBlock: bigint, head: bigint) {
  const depth = parameters.reorgRewindBlocks ?? 64n
  const target = min(checkpointBlock - depth, head)
  const blockNumber = target < parameters.fromBlock - 1n ? parameters.fromBlock - 1n : target
  parameters.logger.warn(
    { from: checkpointBlock, to: blockNumber },
    'chain reorganised under the indexer; re-indexing',
  )
  // The rewound checkpoint has no known hash; identity is re-checked in case the whole chain was replaced.
  await parameters.store.rewind({ blockNumber, blockHash: undefined })
  parameters.state.isIdentityChecked = false
}

const min = (a: bigint, b: bigint) => (a < b ? a : b)

/**
 * The deployment identity: chain id, the deployment block's hash and the followed addresses. A chain that
 * was reset and redeployed at the same addresses (anvil without state) differs in the block hash.
 */
async function checkIdentity(parameters: SyncStepParameters) {
  const { clients, store, fromBlock, contracts, logger } = parameters
  const [chainId, block] = await Promise.all([
    clients.getChainId(),
    clients.publicClient.getBlock({ blockNumber: fromBlock }),
  ])
  const addresses = contracts.map((c) => `${c.name}=${c.address.toLowerCase()}`).sort()
  const identity = [chainId, fromBlock, block.hash, ...addresses].join('|')
  const stored = store.getIdentity()
  if (stored !== identity) {
    if (stored !== undefined) logger.warn('indexer store belongs to another deployment; rebuilding it')
    await store.reset(identity)
  }
  parameters.state.isIdentityChecked = true
}
