import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { concat, type Hex, numberToHex, pad, zeroAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDecaiClients } from '../client/createDecaiClients.ts'
import { ledgerParamsPresets } from '../contracts.generated.ts'
import { deployDecai } from '../deploy/deployDecai.ts'
import type { DeploymentManifest } from '../deploy/deploymentManifestSchema.ts'
import { listLedgerContracts } from '../deploy/listLedgerContracts.ts'
import { ChainTxRevertedError } from '../errors/transaction.ts'
import { createEventIndexer } from '../indexer/createEventIndexer.ts'
import type { EventFilter } from '../indexer/types.ts'
import { createLedger, type Ledger } from '../ledger/createLedger.ts'
import { anvilDevPrivateKeys } from '../localChain/devAccounts.ts'
import { type StartLocalChainReturnType, startLocalChain } from '../localChain/startLocalChain.ts'
import { addService } from './addService.ts'
import { addSupplierService } from './addSupplierService.ts'
import { addSupplierStake } from './addSupplierStake.ts'
import { delegateToGateway } from './delegateToGateway.ts'
import { getApplication } from './getApplication.ts'
import { getClaimStatus } from './getClaimStatus.ts'
import { getDifficulty } from './getDifficulty.ts'
import { getGateway } from './getGateway.ts'
import { getParams } from './getParams.ts'
import { getService } from './getService.ts'
import { getSession } from './getSession.ts'
import { getSessionSuppliers } from './getSessionSuppliers.ts'
import { getSupplier } from './getSupplier.ts'
import { getSupplierSessionStatus } from './getSupplierSessionStatus.ts'
import { getTokenBalance } from './getTokenBalance.ts'
import { isAuthorizedSigner } from './isAuthorizedSigner.ts'
import { mintFromFaucet } from './mintFromFaucet.ts'
import { recordSessionSeed } from './recordSessionSeed.ts'
import { removeSupplierService } from './removeSupplierService.ts'
import { setModelUris } from './setModelUris.ts'
import { setParams } from './setParams.ts'
import { setRevenueShares } from './setRevenueShares.ts'
import { setSupplierEndpoint } from './setSupplierEndpoint.ts'
import { settleClaims } from './settleClaims.ts'
import { stakeApplication } from './stakeApplication.ts'
import { stakeGateway } from './stakeGateway.ts'
import { stakeSupplier } from './stakeSupplier.ts'
import { submitClaim } from './submitClaim.ts'
import { submitProof } from './submitProof.ts'
import { transferService } from './transferService.ts'
import type { ClaimData } from './types.ts'

const TOKEN = 1_000_000n
const [governanceKey, championKey, applicationKey, gatewayKey, ownerKey, operatorKey] = anvilDevPrivateKeys
const address = (key: Hex) => privateKeyToAccount(key).address
const serviceId = 'llama-tiny'
const pricing = { cuPerRequest: 100n, cuPerInputToken: 1n, cuPerOutputToken: 3n, championBps: 1_000 }
// Custom parameters: no random proof requirement, so that settlement is deterministic here.
const params = {
  numBlocksPerSession: ledgerParamsPresets.devnet.numBlocksPerSession,
  params: { ...ledgerParamsPresets.devnet.params, proofRequestProbabilityNumerator: 0n },
}

let chain: StartLocalChainReturnType
let manifest: DeploymentManifest
const dir = mkdtempSync(join(tmpdir(), 'decai-actions-'))
const ledgers = {} as Record<
  'governance' | 'champion' | 'application' | 'gateway' | 'owner' | 'operator',
  Ledger
>

beforeAll(async () => {
  chain = await startLocalChain()
  const connect = (key: Hex) => createDecaiClients({ rpcUrl: chain.rpcUrl, account: key })
  manifest = await deployDecai({ clients: connect(governanceKey), params })
  const keys = {
    governance: governanceKey,
    champion: championKey,
    application: applicationKey,
    gateway: gatewayKey,
    owner: ownerKey,
    operator: operatorKey,
  }
  for (const [role, key] of Object.entries(keys))
    ledgers[role as keyof typeof ledgers] = createLedger({ clients: connect(key), manifest })
  for (const role of ['application', 'gateway', 'owner'] as const) {
    await mintFromFaucet(ledgers.governance, { to: address(keys[role]), amount: 1_000n * TOKEN })
  }
})
afterAll(async () => {
  await chain?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** Mines until the chain's next block is `height`. */
async function mineTo(height: bigint) {
  const head = await ledgers.governance.clients.publicClient.getBlockNumber()
  if (height - 1n > head) await chain.mine(Number(height - 1n - head))
}

const startOf = (session: bigint) => ledgers.governance.genesisHeight + (session - 1n) * 10n

describe('ledger actions', () => {
  let claim: ClaimData
  let claimSession: bigint

  it('behavior: getParams reads the deployed parameters and grid', async () => {
    const { params: p, numBlocksPerSession, session } = await getParams(ledgers.governance)
    expect(numBlocksPerSession).toBe(10n)
    expect(session).toBeGreaterThanOrEqual(1n)
    expect(p.suppliersPerSession).toBe(12)
    expect(p.proofRequestProbabilityNumerator).toBe(0n)
    expect(p.dao).toBe(address(governanceKey))
  })

  it('behavior: a champion adds a service, usable from the next session', async () => {
    const added = await addService(ledgers.champion, {
      serviceId,
      pricing,
      modelSha256: pad('0x01'),
      modelUris: ['https://example.org/tiny.gguf'],
      license: 'MIT',
    })
    const now = await getService(ledgers.governance, { serviceId })
    expect(now).toMatchObject({ owner: address(championKey), license: 'MIT', pricing: undefined })
    const next = await getService(ledgers.governance, { serviceId, session: added.activeFromSession })
    expect(next.pricing).toEqual(pricing)
    expect(next.serviceKey).toBe(added.serviceKey)
    expect((await getDifficulty(ledgers.governance, { serviceId })).target).toBe(2n ** 256n - 1n)
  })

  it('behavior: gateway, application (with delegation) and supplier stake', async () => {
    const gateway = await stakeGateway(ledgers.gateway, { amount: 10n * TOKEN })
    const app = await stakeApplication(ledgers.application, { serviceId, amount: 100n * TOKEN })
    const delegated = await delegateToGateway(ledgers.application, { gateway: address(gatewayKey) })
    await stakeSupplier(ledgers.owner, {
      operator: address(operatorKey),
      amount: 100n * TOKEN,
      services: [{ serviceId, endpoint: 'http://supplier.test' }],
    })
    expect(delegated.fromSession).toBe(app.activeFromSession)
    expect(await getGateway(ledgers.governance, { gateway: address(gatewayKey) })).toMatchObject({
      stake: 10n * TOKEN,
      activeFromSession: gateway.activeFromSession,
    })
    expect(await getApplication(ledgers.governance, { application: address(applicationKey) })).toMatchObject({
      stake: 100n * TOKEN,
      delegationCount: 1,
    })
    const supplier = await getSupplier(ledgers.governance, { operator: address(operatorKey) })
    expect(supplier).toMatchObject({
      owner: address(ownerKey),
      stake: 100n * TOKEN,
      revenueShares: [{ recipient: address(ownerKey), bps: 10_000 }],
    })
    expect(supplier.services[0]).toMatchObject({ endpoint: 'http://supplier.test', pendingEndpoint: '' })
    expect((await getTokenBalance(ledgers.governance, { address: address(ownerKey) })).balance).toBe(
      900n * TOKEN,
    )
  })

  it('behavior: the next session has a seed, an id, the supplier as member and the gateway as signer', async () => {
    const { session: current } = await getParams(ledgers.governance)
    const session = current + 1n
    await mineTo(startOf(session))
    await recordSessionSeed(ledgers.governance, { session })
    const s = await getSession(ledgers.governance, {
      application: address(applicationKey),
      serviceId,
      session,
    })
    expect(s.header.sessionEndHeight - s.header.sessionStartHeight).toBe(9n)
    expect(s.numSuppliers).toBe(1n)
    const status = await getSupplierSessionStatus(ledgers.governance, {
      header: s.header,
      supplierOperator: address(operatorKey),
      session,
    })
    expect(status).toEqual({ isActive: true, isInSession: true, numSuppliers: 1n, suppliersPerSession: 12 })
    expect(
      await getSessionSuppliers(ledgers.governance, {
        header: s.header,
        session,
        candidates: [address(operatorKey), address(ownerKey)],
      }),
    ).toEqual([{ operator: address(operatorKey), endpoint: 'http://supplier.test' }])
    expect(
      await isAuthorizedSigner(ledgers.governance, {
        application: address(applicationKey),
        signer: address(gatewayKey),
        session,
      }),
    ).toBe(true)
    expect(
      await isAuthorizedSigner(ledgers.governance, {
        application: address(applicationKey),
        signer: address(ownerKey),
        session,
      }),
    ).toBe(false)
    claimSession = session
    claim = {
      session: s.header,
      supplierOperator: address(operatorKey),
      root: concat([pad('0xabcd'), numberToHex(5_000n, { size: 8 }), numberToHex(3n, { size: 8 })]),
    }
  })

  it('error: a claim before its window names OutsideClaimWindow', async () => {
    const error = await submitClaim(ledgers.operator, { header: claim.session, root: claim.root }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ChainTxRevertedError)
    expect(error).toMatchObject({
      code: 'CHAIN_TX_REVERTED',
      errorName: 'OutsideClaimWindow',
      contract: 'Claims',
      functionName: 'createClaim',
    })
  })

  it('behavior: claim in the window, then settle after the proof window', async () => {
    const session = claimSession
    const { timeline: t } = await getSession(ledgers.governance, {
      application: claim.session.application,
      serviceId,
      session,
    })
    await mineTo(t.claimWindowOpen)
    const created = await submitClaim(ledgers.operator, { header: claim.session, root: claim.root })
    expect(created.session).toBe(session)
    expect(await getClaimStatus(ledgers.governance, { claim })).toBe('claimed')
    const twice = await submitClaim(ledgers.operator, { header: claim.session, root: claim.root }).catch(
      (e: unknown) => e,
    )
    expect(twice).toMatchObject({ errorName: 'ClaimExists', errorArgs: [created.claimKey] })
    await mineTo(t.settlementHeight)
    const { results } = await settleClaims(ledgers.governance, { claims: [claim, claim] })
    // 5 000 CU × 1/10 token base unit = 500; the second copy is already settled and skipped.
    expect(results).toMatchObject([
      {
        outcome: 'settled',
        claimKey: created.claimKey,
        claimTokens: 500n,
        burned: 500n,
        minted: 500n,
        isProofRequired: false,
      },
      { outcome: 'skipped', claimKey: created.claimKey },
    ])
    expect(await getClaimStatus(ledgers.governance, { claim })).toBe('none')
  })

  it('behavior: the indexer finds the whole cycle by claim, supplier, service, session and type', async () => {
    const indexer = createEventIndexer({
      clients: ledgers.governance.clients,
      contracts: listLedgerContracts(manifest),
      fromBlock: manifest.deployBlock,
      path: join(dir, 'indexer'),
    })
    await indexer.sync()
    // Sorted: the order of events inside one transaction is the contracts' business, not the indexer's.
    const names = (filter: EventFilter) =>
      indexer
        .getEvents(filter)
        .map((e) => e.eventName)
        .sort()
    const [created] = indexer.getEvents({ eventName: 'ClaimCreated' })
    expect(created).toMatchObject({
      contract: 'Claims',
      args: { session: claimSession, header: { serviceId, sessionId: claim.session.sessionId } },
    })
    expect(names({ claim: created!.args.claimKey as Hex })).toEqual([
      'ClaimCreated',
      'ClaimSettled',
      'ClaimSkipped',
    ])
    expect(names({ supplier: claim.supplierOperator })).toEqual([
      'ClaimCreated',
      'ClaimSettled',
      'RevenueSharesSet',
      'SupplierServiceAdded',
      'SupplierStaked',
    ])
    expect(names({ service: serviceId, contract: 'Services' })).toEqual([
      'DifficultyUpdated',
      'ModelUrisChanged',
      'PricingScheduled',
      'ServiceAdded',
    ])
    expect(names({ session: claimSession })).toEqual([
      'ClaimCreated',
      'ClaimSettled',
      'DifficultyUpdated',
      'ProofSeedRecorded',
      'SessionSeedRecorded',
    ])
    expect(names({ sessionId: claim.session.sessionId })).toEqual(['ClaimCreated'])
    expect(
      names({ application: claim.session.application, eventName: ['GatewayDelegated', 'StakeBurned'] }),
    ).toEqual(['GatewayDelegated', 'StakeBurned'])
    expect(indexer.getEvents({ contract: 'DecaiToken', eventName: 'FaucetMinted' })).toHaveLength(3)
    await indexer.stop()
  })

  it('behavior: supplier, service and parameter management', async () => {
    const operator = address(operatorKey)
    await addSupplierStake(ledgers.owner, { operator, amount: 5n * TOKEN })
    await setSupplierEndpoint(ledgers.operator, { operator, serviceId, endpoint: 'http://moved.test' })
    await setRevenueShares(ledgers.owner, {
      operator,
      revenueShares: [
        { recipient: address(ownerKey), bps: 7_000 },
        { recipient: address(gatewayKey), bps: 3_000 },
      ],
    })
    const supplier = await getSupplier(ledgers.governance, { operator })
    expect(supplier.stake).toBe(105n * TOKEN)
    expect(supplier.services[0]).toMatchObject({
      endpoint: 'http://supplier.test',
      pendingEndpoint: 'http://moved.test',
    })
    expect(supplier.revenueShares).toHaveLength(2)
    await addService(ledgers.champion, {
      serviceId: 'other',
      pricing,
      modelSha256: pad('0x02'),
      modelUris: [],
      license: 'MIT',
    })
    await addSupplierService(ledgers.operator, {
      operator,
      service: { serviceId: 'other', endpoint: 'http://other.test' },
    })
    await removeSupplierService(ledgers.operator, { operator, serviceId: 'other' })
    await setModelUris(ledgers.champion, { serviceId, modelUris: ['https://mirror.test/tiny.gguf'] })
    await transferService(ledgers.champion, { serviceId: 'other', newOwner: address(gatewayKey) })
    expect((await getService(ledgers.governance, { serviceId })).modelUris).toEqual([
      'https://mirror.test/tiny.gguf',
    ])
    expect((await getService(ledgers.governance, { serviceId: 'other' })).owner).toBe(address(gatewayKey))
    const { params: current, session } = await getParams(ledgers.governance)
    const scheduled = await setParams(ledgers.governance, { params: { ...current, suppliersPerSession: 24 } })
    // The transaction lands in the next block, which may already open the next session.
    expect(scheduled.fromSession).toBeGreaterThan(session)
    const paramsFrom = (s: bigint) => getParams(ledgers.governance, { session: s }).then((r) => r.params)
    expect((await paramsFrom(scheduled.fromSession)).suppliersPerSession).toBe(24)
    expect((await paramsFrom(scheduled.fromSession - 1n)).suppliersPerSession).toBe(12)
    const denied = await setParams(ledgers.owner, { params: current }).catch((e: unknown) => e)
    expect(denied).toMatchObject({ errorName: 'OwnableUnauthorizedAccount', errorArgs: [address(ownerKey)] })
    const invalid = await setParams(ledgers.governance, { params: { ...current, dao: zeroAddress } }).catch(
      (e: unknown) => e,
    )
    expect(invalid).toMatchObject({ errorName: 'InvalidParam', errorArgs: ['dao'] })
  })

  it('error: a proof for a settled claim names ClaimNotFound with its key', async () => {
    const error = await submitProof(ledgers.operator, { claim, proof: '0x' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChainTxRevertedError)
    expect(error).toMatchObject({
      contract: 'Proofs',
      functionName: 'submitProof',
      errorName: 'ClaimNotFound',
    })
  })

  it('error: staking for an unknown service names ServiceNotFound', async () => {
    const error = await stakeApplication(ledgers.gateway, { serviceId: 'nope', amount: 10n * TOKEN }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ errorName: 'ServiceNotFound', errorArgs: ['nope'] })
  })
})
