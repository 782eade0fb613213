/**
 * A real decai network for the relayminer's end-to-end tests: anvil, the ledger deployed with devnet
 * timing (every claim needs a proof, so the proof path always runs), one service whose model commitment
 * is the tiny generated GGUF, a gateway, an application delegating to it, and one supplier.
 */
import { join } from 'node:path'
import { addService } from '../../src/chain/actions/addService.ts'
import { delegateToGateway } from '../../src/chain/actions/delegateToGateway.ts'
import { getSession } from '../../src/chain/actions/getSession.ts'
import { mintFromFaucet } from '../../src/chain/actions/mintFromFaucet.ts'
import { stakeApplication } from '../../src/chain/actions/stakeApplication.ts'
import { stakeGateway } from '../../src/chain/actions/stakeGateway.ts'
import { stakeSupplier } from '../../src/chain/actions/stakeSupplier.ts'
import { createDecaiClients } from '../../src/chain/client/createDecaiClients.ts'
import { ledgerParamsPresets } from '../../src/chain/contracts.generated.ts'
import { deployDecai } from '../../src/chain/deploy/deployDecai.ts'
import type { DeploymentManifest } from '../../src/chain/deploy/deploymentManifestSchema.ts'
import { writeDeploymentManifest } from '../../src/chain/deploy/writeDeploymentManifest.ts'
import { createLedger, type Ledger } from '../../src/chain/ledger/createLedger.ts'
import { anvilDevPrivateKeys } from '../../src/chain/localChain/devAccounts.ts'
import {
  type StartLocalChainReturnType,
  startLocalChain,
} from '../../src/chain/localChain/startLocalChain.ts'
import type { Hex } from '../../src/protocol/bytes/bytes.ts'
import type { SessionHeader } from '../../src/protocol/relay/types.ts'
import { privateKeyToAddress } from '../../src/protocol/signature/privateKeyToAddress.ts'

const TOKEN = 1_000_000n
export const serviceId = 'llama-tiny'

export type ChainNetwork = {
  chain: StartLocalChainReturnType
  manifest: DeploymentManifest
  manifestFile: string
  keys: { governance: Hex; champion: Hex; application: Hex; gateway: Hex; owner: Hex; operator: Hex }
  addresses: { application: Hex; gateway: Hex; owner: Hex; operator: Hex }
  governance: Ledger
  /** The session the network is usable from (services and stakes take effect at the next session). */
  firstSession: bigint
  startOf(session: bigint): bigint
  /** Mines until the head is at least `height`. */
  mineTo(height: bigint): Promise<void>
  head(): Promise<bigint>
  header(session: bigint): Promise<SessionHeader>
  stop(): Promise<void>
}

/**
 * Starts anvil, deploys the ledger and stakes every actor.
 *
 * @param options - the model's sha256 (the service commitment) and a directory for the manifest
 * @returns the network
 * @example
 * const net = await startChainNetwork({ modelSha256, dir })
 */
export async function startChainNetwork(options: {
  modelSha256: string
  dir: string
}): Promise<ChainNetwork> {
  const chain = await startLocalChain()
  const [governance, champion, application, gateway, owner, operator] = anvilDevPrivateKeys
  const keys = { governance, champion, application, gateway, owner, operator }
  const ledgerOf = (key: Hex, manifest: DeploymentManifest) =>
    createLedger({ clients: createDecaiClients({ rpcUrl: chain.rpcUrl, account: key }), manifest })
  const params = {
    numBlocksPerSession: ledgerParamsPresets.devnet.numBlocksPerSession,
    params: {
      ...ledgerParamsPresets.devnet.params,
      proofRequestProbabilityNumerator: 1n,
      proofRequestProbabilityDenominator: 1n,
    },
  }
  const manifest = await deployDecai({
    clients: createDecaiClients({ rpcUrl: chain.rpcUrl, account: governance }),
    params,
  })
  const manifestFile = join(options.dir, 'deployment.json')
  await writeDeploymentManifest(manifestFile, manifest)
  const ledgers = {
    governance: ledgerOf(governance, manifest),
    champion: ledgerOf(champion, manifest),
    application: ledgerOf(application, manifest),
    gateway: ledgerOf(gateway, manifest),
    owner: ledgerOf(owner, manifest),
  }
  for (const key of [application, gateway, owner])
    await mintFromFaucet(ledgers.governance, { to: privateKeyToAddress(key), amount: 1_000n * TOKEN })
  await addService(ledgers.champion, {
    serviceId,
    pricing: { cuPerRequest: 100n, cuPerInputToken: 1n, cuPerOutputToken: 3n, championBps: 1_000 },
    modelSha256: `0x${options.modelSha256}`,
    modelUris: ['file://tiny.gguf'],
    license: 'MIT',
  })
  await stakeGateway(ledgers.gateway, { amount: 10n * TOKEN })
  await stakeApplication(ledgers.application, { serviceId, amount: 500n * TOKEN })
  await delegateToGateway(ledgers.application, { gateway: privateKeyToAddress(gateway) })
  await stakeSupplier(ledgers.owner, {
    operator: privateKeyToAddress(operator),
    amount: 100n * TOKEN,
    services: [{ serviceId, endpoint: 'http://127.0.0.1' }],
  })
  const startOf = (session: bigint) => manifest.genesisHeight + (session - 1n) * manifest.numBlocksPerSession
  const head = () => ledgers.governance.clients.publicClient.getBlockNumber()
  // Services, stakes and delegations take effect at the session after the one they were made in.
  const currentSession = 1n + ((await head()) - manifest.genesisHeight) / manifest.numBlocksPerSession
  const mineTo = async (height: bigint) => {
    const now = await head()
    if (height > now) await chain.mine(Number(height - now))
  }
  return {
    chain,
    manifest,
    manifestFile,
    keys,
    addresses: {
      application: privateKeyToAddress(application),
      gateway: privateKeyToAddress(gateway),
      owner: privateKeyToAddress(owner),
      operator: privateKeyToAddress(operator),
    },
    governance: ledgers.governance,
    firstSession: currentSession + 1n,
    startOf,
    mineTo,
    head,
    async header(session) {
      const found = await getSession(ledgers.governance, {
        application: privateKeyToAddress(application),
        serviceId,
        session,
      })
      return { ...found.header, application: found.header.application.toLowerCase() as Hex }
    },
    stop: () => chain.stop(),
  }
}
