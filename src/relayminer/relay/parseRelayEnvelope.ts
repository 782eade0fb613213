import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { RelayRequest, SessionHeader } from '../../protocol/relay/types.ts'
import { InvalidRelayError } from '../errors.ts'

// The body of POST /v1/relay (docs/relayminer.md, "Wire format"). uint64 fields travel as decimal
// strings because JSON numbers lose precision above 2^53; a safe integer is accepted too. Validated by
// hand rather than with a schema library: this runs once per relay and is on the latency budget.

/** The OpenAI-style HTTP request a relay carries (its hash is the request's payloadHash, spec §2.1). */
export type RelayPayload = { method: string; path: string; body?: unknown }

/** A decoded relay envelope. */
export type RelayEnvelope = {
  request: RelayRequest
  requestSignature: Hex
  payload: RelayPayload
}

type Fields = Record<string, unknown>

const HEX_RE = /^0x[0-9a-fA-F]*$/
const UINT64_RE = /^\d{1,20}$/
const UINT64_LIMIT = 2n ** 64n

/**
 * Validates and decodes the body of POST /v1/relay.
 *
 * @param body - the parsed JSON body
 * @returns the relay request (bigint heights and nonce, lower-case hex), its signature and the payload
 * @throws {InvalidRelayError} naming the first offending field
 * @example
 * const { request, requestSignature, payload } = parseRelayEnvelope(JSON.parse(text))
 */
export function parseRelayEnvelope(body: unknown): RelayEnvelope {
  const envelope = object(body, 'body', ['request', 'requestSignature', 'payload'])
  return {
    request: parseRequest(envelope.request),
    requestSignature: hex(envelope.requestSignature, 'requestSignature', 65),
    payload: parsePayload(envelope.payload),
  }
}

function parseRequest(value: unknown): RelayRequest {
  const request = object(value, 'request', [
    'session',
    'supplier',
    'payloadHash',
    'maxInputTokens',
    'maxOutputTokens',
    'nonce',
  ])
  return {
    session: parseSessionHeader(request.session),
    supplier: hex(request.supplier, 'request.supplier', 20),
    payloadHash: hex(request.payloadHash, 'request.payloadHash', 32),
    maxInputTokens: uint32(request.maxInputTokens, 'request.maxInputTokens'),
    maxOutputTokens: uint32(request.maxOutputTokens, 'request.maxOutputTokens'),
    nonce: uint64(request.nonce, 'request.nonce'),
  }
}

function parseSessionHeader(value: unknown): SessionHeader {
  const fields = ['application', 'serviceId', 'sessionId', 'sessionStartHeight', 'sessionEndHeight']
  const session = object(value, 'request.session', fields)
  const serviceId = session.serviceId
  if (typeof serviceId !== 'string' || serviceId.length === 0 || serviceId.length > 256)
    throw new InvalidRelayError({
      field: 'request.session.serviceId',
      reason: 'must be a string of 1 to 256 characters',
    })
  return {
    application: hex(session.application, 'request.session.application', 20),
    serviceId,
    sessionId: hex(session.sessionId, 'request.session.sessionId', 32),
    sessionStartHeight: uint64(session.sessionStartHeight, 'request.session.sessionStartHeight'),
    sessionEndHeight: uint64(session.sessionEndHeight, 'request.session.sessionEndHeight'),
  }
}

function parsePayload(value: unknown): RelayPayload {
  const payload = object(value, 'payload', ['method', 'path', 'body'], ['body'])
  const { method, path } = payload
  if (typeof method !== 'string' || method.length === 0 || method.length > 16)
    throw new InvalidRelayError({ field: 'payload.method', reason: 'must be an HTTP method' })
  if (typeof path !== 'string' || path.length === 0 || path.length > 256)
    throw new InvalidRelayError({ field: 'payload.path', reason: 'must be a path of 1 to 256 characters' })
  return 'body' in payload ? { method, path, body: payload.body } : { method, path }
}

function object(
  value: unknown,
  field: string,
  keys: readonly string[],
  optional: readonly string[] = [],
): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidRelayError({ field, reason: 'must be an object' })
  const fields = value as Fields
  for (const key of keys)
    if (!(key in fields) && !optional.includes(key))
      throw new InvalidRelayError({ field: `${field}.${key}`, reason: 'is missing' })
  for (const key in fields)
    if (!keys.includes(key))
      throw new InvalidRelayError({ field: `${field}.${key}`, reason: 'is not a known field' })
  return fields
}

function hex(value: unknown, field: string, bytes: number): Hex {
  if (typeof value !== 'string' || value.length !== 2 + 2 * bytes || !HEX_RE.test(value))
    throw new InvalidRelayError({ field, reason: `must be 0x followed by ${2 * bytes} hex digits` })
  return value.toLowerCase() as Hex
}

function uint32(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffff_ffff)
    throw new InvalidRelayError({ field, reason: 'must be an integer in [0, 2^32 − 1]' })
  return value
}

function uint64(value: unknown, field: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  if (typeof value === 'string' && UINT64_RE.test(value)) {
    const parsed = BigInt(value)
    if (parsed < UINT64_LIMIT) return parsed
  }
  throw new InvalidRelayError({ field, reason: 'must be a uint64 as a decimal string' })
}

export { relayRequestToJson } from '../../protocol/relay/relayRequestToJson.ts'
