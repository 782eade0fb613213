import type { Logger } from 'pino'
import type { Address } from 'viem'
import {
  addService,
  ChainCallRevertedError,
  computeServiceKey,
  createDecaiClients,
  createLedger,
  type DeploymentManifest,
  delegateToGateway,
  getApplication,
  getGateway,
  getService,
  getSupplier,
  getTokenBalance,
  type Ledger,
  mintFromFaucet,
  stakeApplication,
  stakeGateway,
  stakeSupplier,
  writeLedger,
} from '../../chain/index.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { CliDevnetFailedError } from '../context/cliErrors.ts'
import type { DevKey, DevnetKeys } from './devnetKeys.ts'
import { devnetPlan } from './devnetPlan.ts'
import type { DemoModel } from './ensureDemoModel.ts'

export type ProvisionNetworkParameters = {
  rpcUrl: string
  manifest: DeploymentManifest
  keys: DevnetKeys
  model: DemoModel
  /** Relay endpoint of each supplier, in order. */
  supplierEndpoints: readonly string[]
  logger: Logger
}

/** What provisioning did: `changes` lists the transactions' purposes (empty on a plain restart). */
export type ProvisionNetworkReturnType = { changes: string[] }

/**
 * Brings the ledger to the devnet's plan, idempotently: each step reads the chain first and acts only when
 * something is missing, so a restart sends nothing and a half-finished first start completes. The
 * champion registers the service with the demo model's sha256; the application stakes and delegates to
 * the gateway; each supplier stakes with its endpoint and revenue shares.
 *
 * @returns the changes made
 * @throws {CliDevnetFailedError} when the ledger holds the service with another model (a stale data dir)
 * @example
 * const { changes } = await provisionNetwork({ rpcUrl, manifest, keys, model, supplierEndpoints, logger })
 */
export async function provisionNetwork(
  parameters: ProvisionNetworkParameters,
): Promise<ProvisionNetworkReturnType> {
  const ledgerOf = (key: DevKey) => createLedgerFor(parameters, key.privateKey)
  const changes: string[] = []
  await ensureService(ledgerOf(parameters.keys.champion), parameters.model, changes)
  const faucet = ledgerOf(parameters.keys.deployer)
  await ensureApplication(ledgerOf(parameters.keys.application), faucet, parameters.keys, changes)
  await ensureGateway(ledgerOf(parameters.keys.gateway), faucet, changes)
  await ensureDelegation(ledgerOf(parameters.keys.application), parameters.keys.gateway.address, changes)
  for (const [index, supplier] of parameters.keys.suppliers.entries()) {
    const endpoint = parameters.supplierEndpoints[index]
    if (endpoint === undefined) continue
    await ensureSupplier(ledgerOf(supplier.owner), faucet, { ...supplier, index, endpoint }, changes)
  }
  return { changes }
}

function createLedgerFor(parameters: ProvisionNetworkParameters, privateKey: Hex): Ledger {
  const clients = createDecaiClients({
    rpcUrl: parameters.rpcUrl,
    account: privateKey,
    logger: parameters.logger,
  })
  return createLedger({ clients, manifest: parameters.manifest })
}

async function ensureService(champion: Ledger, model: DemoModel, changes: string[]): Promise<void> {
  const existing = await getService(champion, { serviceId: devnetPlan.serviceId }).catch((error: unknown) => {
    if (error instanceof ChainCallRevertedError && error.errorName === 'ServiceNotFound') return undefined
    throw error
  })
  if (existing) {
    if (existing.modelSha256.slice(2).toLowerCase() !== model.sha256)
      throw new CliDevnetFailedError({
        step: 'reuse its service',
        hint: `The ledger registered model ${existing.modelSha256} but this decai generates ${model.sha256}; start over with --reset.`,
      })
    return
  }
  await addService(champion, {
    serviceId: devnetPlan.serviceId,
    pricing: devnetPlan.pricing,
    modelSha256: `0x${model.sha256}`,
    modelUris: [`file://${model.path}`],
    license: devnetPlan.license,
  })
  changes.push(`champion registered service ${devnetPlan.serviceId}`)
}

async function ensureApplication(application: Ledger, faucet: Ledger, keys: DevnetKeys, changes: string[]) {
  const state = await getApplication(application, { application: keys.application.address })
  if (state.activeFromSession !== 0n) return
  await topUp(faucet, keys.application.address, devnetPlan.applicationStake)
  await stakeApplication(application, {
    serviceId: devnetPlan.serviceId,
    amount: devnetPlan.applicationStake,
  })
  changes.push('application staked')
}

async function ensureGateway(gateway: Ledger, faucet: Ledger, changes: string[]): Promise<void> {
  const address = gateway.clients.account!.address
  const state = await getGateway(gateway, { gateway: address })
  if (state.activeFromSession !== 0n) return
  await topUp(faucet, address, devnetPlan.gatewayStake)
  await stakeGateway(gateway, { amount: devnetPlan.gatewayStake })
  changes.push('gateway staked')
}

async function ensureDelegation(application: Ledger, gateway: Address, changes: string[]): Promise<void> {
  const state = await getApplication(application, { application: application.clients.account!.address })
  if (state.delegationCount > 0) return
  await delegateToGateway(application, { gateway })
  changes.push('application delegated to the gateway')
}

type SupplierPlan = { owner: DevKey; operator: DevKey; index: number; endpoint: string }

async function ensureSupplier(owner: Ledger, faucet: Ledger, plan: SupplierPlan, changes: string[]) {
  const state = await getSupplier(owner, { operator: plan.operator.address })
  if (state.stake === 0n) {
    await topUp(faucet, plan.owner.address, devnetPlan.supplierStake)
    await stakeSupplier(owner, {
      operator: plan.operator.address,
      amount: devnetPlan.supplierStake,
      services: [{ serviceId: devnetPlan.serviceId, endpoint: plan.endpoint }],
      revenueShares: [
        { recipient: plan.owner.address, bps: devnetPlan.ownerShareBps },
        { recipient: plan.operator.address, bps: devnetPlan.operatorShareBps },
      ],
    })
    changes.push(`supplier ${plan.index + 1} staked at ${plan.endpoint}`)
    return
  }
  // Ports may change between runs (--relayminer-ports): move the endpoint; it applies from the next session.
  const key = computeServiceKey(devnetPlan.serviceId)
  const service = state.services.find((s) => s.serviceKey === key)
  const current = service?.pendingEndpoint || service?.endpoint
  if (service && current !== plan.endpoint) {
    await writeLedger(owner, 'suppliers', 'setEndpoint', [
      plan.operator.address,
      devnetPlan.serviceId,
      plan.endpoint,
    ])
    changes.push(`supplier ${plan.index + 1} moved to ${plan.endpoint}`)
  }
}

async function topUp(faucet: Ledger, to: Address, needed: bigint): Promise<void> {
  const { balance } = await getTokenBalance(faucet, { address: to })
  if (balance >= needed) return
  await mintFromFaucet(faucet, { to, amount: devnetPlan.faucetAmount })
}
