import { createHash } from 'node:crypto'
import type { Hex } from '../bytes/bytes.ts'
import { canonicalJson } from './canonicalJson.ts'
import type { InvalidJsonError } from './errors.ts'

export type StreamPayloadHasher = {
  /** Adds the parsed JSON of one SSE `data:` event (never `[DONE]`, never the signed trailer). */
  update(chunk: unknown): void
  /** The payloadHash of the chunks so far; the hasher stays usable (a broken stream can be resumed). */
  digest(): Hex
  /** Chunks added so far. */
  readonly chunkCount: number
}
export type CreateStreamPayloadHasherErrorType = InvalidJsonError

/**
 * An incremental hasher for streamed (SSE) responses (spec §2.2):
 * `sha256(c_1 ‖ 0x0a ‖ c_2 ‖ 0x0a ‖ … ‖ c_n ‖ 0x0a)` with `c_i` the JCS text of the i-th event's JSON.
 * Supplier and client feed it as chunks flow, so neither buffers the whole stream.
 *
 * @returns a hasher; `update` throws InvalidJsonError for a chunk with no JCS form (nothing is added then).
 *
 * @example
 * const hasher = createStreamPayloadHasher()
 * for (const event of events) hasher.update(JSON.parse(event.data))
 * const payloadHash = hasher.digest()
 */
export function createStreamPayloadHasher(): StreamPayloadHasher {
  const hash = createHash('sha256')
  let chunkCount = 0
  return {
    update(chunk: unknown): void {
      const text = canonicalJson(chunk, `stream chunk ${chunkCount}`)
      hash.update(text, 'utf8')
      hash.update('\n', 'utf8')
      chunkCount++
    },
    digest(): Hex {
      // copy() keeps the running state, so digest() can be read mid-stream.
      return `0x${hash.copy().digest('hex')}`
    },
    get chunkCount(): number {
      return chunkCount
    },
  }
}
