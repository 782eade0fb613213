import type { Address } from 'viem'
import type { DecaiClients } from '../client/createDecaiClients.ts'
import type { DeploymentManifest, LedgerContractName } from '../deploy/deploymentManifestSchema.ts'

/** What every ledger action takes: the clients and where the contracts live. */
export type Ledger = {
  clients: DecaiClients
  contracts: Readonly<Record<LedgerContractName, Address>>
  /** Where watchers commit report hashes (absent from deployments that predate it). */
  watcherReports: Address | undefined
  /** The session grid, fixed at deployment (spec §3.1). */
  numBlocksPerSession: bigint
  genesisHeight: bigint
  /** Where event indexing starts. */
  deployBlock: bigint
}

/**
 * Binds clients to a deployment: the handle every action in `src/chain/actions` takes.
 * It does not touch the chain; call `verifyDeployment` once at start to fail fast on a stale manifest.
 *
 * @returns the {@link Ledger}
 * @example
 * const ledger = createLedger({ clients, manifest: await readDeploymentManifest(path) })
 * const service = await getService(ledger, { serviceId: 'llama-tiny' })
 */
export function createLedger({
  clients,
  manifest,
}: {
  clients: DecaiClients
  manifest: DeploymentManifest
}): Ledger {
  return {
    clients,
    contracts: manifest.contracts,
    watcherReports: manifest.contracts.watcherReports,
    numBlocksPerSession: manifest.numBlocksPerSession,
    genesisHeight: manifest.genesisHeight,
    deployBlock: manifest.deployBlock,
  }
}
