import type { Logger } from 'pino'
import { getClaimStatus } from '../../chain/actions/getClaimStatus.ts'
import { isAuthorizedSigner } from '../../chain/actions/isAuthorizedSigner.ts'
import { settleClaims } from '../../chain/actions/settleClaims.ts'
import { submitProof } from '../../chain/actions/submitProof.ts'
import { createDecaiClients } from '../../chain/client/createDecaiClients.ts'
import type { DeploymentManifest } from '../../chain/deploy/deploymentManifestSchema.ts'
import { type Ledger as ChainLedger, createLedger } from '../../chain/ledger/createLedger.ts'
import { readLedger } from '../../chain/ledger/readLedger.ts'
import { writeLedger } from '../../chain/ledger/writeLedger.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { Secret } from '../config/secret.ts'
import type { ClaimKey, Ledger } from '../ports.ts'
import { readOnchainSession } from './readOnchainSession.ts'

export type CreateChainLedgerParameters = {
  rpcUrl: string
  manifest: DeploymentManifest
  /** Operator address (lower case) → key; each supplier's claims and proofs are sent from its own key. */
  operatorKeys: ReadonlyMap<Hex, Secret<Hex>>
  logger: Logger
  /** Gas a claim costs, for the profitability estimate (the ledger bench reports it). Default 150 000. */
  claimGas?: bigint
}

/**
 * The relayminer's ledger port over decai's contracts (`src/chain`): reads through one client, writes
 * from each supplier operator's own account (claims and proofs must come from the operator).
 *
 * @param parameters - RPC URL, deployment manifest, operator keys, logger
 * @returns the port
 * @example
 * const ledger = createChainLedger({ rpcUrl, manifest: await readDeploymentManifest(file), operatorKeys, logger })
 */
export function createChainLedger(parameters: CreateChainLedgerParameters): Ledger {
  const { rpcUrl, manifest, logger } = parameters
  const reader = createLedger({ clients: createDecaiClients({ rpcUrl, logger }), manifest })
  const writers = new Map<string, ChainLedger>()
  for (const [address, key] of parameters.operatorKeys)
    writers.set(
      address,
      createLedger({ clients: createDecaiClients({ rpcUrl, logger, account: key.reveal() }), manifest }),
    )
  const writerOf = (supplier: Hex) => {
    const writer = writers.get(supplier.toLowerCase())
    if (!writer) throw new Error(`no key for supplier ${supplier}`)
    return writer
  }
  const claimGas = parameters.claimGas ?? 150_000n
  return {
    async getLedgerInfo() {
      return {
        domain: {
          chainId: await reader.clients.getChainId(),
          verifyingContract: manifest.contracts.proofs.toLowerCase() as Hex,
        },
        numBlocksPerSession: reader.numBlocksPerSession,
        genesisHeight: reader.genesisHeight,
      }
    },
    getBlockNumber: () => reader.clients.publicClient.getBlockNumber(),
    getSession: (query) => readOnchainSession(reader, query),
    isAuthorizedSigner: ({ application, signer, sessionNumber }) =>
      isAuthorizedSigner(reader, { application, signer, session: sessionNumber }),
    async getProofSeed(sessionNumber) {
      const seedHeight = await readLedger(reader, 'sessions', 'proofSeedHeight', [sessionNumber])
      if ((await reader.clients.publicClient.getBlockNumber()) <= seedHeight) return undefined
      const seed = await readLedger(reader, 'sessions', 'proofSeed', [sessionNumber])
      return /^0x0*$/.test(seed) ? undefined : seed
    },
    async getClaim(key) {
      const status = await getClaimStatus(reader, { claim: toClaimData(key) })
      if (status === 'none') return undefined
      return { isProven: status === 'proven', isSettled: false }
    },
    async submitClaims(supplier, claims) {
      await writeLedger(writerOf(supplier), 'claims', 'createClaims', [
        claims.map((claim) => ({ session: claim.sessionHeader, root: claim.root })),
      ])
    },
    async submitProof(supplier, proof) {
      await submitProof(writerOf(supplier), {
        claim: toClaimData({ supplier, sessionHeader: proof.sessionHeader, root: proof.root }),
        proof: proof.proof,
      })
    },
    async settleClaims(supplier, keys) {
      await settleClaims(writerOf(supplier), { claims: keys.map(toClaimData) })
    },
    async estimateClaimCostWei(_supplier, count) {
      return claimGas * BigInt(count) * (await reader.clients.publicClient.getGasPrice())
    },
  }
}

function toClaimData(key: ClaimKey) {
  return { session: key.sessionHeader, supplierOperator: key.supplier, root: key.root }
}
