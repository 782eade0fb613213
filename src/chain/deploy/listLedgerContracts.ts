import type { IndexedContract } from '../indexer/types.ts'
import { type DeploymentManifest, ledgerContractNames } from './deploymentManifestSchema.ts'
import { ledgerContracts, watcherReportsContract } from './ledgerContracts.ts'

/**
 * Lists a deployment's contracts with their Solidity names and ABIs: what the event indexer follows.
 *
 * @returns one entry per ledger contract, in deployment order, then `WatcherReports` when deployed
 * @example
 * createEventIndexer({ clients, contracts: listLedgerContracts(manifest), fromBlock: manifest.deployBlock, path })
 */
export function listLedgerContracts(manifest: DeploymentManifest): IndexedContract[] {
  const ledger: IndexedContract[] = ledgerContractNames.map((name) => ({
    name: ledgerContracts[name].contractName,
    address: manifest.contracts[name],
    abi: ledgerContracts[name].abi,
  }))
  const { watcherReports } = manifest.contracts
  if (!watcherReports) return ledger
  const { contractName, abi } = watcherReportsContract
  return [...ledger, { name: contractName, address: watcherReports, abi }]
}
