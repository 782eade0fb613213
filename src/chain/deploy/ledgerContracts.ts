import type { Abi, Hex, ReadContractReturnType } from 'viem'
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
  watcherReportsAbi,
  watcherReportsBytecode,
} from '../contracts.generated.ts'
import type { LedgerContractName } from './deploymentManifestSchema.ts'

/**
 * Every ledger contract by role, with its Solidity name, ABI and init code, in deployment order:
 * `params` first because the others read its session grid in their constructors; the rest in any fixed
 * order, since each constructor is told every address up front.
 */
export const ledgerContracts = {
  params: { contractName: 'DecaiParams', abi: decaiParamsAbi, bytecode: decaiParamsBytecode },
  token: { contractName: 'DecaiToken', abi: decaiTokenAbi, bytecode: decaiTokenBytecode },
  sessions: { contractName: 'Sessions', abi: sessionsAbi, bytecode: sessionsBytecode },
  services: { contractName: 'Services', abi: servicesAbi, bytecode: servicesBytecode },
  gateways: { contractName: 'Gateways', abi: gatewaysAbi, bytecode: gatewaysBytecode },
  applications: { contractName: 'Applications', abi: applicationsAbi, bytecode: applicationsBytecode },
  suppliers: { contractName: 'Suppliers', abi: suppliersAbi, bytecode: suppliersBytecode },
  claims: { contractName: 'Claims', abi: claimsAbi, bytecode: claimsBytecode },
  proofs: { contractName: 'Proofs', abi: proofsAbi, bytecode: proofsBytecode },
  settlement: { contractName: 'Settlement', abi: settlementAbi, bytecode: settlementBytecode },
} as const satisfies Record<LedgerContractName, { contractName: string; abi: Abi; bytecode: Hex }>

/**
 * Where watchers commit report hashes. Deployed after the ledger and wired to nothing: it has no peers,
 * and a manifest written before it existed stays valid without it.
 */
export const watcherReportsContract = {
  contractName: 'WatcherReports',
  abi: watcherReportsAbi,
  bytecode: watcherReportsBytecode,
} as const

/**
 * Every custom error and event of the ledger in one ABI: a call into one contract can revert with an
 * error raised by another it called (e.g. the token's `ERC20InsufficientAllowance` under `stake`).
 */
export const ledgerErrorsAbi: Abi = dedupe(
  Object.values(ledgerContracts).flatMap(({ abi }) => (abi as Abi).filter((item) => item.type === 'error')),
)

function dedupe(items: Abi): Abi {
  const seen = new Map<string, Abi[number]>()
  for (const item of items)
    if (item.type === 'error') seen.set(`${item.name}(${item.inputs.map((i) => i.type)})`, item)
  return [...seen.values()]
}

/** Every governed parameter (Solidity `Params`), typed from the ABI. */
export type LedgerParams = ReadContractReturnType<typeof decaiParamsAbi, 'currentParams'>
