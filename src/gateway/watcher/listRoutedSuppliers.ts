import type { SessionSupplier } from '../ports.ts'
import { usablePairs } from '../routing/createCandidatePlan.ts'
import type { RouterContext } from '../routing/types.ts'

/**
 * The suppliers the gateway routes a service's requests to now: every supplier of every usable
 * session of its applications, once each, less those it has quarantined (a failing verdict, repeated
 * integrity failures). What a watcher inside the gateway audits: a quarantined supplier gets no
 * clients, so every relay it got from the gateway would be a probe.
 *
 * @param context - the gateway's router
 * @param serviceId - the service
 * @returns the suppliers not quarantined, first seen first
 * @throws {NoApplicationError}, {GatewayChainUnavailableError} as routing does
 * @example
 * const suppliers = await listRoutedSuppliers(gateway.router, 'llama-tiny')
 */
export async function listRoutedSuppliers(
  context: RouterContext,
  serviceId: string,
): Promise<SessionSupplier[]> {
  const byOperator = new Map<string, SessionSupplier>()
  for (const { session } of await usablePairs(context, serviceId))
    for (const supplier of session.suppliers)
      if (!byOperator.has(supplier.operator)) byOperator.set(supplier.operator, supplier)
  return [...byOperator.values()].filter(
    (supplier) => !context.scores.standing(supplier.operator).isQuarantined,
  )
}
