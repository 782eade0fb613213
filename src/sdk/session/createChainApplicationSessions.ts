import type { Address } from 'viem'
import { getApplication } from '../../chain/actions/getApplication.ts'
import { getService } from '../../chain/actions/getService.ts'
import { getSession } from '../../chain/actions/getSession.ts'
import { getSessionSuppliers } from '../../chain/actions/getSessionSuppliers.ts'
import { ledgerContracts } from '../../chain/deploy/ledgerContracts.ts'
import { computeServiceKey } from '../../chain/ledger/computeServiceKey.ts'
import type { Ledger } from '../../chain/ledger/createLedger.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { SdkInvalidOptionsError } from '../errors.ts'
import type { ApplicationSessions, SdkSession } from '../ports.ts'

/**
 * Implements `ApplicationSessions` over the ledger with `src/chain`. The current session is read when the
 * chain's session number changes and cached until then. Suppliers come from the service's
 * `SupplierServiceAdded` events (the ledger keeps no list), filtered by `getSessionSuppliers`.
 *
 * @param ledger - the ledger handle (a read-only client is enough)
 * @returns the ledger reads the SDK needs
 * @example
 * const sessions = createChainApplicationSessions(createLedger({ clients, manifest }))
 */
export function createChainApplicationSessions(ledger: Ledger): ApplicationSessions {
  const cache = new Map<string, Promise<SdkSession>>()
  const read = async (application: Hex, serviceId: string, sessionNumber: bigint): Promise<SdkSession> => {
    const session = await getSession(ledger, { application, serviceId, session: sessionNumber })
    const header = { ...session.header, application: application.toLowerCase() as Hex }
    const logs = await ledger.clients.publicClient.getContractEvents({
      address: ledger.contracts.suppliers,
      abi: ledgerContracts.suppliers.abi,
      eventName: 'SupplierServiceAdded',
      args: { serviceKey: computeServiceKey(serviceId) },
      fromBlock: ledger.deployBlock,
      toBlock: header.sessionStartHeight,
    })
    const candidates = [
      ...new Set(logs.map((log) => (log.args.operator as Address).toLowerCase() as Address)),
    ]
    const members = await getSessionSuppliers(ledger, { header, session: sessionNumber, candidates })
    return {
      header,
      sessionNumber,
      suppliers: members.map(({ operator, endpoint }) => ({
        operator: operator.toLowerCase() as Hex,
        endpoint,
      })),
    }
  }
  return {
    async getDomain() {
      return { chainId: await ledger.clients.getChainId(), verifyingContract: ledger.contracts.proofs }
    },
    async getCurrentSession({ application, serviceId }) {
      const height = await ledger.clients.publicClient.getBlockNumber({ cacheTime: 0 })
      const sessionNumber = 1n + (height - ledger.genesisHeight) / ledger.numBlocksPerSession
      const key = `${application}|${serviceId}|${sessionNumber}`
      let session = cache.get(key)
      if (!session) {
        session = read(application, serviceId, sessionNumber)
        session.catch(() => cache.delete(key))
        cache.set(key, session)
      }
      return session
    },
    async getApplicationService(application) {
      const { serviceKey, stake } = await getApplication(ledger, { application })
      if (stake === 0n)
        throw new SdkInvalidOptionsError({
          option: 'applicationKey',
          reason: 'the application is not staked',
        })
      const [added] = await ledger.clients.publicClient.getContractEvents({
        address: ledger.contracts.services,
        abi: ledgerContracts.services.abi,
        eventName: 'ServiceAdded',
        args: { serviceKey },
        fromBlock: ledger.deployBlock,
      })
      const serviceId = added?.args.serviceId as string | undefined
      if (!serviceId)
        throw new SdkInvalidOptionsError({ option: 'serviceId', reason: 'the staked service is unknown' })
      const service = await getService(ledger, { serviceId })
      return {
        serviceId,
        champion: service.owner.toLowerCase() as Hex,
        modelSha256: service.modelSha256,
        modelUris: service.modelUris,
      }
    },
  }
}
