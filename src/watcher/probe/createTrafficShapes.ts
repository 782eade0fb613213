import type { ChatCompletionRequest } from '../../inference/index.ts'
import { type ProbeShape, sampleProbeShape, shapeOfRequest, type TrafficProfile } from './probeShape.ts'

/** Where probe shapes come from: real traffic once enough was seen, the configured profile before. */
export type TrafficShapes = {
  /** Records an ordinary request's shape (a gateway calls this for the traffic it relays). */
  record(request: ChatCompletionRequest): void
  /** A shape for the next probe. */
  sample(random: () => number): ProbeShape
  /** How many real shapes are held. */
  size(): number
}

/**
 * Keeps a uniform reservoir sample of the request shapes seen in real traffic and draws probe shapes
 * from it, so probes name the same fields with the same values (temperatures, limits, streaming,
 * logprobs, penalties) and carry about as much text as the traffic they hide in. Until `minObserved` shapes were seen it draws from the configured profile.
 *
 * @param parameters - the fallback profile, reservoir size and minimum sample.
 * @returns the shape source.
 * @example
 * const shapes = createTrafficShapes({ profile, capacity: 1024, minObserved: 50 })
 * shapes.record(request)
 */
export function createTrafficShapes(parameters: {
  profile: TrafficProfile
  capacity: number
  minObserved: number
  random?: () => number
}): TrafficShapes {
  const reservoir: ProbeShape[] = []
  const random = parameters.random ?? Math.random
  let seen = 0
  return {
    record(request) {
      seen++
      const shape = shapeOfRequest(request)
      if (reservoir.length < parameters.capacity) reservoir.push(shape)
      else {
        // Algorithm R: every shape seen so far stays in the reservoir with the same probability.
        const slot = Math.floor(random() * seen)
        if (slot < parameters.capacity) reservoir[slot] = shape
      }
    },
    sample(draw) {
      if (reservoir.length < parameters.minObserved) return sampleProbeShape(parameters.profile, draw)
      return reservoir[Math.floor(draw() * reservoir.length)]!
    },
    size: () => reservoir.length,
  }
}
