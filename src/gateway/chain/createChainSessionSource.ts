import type { Address } from 'viem'
import { getSession } from '../../chain/actions/getSession.ts'
import { getSessionSuppliers } from '../../chain/actions/getSessionSuppliers.ts'
import { isAuthorizedSigner } from '../../chain/actions/isAuthorizedSigner.ts'
import { computeServiceKey } from '../../chain/ledger/computeServiceKey.ts'
import type { Ledger } from '../../chain/ledger/createLedger.ts'
import { readLedger } from '../../chain/ledger/readLedger.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { GatewaySession, SessionSource, SessionSupplier } from '../ports.ts'
import { createSupplierDirectory, type SupplierDirectory } from './createSupplierDirectory.ts'

/**
 * Implements `SessionSource` over the ledger contracts with `src/chain`: the session header and
 * timeline (`getSession`), the grace period, pricing and CU rate in force for the session, whether the
 * application is staked for the service and the signer authorised, and the suppliers drawn into it
 * with their endpoints and owners. Reads issued together share one JSON-RPC batch.
 *
 * @param ledger - the ledger handle
 * @param options - a supplier directory (default: one over the ledger's events)
 * @returns the session source
 * @example
 * const source = createChainSessionSource(ledger)
 * const session = await source.getSession({ application, serviceId, sessionNumber, signer })
 */
export function createChainSessionSource(
  ledger: Ledger,
  options: { directory?: SupplierDirectory } = {},
): SessionSource {
  const directory = options.directory ?? createSupplierDirectory(ledger)
  const owners = new Map<Address, Promise<Hex>>()
  const ownerOf = (operator: Address) => {
    let owner = owners.get(operator)
    if (!owner) {
      owner = readLedger(ledger, 'suppliers', 'suppliers', [operator]).then(
        ([address]) => address.toLowerCase() as Hex,
      )
      owner.catch(() => owners.delete(operator))
      owners.set(operator, owner)
    }
    return owner
  }
  return {
    async getLedgerInfo() {
      return {
        domain: { chainId: await ledger.clients.getChainId(), verifyingContract: ledger.contracts.proofs },
        numBlocksPerSession: ledger.numBlocksPerSession,
        genesisHeight: ledger.genesisHeight,
      }
    },
    getBlockNumber: () => ledger.clients.publicClient.getBlockNumber({ cacheTime: 0 }),
    async getSession({ application, serviceId, sessionNumber, signer }): Promise<GatewaySession> {
      const serviceKey = computeServiceKey(serviceId)
      const session = await getSession(ledger, { application, serviceId, session: sessionNumber })
      const header = { ...session.header, application: application.toLowerCase() as Hex }
      const [params, [pricing], [isActive, stakedKey], isAuthorized, candidates] = await Promise.all([
        readLedger(ledger, 'params', 'paramsAt', [sessionNumber]),
        readLedger(ledger, 'services', 'sessionTerms', [serviceKey, sessionNumber]),
        readLedger(ledger, 'applications', 'claimTerms', [application, sessionNumber]),
        isAuthorizedSigner(ledger, { application, signer, session: sessionNumber }),
        directory.operatorsFor(serviceKey, header.sessionStartHeight),
      ])
      const members = await getSessionSuppliers(ledger, { header, session: sessionNumber, candidates })
      const suppliers = await Promise.all(
        members.map(
          async ({ operator, endpoint }): Promise<SessionSupplier> => ({
            operator: operator.toLowerCase() as Hex,
            endpoint,
            owner: await ownerOf(operator),
          }),
        ),
      )
      return {
        header,
        sessionNumber,
        graceEndHeight: header.sessionEndHeight + BigInt(params.gracePeriodBlocks),
        suppliers,
        pricing: {
          cuPerRequest: BigInt(pricing.cuPerRequest),
          cuPerInputToken: BigInt(pricing.cuPerInputToken),
          cuPerOutputToken: BigInt(pricing.cuPerOutputToken),
        },
        cuToToken: {
          numerator: BigInt(params.cuToTokenNumerator),
          denominator: BigInt(params.cuToTokenDenominator),
        },
        isApplicationActive: isActive && stakedKey.toLowerCase() === serviceKey.toLowerCase(),
        isSignerAuthorized: isAuthorized,
      }
    },
  }
}
