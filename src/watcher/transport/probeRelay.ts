import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { RelayRequest } from '../../protocol/relay/types.ts'

/** A signed relay carrying one probe, and what its answer is checked against. */
export type ProbeRelay = {
  request: RelayRequest
  /** The request's EIP-712 digest: the signed response must name it. */
  requestHash: Hex
  /** The body of `POST /v1/relay` (uint64 fields as decimal strings, docs/relayminer.md). */
  envelope: {
    request: Record<string, unknown>
    requestSignature: Hex
    payload: { method: string; path: string; body: unknown }
  }
}
