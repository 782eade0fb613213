import type { MiddlewareHandler } from 'hono'
import { UnauthorizedError } from '../errors.ts'
import type { ApiKeyRecord, KeyStore } from '../keys/openKeyStore.ts'

/** The key used when the gateway runs without API keys (`keys.isRequired: false`). */
export const anonymousKey: ApiKeyRecord = Object.freeze({
  id: 'anonymous',
  name: 'anonymous',
  keyHash: '',
  prefix: '',
  createdAtMs: 0,
  revokedAtMs: undefined,
  requestsPerMinute: 0,
  tokensPerMinute: 0,
  budgetBaseUnits: undefined,
})

/** Variables the gateway's middleware sets on the request context. */
export type GatewayVariables = {
  apiKey: ApiKeyRecord
  model: string
  isStream: boolean
  /** Fires when the client leaves before its answer (set by the inference endpoints). */
  clientSignal: AbortSignal
}

/**
 * Authenticates `Authorization: Bearer <key>` (or `x-api-key`, as some clients send) against the key
 * store: missing, unknown and revoked keys are refused with 401. The store caches records until any
 * process (the CLI) creates or revokes a key, so a revoked key stops working on its next request.
 *
 * @param options - the key store, and whether keys are required
 * @returns the middleware
 * @example
 * app.use('/v1/*', createAuthenticate({ keyStore, isRequired: true }))
 */
export function createAuthenticate(options: KeyOptions): MiddlewareHandler<{ Variables: GatewayVariables }> {
  return async function authenticate(c, next) {
    c.set('apiKey', findApiKey(options, c.req.header('authorization'), c.req.header('x-api-key')))
    return next()
  }
}

/** Where keys are looked up, and whether one is needed. */
export type KeyOptions = { keyStore: KeyStore | undefined; isRequired: boolean }

/**
 * The key a request presents, as `createAuthenticate` checks it (the Node fast path calls it directly).
 *
 * @param options - the key store, and whether keys are required
 * @param authorization - the `Authorization` header
 * @param apiKeyHeader - the `x-api-key` header
 * @returns the key's record (`anonymousKey` when keys are not required)
 * @throws {UnauthorizedError} missing, unknown or revoked
 * @example
 * const apiKey = findApiKey(options, headers.authorization, headers['x-api-key'])
 */
export function findApiKey(
  options: KeyOptions,
  authorization: string | undefined,
  apiKeyHeader: string | string[] | undefined,
): ApiKeyRecord {
  if (!options.isRequired || !options.keyStore) return anonymousKey
  const presented =
    authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ??
    (typeof apiKeyHeader === 'string' ? apiKeyHeader : undefined)
  if (!presented) throw new UnauthorizedError({ reason: 'missing' })
  const record = options.keyStore.findByKey(presented)
  if (!record) throw new UnauthorizedError({ reason: 'invalid' })
  if (record.revokedAtMs !== undefined) throw new UnauthorizedError({ reason: 'revoked' })
  return record
}
