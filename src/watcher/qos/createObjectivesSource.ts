import type { ServiceObjectives } from '../../protocol/objectives/types.ts'
import type { ProbeTarget } from '../ports.ts'
import { fetchAdvertisedObjectives } from './fetchAdvertisedObjectives.ts'

/** Where an audit's objectives come from. */
export type ObjectivesSource = (target: ProbeTarget) => Promise<ServiceObjectives>

/**
 * The objectives a supplier is audited against: those it advertised and signed on its endpoint, each
 * objective it left out taken from the watcher's configured ones for the service. A supplier without
 * a verified advertisement (none, unreachable, badly signed, or a target without an endpoint) is
 * audited against the configured objectives alone.
 *
 * @param parameters - the configured objectives per service, fetch, and a sink for unverified ones.
 * @returns the source.
 * @example
 * const objectivesOf = createObjectivesSource({ configured: settings.objectives })
 * await objectivesOf(target) // { ttftP90Ms: 800, maxErrorRate: 0.05 }
 */
export function createObjectivesSource(parameters: {
  configured: Readonly<Record<string, ServiceObjectives>>
  fetch?: typeof fetch
  timeoutMs?: number
  onUnverified?: (target: ProbeTarget, reason: string) => void
}): ObjectivesSource {
  return async (target) => {
    const configured = parameters.configured[target.serviceId] ?? {}
    if (!target.endpoint) return configured
    const advertised = await fetchAdvertisedObjectives({
      endpoint: target.endpoint,
      supplier: target.supplier,
      ...(parameters.fetch ? { fetch: parameters.fetch } : {}),
      ...(parameters.timeoutMs ? { timeoutMs: parameters.timeoutMs } : {}),
    })
    if (!advertised.isVerified) {
      parameters.onUnverified?.(target, advertised.reason)
      return configured
    }
    return { ...configured, ...advertised.services[target.serviceId] }
  }
}
