import { signSupplierObjectives } from '../../protocol/objectives/signSupplierObjectives.ts'
import type { ServiceObjectives, SignedSupplierObjectives } from '../../protocol/objectives/types.ts'
import type { RelayMinerSupplier } from '../createRelayMiner.ts'

/**
 * Signs each operator's advertisement once, at boot: the objectives of the services it serves that have
 * any (a supplier with none advertises an empty list, signed all the same, so a watcher can tell "no
 * promise" from "no answer"). Served as they are on `GET /v1/objectives`.
 *
 * @param parameters - the operators served, objectives per service id, the signing time.
 * @returns one signed advertisement per operator.
 * @example
 * const advertisements = signObjectivesAdvertisements({ suppliers, objectives, issuedAt: Date.now() })
 */
export function signObjectivesAdvertisements(parameters: {
  suppliers: readonly RelayMinerSupplier[]
  objectives: ReadonlyMap<string, ServiceObjectives>
  issuedAt: number
}): SignedSupplierObjectives[] {
  return parameters.suppliers.map((supplier) => {
    const services: Record<string, ServiceObjectives> = {}
    for (const serviceId of supplier.serviceIds) {
      const objectives = parameters.objectives.get(serviceId)
      if (objectives) services[serviceId] = definedOnly(objectives)
    }
    const advertisement = {
      version: 1 as const,
      supplier: supplier.operatorAddress,
      services,
      issuedAt: parameters.issuedAt,
    }
    return signSupplierObjectives(advertisement, supplier.privateKey.reveal())
  })
}

// Canonical JSON has no `undefined`: an objective left out is absent, not null.
function definedOnly(objectives: ServiceObjectives): ServiceObjectives {
  return Object.fromEntries(Object.entries(objectives).filter(([, value]) => value !== undefined))
}
