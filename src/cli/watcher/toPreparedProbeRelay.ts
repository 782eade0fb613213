import type { PinnedRelay } from '../../gateway/watcher/buildPinnedRelay.ts'
import type { PreparedProbeRelay } from '../../watcher/transport/createRoutedProbeTransport.ts'

/**
 * A gateway's pinned relay as the watcher's transports read it: the same signed request, digest and
 * wire envelope, and the gateway transport's `send`.
 *
 * @param pinned - a relay built by `buildPinnedRelay` or `preparePinnedRelay`
 * @returns the prepared probe relay
 * @example
 * const prepared = toPreparedProbeRelay(await preparePinnedRelay(router, { supplier, body, models }))
 */
export function toPreparedProbeRelay(pinned: PinnedRelay): PreparedProbeRelay {
  const { request, requestHash, json } = pinned.relay
  return { domain: pinned.domain, relay: { request, requestHash, envelope: json }, send: pinned.send }
}
