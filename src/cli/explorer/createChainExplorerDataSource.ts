import { decodeFunctionData, type Hex } from 'viem'
import { type GetParamsReturnType, getParams } from '../../chain/actions/getParams.ts'
import { getSession } from '../../chain/actions/getSession.ts'
import { getSessionSuppliers } from '../../chain/actions/getSessionSuppliers.ts'
import type { DeploymentManifest } from '../../chain/deploy/deploymentManifestSchema.ts'
import { ledgerContracts } from '../../chain/deploy/ledgerContracts.ts'
import type { EventIndexer } from '../../chain/indexer/createEventIndexer.ts'
import type { Ledger } from '../../chain/ledger/createLedger.ts'
import type { ExplorerDataSource, ExplorerNetwork, ExplorerSessionMembers } from '../../explorer/ports.ts'
import type { SessionParams } from '../../protocol/session/SessionParams.ts'

export type CreateChainExplorerDataSourceParameters = {
  ledger: Ledger
  manifest: DeploymentManifest
  indexer: Pick<EventIndexer, 'getEvents' | 'getCheckpoint' | 'subscribe' | 'getSyncStatus'>
}

/**
 * Implements the explorer's data port over the chain module: events from the lmdb event indexer, the head
 * and block times from the node, session membership through the ledger's reads, and proofs from the
 * calldata of their transactions (the ledger keeps only claim hashes and a `ProofAccepted` event).
 *
 * @param parameters - the ledger handle, its manifest and a running indexer
 * @returns the data source
 * @example
 * const data = await createChainExplorerDataSource({ ledger, manifest, indexer })
 * createExplorerServer({ data })
 */
export async function createChainExplorerDataSource(
  parameters: CreateChainExplorerDataSourceParameters,
): Promise<ExplorerDataSource> {
  const { ledger, manifest, indexer } = parameters
  const client = ledger.clients.publicClient
  const network = await readNetwork(ledger, manifest)
  const timestamps = new BoundedCache<bigint, number>(4_096)
  const proofs = new BoundedCache<Hex, Hex | undefined>(1_024)
  const members = new BoundedCache<string, ExplorerSessionMembers>(1_024)
  const sessionParams = new BoundedCache<string, SessionParams>(1_024)
  return {
    network,
    getSessionParams(session) {
      // A session's parameters change only through a new (or replacing) `ParamsScheduled`: keyed by how many
      // are indexed, a read stays valid until the next one.
      const schedules = indexer.getEvents({ eventName: 'ParamsScheduled' }).length
      return sessionParams.getOrCompute(`${session}:${schedules}`, async () =>
        toSessionParams(await getParams(ledger, { session })),
      )
    },
    async getHead() {
      const block = await client.getBlock({ blockTag: 'latest' })
      return { blockNumber: block.number, timestampMs: Number(block.timestamp) * 1000 }
    },
    async getBlockTimestampMs(blockNumber) {
      return timestamps.getOrCompute(
        blockNumber,
        async () => Number((await client.getBlock({ blockNumber })).timestamp) * 1000,
      )
    },
    getIndexedHeight: () => indexer.getCheckpoint()?.blockNumber,
    getSyncStatus() {
      const { lastSyncedAtMs, failingSinceMs, lastError } = indexer.getSyncStatus()
      // Only the code goes out: the message names the RPC URL, which may carry an API key.
      const code = (lastError as { code?: unknown } | undefined)?.code
      const errorCode = lastError ? (typeof code === 'string' ? code : 'UNKNOWN') : null
      return { lastSyncedAtMs, failingSinceMs, errorCode }
    },
    getEvents: (query, options) => indexer.getEvents(query, options),
    subscribe: (listener) => indexer.subscribe({}, listener),
    getSessionMembers: (query) =>
      members.getOrCompute(
        `${query.application}:${query.serviceId}:${query.session}:${query.candidates.join(',')}`,
        () => readSessionMembers(ledger, query),
      ),
    getSubmittedProof: (hash) => proofs.getOrCompute(hash, () => readSubmittedProof(ledger, manifest, hash)),
  }
}

// Once a session has started, its seed, supplier count and members never change, so a session page that
// refreshes every block does not re-read them; a session not started yet has no seed and throws (not cached).
async function readSessionMembers(
  ledger: Ledger,
  query: Parameters<ExplorerDataSource['getSessionMembers']>[0],
): Promise<ExplorerSessionMembers> {
  const { application, serviceId, session, candidates } = query
  const found = await getSession(ledger, { application, serviceId, session })
  if (/^0x0*$/.test(found.seed)) throw new Error(`session ${session} has no seed yet`)
  const members = await getSessionSuppliers(ledger, { header: found.header, session, candidates })
  return { sessionId: found.header.sessionId, numSuppliers: found.numSuppliers, members }
}

async function readNetwork(ledger: Ledger, manifest: DeploymentManifest): Promise<ExplorerNetwork> {
  return {
    chainId: manifest.chainId,
    deployBlock: manifest.deployBlock,
    contracts: manifest.contracts,
    sessionParams: toSessionParams(await getParams(ledger)),
    tokenDecimals: 6,
  }
}

function toSessionParams({ params, genesisHeight, numBlocksPerSession }: GetParamsReturnType): SessionParams {
  return {
    numBlocksPerSession,
    genesisHeight,
    gracePeriodBlocks: BigInt(params.gracePeriodBlocks),
    claimWindowOpenOffset: BigInt(params.claimWindowOpenOffset),
    claimWindowCloseOffset: BigInt(params.claimWindowCloseOffset),
    proofWindowOpenOffset: BigInt(params.proofWindowOpenOffset),
    proofWindowCloseOffset: BigInt(params.proofWindowCloseOffset),
  }
}

async function readSubmittedProof(
  ledger: Ledger,
  manifest: DeploymentManifest,
  hash: Hex,
): Promise<Hex | undefined> {
  const tx = await ledger.clients.publicClient.getTransaction({ hash })
  if (tx.to?.toLowerCase() !== manifest.contracts.proofs.toLowerCase()) return undefined
  const call = decodeFunctionData({ abi: ledgerContracts.proofs.abi, data: tx.input })
  return call.functionName === 'submitProof' ? (call.args[1] as Hex) : undefined
}

// Block timestamps and proof calldata never change, so they are kept; the bound only caps memory.
class BoundedCache<K, V> {
  readonly #entries = new Map<K, Promise<V>>()
  constructor(readonly maxEntries: number) {}

  getOrCompute(key: K, compute: () => Promise<V>): Promise<V> {
    const hit = this.#entries.get(key)
    if (hit) return hit
    const value = compute()
    // A failed read is not cached: the next request tries again.
    value.catch(() => this.#entries.delete(key))
    this.#entries.set(key, value)
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value as K)
    return value
  }
}
