import type { DecaiClients } from '../client/createDecaiClients.ts'
import { toChainError } from '../client/toChainError.ts'
import { ChainNotDeployedError, ChainWrongChainError } from '../errors/deployment.ts'
import { type DeploymentManifest, ledgerContractNames } from './deploymentManifestSchema.ts'

// The ledger, plus the watcher-report contract when the manifest names one.
function deployedContracts(manifest: DeploymentManifest): Array<{ name: string; address: string }> {
  const ledger = ledgerContractNames.map((name) => ({ name, address: manifest.contracts[name] }))
  const { watcherReports } = manifest.contracts
  return watcherReports ? [...ledger, { name: 'watcherReports', address: watcherReports }] : ledger
}

/**
 * Checks that a manifest describes the chain the clients talk to: same chain id, and contract code at
 * every address. Services call it once at start so that a stale manifest fails fast and clearly.
 *
 * @returns `true` when the deployment is there
 * @throws {ChainWrongChainError} on another chain id; {@link ChainNotDeployedError} for a missing contract
 * @example
 * await verifyDeployment(clients, await readDeploymentManifest(path))
 */
export async function verifyDeployment(clients: DecaiClients, manifest: DeploymentManifest): Promise<true> {
  const contracts = deployedContracts(manifest)
  try {
    const [chainId, ...codes] = await Promise.all([
      clients.publicClient.getChainId(),
      ...contracts.map(({ address }) => clients.publicClient.getCode({ address: address as `0x${string}` })),
    ])
    if (chainId !== manifest.chainId) {
      throw new ChainWrongChainError({ expectedChainId: manifest.chainId, actualChainId: chainId })
    }
    const missing = contracts.find((_, i) => !codes[i] || codes[i] === '0x')
    if (missing) throw new ChainNotDeployedError({ contract: missing.name, address: missing.address })
    return true
  } catch (error) {
    throw toChainError(error, { rpcUrl: clients.rpcUrl, kind: 'call' })
  }
}
