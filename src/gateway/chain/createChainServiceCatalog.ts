import { getService } from '../../chain/actions/getService.ts'
import { ChainCallRevertedError } from '../../chain/errors/transaction.ts'
import type { Ledger } from '../../chain/ledger/createLedger.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { ServiceCatalog } from '../ports.ts'

/**
 * Implements `ServiceCatalog` with `getService`: champion, model artifact and current pricing.
 *
 * @param ledger - the ledger handle
 * @returns the catalog; an unknown service id reads as `undefined`
 * @example
 * const service = await createChainServiceCatalog(ledger).getService('llama-tiny')
 */
export function createChainServiceCatalog(ledger: Ledger): ServiceCatalog {
  return {
    async getService(serviceId) {
      try {
        const service = await getService(ledger, { serviceId })
        return {
          serviceId,
          owner: service.owner.toLowerCase() as Hex,
          modelSha256: service.modelSha256,
          modelUris: service.modelUris,
          license: service.license,
          pricing: service.pricing && {
            cuPerRequest: BigInt(service.pricing.cuPerRequest),
            cuPerInputToken: BigInt(service.pricing.cuPerInputToken),
            cuPerOutputToken: BigInt(service.pricing.cuPerOutputToken),
          },
        }
      } catch (error) {
        if (error instanceof ChainCallRevertedError && error.errorName === 'ServiceNotFound') return undefined
        throw error
      }
    },
  }
}
