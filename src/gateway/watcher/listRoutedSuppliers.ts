import type { SessionSupplier } from '../ports.ts'
import { usablePairs } from '../routing/createCandidatePlan.ts'
import type { RouterContext } from '../routing/types.ts'

/**
 * The suppliers the gateway may route a service's requests to now: every supplier of every usable
 * session of its applications, once each. What a watcher inside the gateway audits.
 *
 * @param context - the gateway's router
 * @param serviceId - the service
 * @returns the suppliers, first seen first
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
  return [...byOperator.values()]
}
