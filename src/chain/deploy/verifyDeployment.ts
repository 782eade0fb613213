import type { DecaiClients } from '../client/createDecaiClients.ts'
import { toChainError } from '../client/toChainError.ts'
import { ChainNotDeployedError, ChainWrongChainError } from '../errors/deployment.ts'
import { type DeploymentManifest, ledgerContractNames } from './deploymentManifestSchema.ts'

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
  try {
    const [chainId, ...codes] = await Promise.all([
      clients.publicClient.getChainId(),
      ...ledgerContractNames.map((name) =>
        clients.publicClient.getCode({ address: manifest.contracts[name] }),
      ),
    ])
    if (chainId !== manifest.chainId) {
      throw new ChainWrongChainError({ expectedChainId: manifest.chainId, actualChainId: chainId })
    }
    const missing = ledgerContractNames.findIndex((_, i) => !codes[i] || codes[i] === '0x')
    if (missing >= 0) {
      const name = ledgerContractNames[missing]!
      throw new ChainNotDeployedError({ contract: name, address: manifest.contracts[name] })
    }
    return true
  } catch (error) {
    throw toChainError(error, { rpcUrl: clients.rpcUrl, kind: 'call' })
  }
}
