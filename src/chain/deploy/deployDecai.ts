import { type Abi, type Address, encodeDeployData, getContractAddress, type Hex } from 'viem'
import type { DecaiClients } from '../client/createDecaiClients.ts'
import { readContract } from '../client/readContract.ts'
import { sendTransaction } from '../client/sendTransaction.ts'
import { contractsSourceHash, ledgerParamsPresets } from '../contracts.generated.ts'
import { ChainDeployFailedError } from '../errors/deployment.ts'
import { ChainNoAccountError } from '../errors/transaction.ts'
import {
  type DeploymentManifest,
  type LedgerContractName,
  ledgerContractNames,
} from './deploymentManifestSchema.ts'
import {
  type LedgerParams,
  ledgerContracts,
  ledgerErrorsAbi,
  watcherReportsContract,
} from './ledgerContracts.ts'
import { writeDeploymentManifest } from './writeDeploymentManifest.ts'

/** A parameter set: blocks per session and the governed `Params` without the DAO address. */
export type LedgerParamsPreset = { numBlocksPerSession: bigint; params: Omit<LedgerParams, 'dao'> }

export type DeployDecaiParameters = {
  /** Clients with the deployer account. */
  clients: DecaiClients
  /** A named preset (`devnet`, …) or a custom parameter set. Default `devnet`. */
  params?: keyof typeof ledgerParamsPresets | LedgerParamsPreset | undefined
  /** Owner of the parameters and the devnet faucet. Default: the deployer. */
  governance?: Address | undefined
  /** Receives the DAO share of settlements. Default: governance. */
  dao?: Address | undefined
  /** Also write the manifest to this file. */
  manifestPath?: string | undefined
}

export type DeployDecaiReturnType = DeploymentManifest

/**
 * Deploys the whole decai ledger to the clients' chain and returns (and optionally writes) its manifest.
 *
 * Every contract receives every peer's address in its constructor, predicted from the deployer's nonce,
 * so the ledger is fully wired when the last transaction lands: no initializer, no half-wired window.
 * The price is that the ten deployments must be the deployer's next ten transactions, sent in order.
 * `WatcherReports`, which has no peers, is deployed last.
 *
 * @returns the deployment manifest
 * @throws {ChainDeployFailedError} naming the step that failed; {@link ChainNoAccountError}
 * @example
 * const manifest = await deployDecai({ clients, params: 'devnet', manifestPath: '.data/deployment.json' })
 */
export async function deployDecai(parameters: DeployDecaiParameters): Promise<DeployDecaiReturnType> {
  const { clients } = parameters
  const deployer = clients.account?.address
  if (!deployer) throw new ChainNoAccountError({ operation: 'deployDecai' })
  const presetName = typeof parameters.params === 'object' ? 'custom' : (parameters.params ?? 'devnet')
  const preset =
    typeof parameters.params === 'object' ? parameters.params : ledgerParamsPresets[presetName as 'devnet']
  const governance = parameters.governance ?? deployer
  const params = { ...preset.params, dao: parameters.dao ?? governance }
  const addresses = await predictAddresses(clients, deployer)
  let deployBlock: bigint | undefined
  for (const name of ledgerContractNames) {
    const args =
      name === 'params'
        ? [governance, preset.numBlocksPerSession, params]
        : constructorArgs(name, addresses, governance)
    const { blockNumber } = await deployOne(clients, ledgerContracts[name], args, addresses[name])
    deployBlock ??= blockNumber
  }
  const watcherReports = (await deployOne(clients, watcherReportsContract, [])).address
  const genesisHeight = await readContract(clients, {
    contract: 'DecaiParams',
    address: addresses.params,
    abi: ledgerContracts.params.abi,
    functionName: 'genesisHeight',
  })
  const manifest: DeploymentManifest = {
    version: 1,
    chainId: await clients.getChainId(),
    deployBlock: deployBlock!,
    genesisHeight,
    numBlocksPerSession: preset.numBlocksPerSession,
    deployer,
    governance,
    contracts: { ...addresses, watcherReports },
    preset: presetName,
    params: stringifyParams(params),
    sourceHash: contractsSourceHash,
    deployedAt: new Date().toISOString(),
  }
  clients.logger.info(
    { chainId: manifest.chainId, deployBlock, contracts: addresses },
    'decai ledger deployed',
  )
  if (parameters.manifestPath) await writeDeploymentManifest(parameters.manifestPath, manifest)
  return manifest
}

async function predictAddresses(clients: DecaiClients, deployer: Address) {
  // The nonce manager may hold a stale nonce; re-read it so that the prediction matches what is sent.
  clients.nonceManager.reset(deployer)
  const nonce = await clients.publicClient.getTransactionCount({ address: deployer, blockTag: 'pending' })
  const entries = ledgerContractNames.map((name, i) => [
    name,
    getContractAddress({ from: deployer, nonce: BigInt(nonce + i) }),
  ])
  return Object.fromEntries(entries) as Record<LedgerContractName, Address>
}

function constructorArgs(
  name: LedgerContractName,
  addresses: Record<LedgerContractName, Address>,
  governance: Address,
) {
  return name === 'token' ? [addresses, governance] : [addresses]
}

async function deployOne(
  clients: DecaiClients,
  contract: { contractName: string; abi: Abi; bytecode: Hex },
  args: unknown[],
  expected?: Address,
): Promise<{ blockNumber: bigint; address: Address }> {
  const { abi, bytecode, contractName } = contract
  try {
    const data: Hex = encodeDeployData({ abi, bytecode, args } as Parameters<typeof encodeDeployData>[0])
    const revert = {
      abi,
      contract: contractName,
      functionName: 'constructor',
      args,
      errorAbi: ledgerErrorsAbi,
    }
    const { receipt } = await sendTransaction(clients, { data, revert })
    const address = receipt.contractAddress
    if (!address || (expected && address.toLowerCase() !== expected.toLowerCase())) {
      throw new Error(`${contractName} landed at ${address}, not the predicted ${expected}`)
    }
    clients.logger.debug({ contract: contractName, address, gasUsed: receipt.gasUsed }, 'contract deployed')
    return { blockNumber: receipt.blockNumber, address }
  } catch (cause) {
    throw new ChainDeployFailedError({ step: `deploy ${contractName}`, cause })
  }
}

function stringifyParams(params: Record<string, unknown>): Record<string, string | number | boolean> {
  const entries = Object.entries(params).map(([k, v]) => [
    k,
    typeof v === 'bigint' ? v.toString() : (v as string | number | boolean),
  ])
  return Object.fromEntries(entries)
}
