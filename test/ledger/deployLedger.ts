/**
 * Deploys the ledger for tests: ten contracts from one account with consecutive nonces, each constructor
 * given every peer's predicted address (the order below is the order the addresses are predicted in).
 */
import {
  type Account,
  type Address,
  getContractAddress,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem'
import {
  applicationsAbi,
  applicationsBytecode,
  claimsAbi,
  claimsBytecode,
  decaiParamsAbi,
  decaiParamsBytecode,
  decaiTokenAbi,
  decaiTokenBytecode,
  gatewaysAbi,
  gatewaysBytecode,
  ledgerParamsPresets,
  proofsAbi,
  proofsBytecode,
  servicesAbi,
  servicesBytecode,
  sessionsAbi,
  sessionsBytecode,
  settlementAbi,
  settlementBytecode,
  suppliersAbi,
  suppliersBytecode,
} from '../../src/chain/contracts.generated.ts'
import type { Anvil } from './anvil.ts'

export const ledgerOrder = [
  'token',
  'params',
  'sessions',
  'services',
  'gateways',
  'applications',
  'suppliers',
  'claims',
  'proofs',
  'settlement',
] as const
export type LedgerAddresses = Record<(typeof ledgerOrder)[number], Address>

export type DevnetParams = (typeof ledgerParamsPresets)['devnet']['params']
export type ParamsInput = {
  -readonly [K in keyof DevnetParams]: DevnetParams[K] extends bigint ? bigint : number
} & {
  dao: Address
}

export const abis = {
  token: decaiTokenAbi,
  params: decaiParamsAbi,
  sessions: sessionsAbi,
  services: servicesAbi,
  gateways: gatewaysAbi,
  applications: applicationsAbi,
  suppliers: suppliersAbi,
  claims: claimsAbi,
  proofs: proofsAbi,
  settlement: settlementAbi,
} as const

export type DeployLedgerParameters = {
  anvil: Anvil
  deployer: WalletClient<Transport, Anvil['chain'], Account>
  /** Overrides of the devnet preset. */
  params?: Partial<ParamsInput>
  numBlocksPerSession?: bigint
}

export type Ledger = {
  addresses: LedgerAddresses
  params: ParamsInput
  numBlocksPerSession: bigint
  genesisHeight: bigint
  /** gas used by each deployment */
  deployGas: Record<keyof LedgerAddresses, bigint>
}

/**
 * Deploys the ten ledger contracts with the devnet preset (DAO = deployer unless overridden).
 *
 * @example
 * const ledger = await deployLedger({ anvil, deployer })
 */
export async function deployLedger({
  anvil,
  deployer,
  params: overrides = {},
  numBlocksPerSession = ledgerParamsPresets.devnet.numBlocksPerSession,
}: DeployLedgerParameters): Promise<Ledger> {
  const publicClient: PublicClient = anvil.publicClient
  const from = deployer.account.address
  const nonce = await publicClient.getTransactionCount({ address: from, blockTag: 'pending' })
  const addresses = Object.fromEntries(
    ledgerOrder.map((name, i) => [name, getContractAddress({ from, nonce: BigInt(nonce + i) })]),
  ) as LedgerAddresses
  const params: ParamsInput = { ...ledgerParamsPresets.devnet.params, dao: from, ...overrides }
  const peers = addresses
  // sent one by one: each constructor reads its predecessors (automine mines each on arrival)
  const deployGas = {} as Record<keyof LedgerAddresses, bigint>
  let genesisHeight = 0n
  for (const name of ledgerOrder) {
    const hash = await deployOne(name, deployer, peers, params, numBlocksPerSession)
    const receipt = await publicClient.waitForTransactionReceipt({ hash })
    if (
      receipt.status !== 'success' ||
      receipt.contractAddress?.toLowerCase() !== addresses[name].toLowerCase()
    )
      throw new Error(`deploying ${name} failed or landed at ${receipt.contractAddress}`)
    deployGas[name] = receipt.gasUsed
    if (name === 'params') genesisHeight = receipt.blockNumber
  }
  return { addresses, params, numBlocksPerSession, genesisHeight, deployGas }
}

function deployOne(
  name: keyof LedgerAddresses,
  deployer: WalletClient<Transport, Anvil['chain'], Account>,
  peers: LedgerAddresses,
  params: ParamsInput,
  numBlocksPerSession: bigint,
): Promise<Hex> {
  const base = { account: deployer.account, chain: deployer.chain } as const
  switch (name) {
    case 'token':
      return deployer.deployContract({
        ...base,
        abi: decaiTokenAbi,
        bytecode: decaiTokenBytecode,
        args: [peers, deployer.account.address],
      })
    case 'params':
      return deployer.deployContract({
        ...base,
        abi: decaiParamsAbi,
        bytecode: decaiParamsBytecode,
        args: [deployer.account.address, numBlocksPerSession, params],
      })
    case 'sessions':
      return deployer.deployContract({ ...base, abi: sessionsAbi, bytecode: sessionsBytecode, args: [peers] })
    case 'services':
      return deployer.deployContract({ ...base, abi: servicesAbi, bytecode: servicesBytecode, args: [peers] })
    case 'gateways':
      return deployer.deployContract({ ...base, abi: gatewaysAbi, bytecode: gatewaysBytecode, args: [peers] })
    case 'applications':
      return deployer.deployContract({
        ...base,
        abi: applicationsAbi,
        bytecode: applicationsBytecode,
        args: [peers],
      })
    case 'suppliers':
      return deployer.deployContract({
        ...base,
        abi: suppliersAbi,
        bytecode: suppliersBytecode,
        args: [peers],
      })
    case 'claims':
      return deployer.deployContract({ ...base, abi: claimsAbi, bytecode: claimsBytecode, args: [peers] })
    case 'proofs':
      return deployer.deployContract({ ...base, abi: proofsAbi, bytecode: proofsBytecode, args: [peers] })
    case 'settlement':
      return deployer.deployContract({
        ...base,
        abi: settlementAbi,
        bytecode: settlementBytecode,
        args: [peers],
      })
  }
}
