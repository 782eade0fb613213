import { z } from 'zod'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { RelayRequest } from '../../protocol/relay/types.ts'
import { InvalidRelayError } from '../errors.ts'

// The body of POST /v1/relay (docs/relayminer.md, "Wire format"). uint64 fields travel as decimal
// strings because JSON numbers lose precision above 2^53; a safe integer is accepted too.

const hexBytes = (bytes: number) =>
  z
    .string()
    .regex(new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`), `expected 0x followed by ${bytes * 2} hex digits`)
    .transform((value) => value.toLowerCase() as Hex)
const uint64 = z
  .union([
    z.string().regex(/^\d{1,20}$/, 'expected a decimal uint64 string'),
    z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  ])
  .transform((value) => BigInt(value))
  .refine((value) => value < 2n ** 64n, 'exceeds uint64')
const uint32 = z.number().int().min(0).max(0xffff_ffff)

const sessionHeaderSchema = z.strictObject({
  application: hexBytes(20),
  serviceId: z.string().min(1).max(256),
  sessionId: hexBytes(32),
  sessionStartHeight: uint64,
  sessionEndHeight: uint64,
})

const relayRequestSchema = z.strictObject({
  session: sessionHeaderSchema,
  supplier: hexBytes(20),
  payloadHash: hexBytes(32),
  maxInputTokens: uint32,
  maxOutputTokens: uint32,
  nonce: uint64,
})

const payloadSchema = z.strictObject({
  method: z.string().min(1).max(16),
  path: z.string().min(1).max(256),
  body: z.unknown().optional(),
})

const envelopeSchema = z.strictObject({
  request: relayRequestSchema,
  requestSignature: hexBytes(65),
  payload: payloadSchema,
})

/** The OpenAI-style HTTP request a relay carries (its hash is the request's payloadHash, spec §2.1). */
export type RelayPayload = { method: string; path: string; body?: unknown }

/** A decoded relay envelope. */
export type RelayEnvelope = {
  request: RelayRequest
  requestSignature: Hex
  payload: RelayPayload
}

/**
 * Validates and decodes the body of POST /v1/relay.
 *
 * @param body - the parsed JSON body
 * @returns the relay request (bigint heights and nonce, lower-case hex), its signature and the payload
 * @throws {InvalidRelayError} naming the first offending field
 * @example
 * const { request, requestSignature, payload } = parseRelayEnvelope(await c.req.json())
 */
export function parseRelayEnvelope(body: unknown): RelayEnvelope {
  const result = envelopeSchema.safeParse(body)
  if (result.success) return result.data as RelayEnvelope
  const issue = result.error.issues[0]!
  const field = issue.path.length === 0 ? 'body' : issue.path.join('.')
  throw new InvalidRelayError({ field, reason: issue.message.toLowerCase() })
}

/**
 * The JSON form of a relay request for the wire (uint64 fields as decimal strings).
 *
 * @param request - the relay request
 * @returns a JSON-safe object that `parseRelayEnvelope` reads back
 * @example
 * fetch(url, { method: 'POST', body: JSON.stringify({ request: relayRequestToJson(request), requestSignature, payload }) })
 */
export function relayRequestToJson(request: RelayRequest) {
  const { session } = request
  return {
    session: {
      ...session,
      sessionStartHeight: session.sessionStartHeight.toString(),
      sessionEndHeight: session.sessionEndHeight.toString(),
    },
    supplier: request.supplier,
    payloadHash: request.payloadHash,
    maxInputTokens: request.maxInputTokens,
    maxOutputTokens: request.maxOutputTokens,
    nonce: request.nonce.toString(),
  }
}
