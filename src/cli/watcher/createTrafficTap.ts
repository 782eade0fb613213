import type { CreateGatewayParameters } from '../../gateway/index.ts'
import type { ChatCompletionRequest } from '../../inference/index.ts'
import type { Watcher } from '../../watcher/index.ts'

/** Hands a gateway's client requests to the watcher in the same process, once there is one. */
export type TrafficTap = {
  /** The gateway's `observeRequest`. */
  observeRequest: NonNullable<CreateGatewayParameters['observeRequest']>
  /** Starts handing chat requests to `watcher` (built after the gateway, whose router it probes through). */
  attach(watcher: Pick<Watcher, 'recordTraffic'>): void
}

/**
 * The link from a gateway's client requests to its watcher's probe shapes: every validated chat
 * request is recorded, so probes copy the fields, values and lengths of the traffic they travel in.
 * Requests seen before a watcher is attached are not kept.
 *
 * @returns the tap.
 * @example
 * const tap = createTrafficTap(); createGateway({ observeRequest: tap.observeRequest }); tap.attach(watcher)
 */
export function createTrafficTap(): TrafficTap {
  let watcher: Pick<Watcher, 'recordTraffic'> | undefined
  return {
    observeRequest(request) {
      if (request.operation === 'chat') watcher?.recordTraffic(request.body as ChatCompletionRequest)
    },
    attach(next) {
      watcher = next
    },
  }
}
