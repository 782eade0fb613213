/**
 * A real decai network for the explorer's tests: anvil, the ledger deployed by `deployDecai` (devnet timing,
 * every claim must be proven, a small difficulty target so the control law moves), two services, a gateway,
 * an application delegating to it, two suppliers. `runSession` drives one whole session → claim → proof →
 * settlement cycle through the chain actions, with relays built and signed as a relay miner would.
 */
import type { Hex } from 'viem'
import { addService } from '../../../src/chain/actions/addService.ts'
import { delegateToGateway } from '../../../src/chain/actions/delegateToGateway.ts'
import { getDifficulty } from '../../../src/chain/actions/getDifficulty.ts'
import { getSession } from '../../../src/chain/actions/getSession.ts'
import { mintFromFaucet } from '../../../src/chain/actions/mintFromFaucet.ts'
import { recordSessionSeed } from '../../../src/chain/actions/recordSessionSeed.ts'
import { settleClaims } from '../../../src/chain/actions/settleClaims.ts'
import { stakeApplication } from '../../../src/chain/actions/stakeApplication.ts'
import { stakeGateway } from '../../../src/chain/actions/stakeGateway.ts'
import { stakeSupplier } from '../../../src/chain/actions/stakeSupplier.ts'
import { submitClaim } from '../../../src/chain/actions/submitClaim.ts'
import { submitProof } from '../../../src/chain/actions/submitProof.ts'
import { createDecaiClients } from '../../../src/chain/client/createDecaiClients.ts'
import { ledgerParamsPresets } from '../../../src/chain/contracts.generated.ts'
import { deployDecai } from '../../../src/chain/deploy/deployDecai.ts'
import type { DeploymentManifest } from '../../../src/chain/deploy/deploymentManifestSchema.ts'
import { createLedger, type Ledger } from '../../../src/chain/ledger/createLedger.ts'
import { readLedger } from '../../../src/chain/ledger/readLedger.ts'
import { anvilDevPrivateKeys } from '../../../src/chain/localChain/devAccounts.ts'
import {
  type StartLocalChainReturnType,
  startLocalChain,
} from '../../../src/chain/localChain/startLocalChain.ts'
import { privateKeyToAddress } from '../../../src/protocol/signature/privateKeyToAddress.ts'
import { buildSupplierWork, type Pricing } from './buildSupplierWork.ts'

const TOKEN = 1_000_000n
export const serviceId = 'llama-tiny'
export const idleServiceId = 'mistral-mini'
const pricing: Pricing & { championBps: number } = {
  cuPerRequest: 100n,
  cuPerInputToken: 1n,
  cuPerOutputToken: 3n,
  championBps: 1_000,
}

type Role = 'governance' | 'champion' | 'application' | 'gateway' | 'owner' | 'operatorA' | 'operatorB'

export type ExplorerDevnet = {
  chain: StartLocalChainReturnType
  manifest: DeploymentManifest
  keys: Record<Role, Hex>
  address(role: Role): Hex
  /** Runs one session for the application: each listed supplier serves, claims, maybe proves; then settles. */
  runSession(
    suppliers: { role: 'operatorA' | 'operatorB'; relays: number; shouldProve: boolean }[],
  ): Promise<{
    session: bigint
    settledAtBlock: bigint
  }>
  stop(): Promise<void>
}

/**
 * Starts anvil, deploys the ledger and stakes every actor; services and stakes are active from the next
 * session.
 *
 * @example
 * const net = await startExplorerDevnet(); await net.runSession([{ role: 'operatorA', relays: 6, shouldProve: true }])
 */
export async function startExplorerDevnet(): Promise<ExplorerDevnet> {
  const chain = await startLocalChain()
  const [governance, champion, application, gateway, owner, operatorA, operatorB] = anvilDevPrivateKeys
  const keys = { governance, champion, application, gateway, owner, operatorA, operatorB } as Record<
    Role,
    Hex
  >
  const connect = (key: Hex) => createDecaiClients({ rpcUrl: chain.rpcUrl, account: key })
  const manifest = await deployDecai({
    clients: connect(keys.governance),
    params: {
      numBlocksPerSession: ledgerParamsPresets.devnet.numBlocksPerSession,
      params: {
        ...ledgerParamsPresets.devnet.params,
        proofRequestProbabilityNumerator: 1n,
        proofRequestProbabilityDenominator: 1n,
        targetRelaysPerSession: 4n,
      },
    },
  })
  const ledgers = Object.fromEntries(
    Object.entries(keys).map(([role, key]) => [role, createLedger({ clients: connect(key), manifest })]),
  ) as Record<Role, Ledger>
  const address = (role: Role) => privateKeyToAddress(keys[role]).toLowerCase() as Hex
  await provision(ledgers, address)
  const runSession = createSessionRunner({ chain, manifest, keys, ledgers, address })
  return { chain, manifest, keys, address, runSession, stop: () => chain.stop() }
}

type SessionRunnerContext = {
  chain: StartLocalChainReturnType
  manifest: DeploymentManifest
  keys: Record<Role, Hex>
  ledgers: Record<Role, Ledger>
  address: (role: Role) => Hex
}

/** One session → claim → proof → settlement cycle per call, in the session after the current one. */
function createSessionRunner({
  chain,
  manifest,
  keys,
  ledgers,
  address,
}: SessionRunnerContext): ExplorerDevnet['runSession'] {
  const head = () => ledgers.governance.clients.publicClient.getBlockNumber()
  const mineTo = async (height: bigint) => {
    const now = await head()
    if (height - 1n > now) await chain.mine(Number(height - 1n - now))
  }
  return async (suppliers) => {
    const session = sessionOf(manifest, await head()) + 1n
    await mineTo(manifest.genesisHeight + (session - 1n) * manifest.numBlocksPerSession)
    await recordSessionSeed(ledgers.governance, { session })
    const found = await getSession(ledgers.governance, {
      application: address('application'),
      serviceId,
      session,
    })
    const header = { ...found.header, application: address('application') }
    const { target } = await getDifficulty(ledgers.governance, { serviceId, session })
    const domain = { chainId: manifest.chainId, verifyingContract: manifest.contracts.proofs }
    const works = suppliers.map((s, i) => ({
      ...s,
      work: buildSupplierWork({
        header,
        domain,
        gatewayKey: keys.gateway,
        operatorKey: keys[s.role],
        pricing,
        target,
        relays: s.relays,
        nonceBase: session * 1_000n + BigInt(i) * 100n,
      }),
    }))
    const t = found.timeline
    await mineTo(t.claimWindowOpen)
    for (const { role, work } of works) await submitClaim(ledgers[role], { header, root: work.claim.root })
    await mineTo(t.proofWindowOpen + 1n)
    const proofSeed = await readLedger(ledgers.governance, 'sessions', 'proofSeed', [session])
    for (const { role, work, shouldProve } of works)
      if (shouldProve) await submitProof(ledgers[role], { claim: work.claim, proof: work.proof(proofSeed) })
    await mineTo(t.settlementHeight)
    const settled = await settleClaims(ledgers.governance, { claims: works.map((w) => w.work.claim) })
    return { session, settledAtBlock: settled.blockNumber }
  }
}

async function provision(ledgers: Record<Role, Ledger>, address: (role: Role) => Hex): Promise<void> {
  for (const role of ['application', 'gateway', 'owner'] as const)
    await mintFromFaucet(ledgers.governance, { to: address(role), amount: 2_000n * TOKEN })
  const model = (byte: string) => `0x${byte.repeat(32)}` as Hex
  await addService(ledgers.champion, {
    serviceId,
    pricing,
    modelSha256: model('ab'),
    modelUris: ['ipfs://bafy-llama-tiny', 'https://models.example/llama-tiny.gguf'],
    license: 'MIT',
  })
  await addService(ledgers.champion, {
    serviceId: idleServiceId,
    pricing: { ...pricing, cuPerRequest: 50n },
    modelSha256: model('cd'),
    modelUris: ['https://models.example/mistral-mini.gguf'],
    license: 'Apache-2.0',
  })
  await stakeGateway(ledgers.gateway, { amount: 10n * TOKEN })
  await stakeApplication(ledgers.application, { serviceId, amount: 500n * TOKEN })
  await delegateToGateway(ledgers.application, { gateway: address('gateway') })
  for (const [role, stake] of [
    ['operatorA', 300n],
    ['operatorB', 100n],
  ] as const)
    await stakeSupplier(ledgers.owner, {
      operator: address(role),
      amount: stake * TOKEN,
      services: [{ serviceId, endpoint: `http://${role.toLowerCase()}.supplier.test` }],
    })
}

function sessionOf(manifest: DeploymentManifest, height: bigint): bigint {
  return 1n + (height - manifest.genesisHeight) / manifest.numBlocksPerSession
}
