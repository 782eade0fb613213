import { BaseError } from '../protocol/errors/BaseError.ts'
import type { Fault } from '../protocol/errors/codes.ts'
import type { RelayResponseCheck } from '../protocol/relay/verifyRelayResponse.ts'

// Every error the gateway raises (docs/errors.md, GATEWAY). Messages are safe to show a client: they
// never name keys, prompts, supplier URLs or file paths. The HTTP edge maps them to OpenAI error bodies.

/** The config file is missing, not YAML, or fails its schema. */
export class GatewayConfigError extends BaseError {
  constructor({ details, cause }: { details: string; cause?: unknown }) {
    super('The gateway config is invalid.', {
      code: 'GATEWAY_INVALID_CONFIG',
      fault: 'internal',
      name: 'GatewayConfigError',
      details,
      cause,
    })
  }
}

/** An environment variable the config names for a key is unset or empty. */
export class GatewayMissingSecretError extends BaseError {
  constructor({ variable, purpose }: { variable: string; purpose: string }) {
    super(`Environment variable ${variable} (${purpose}) is not set.`, {
      code: 'GATEWAY_MISSING_SECRET',
      fault: 'internal',
      name: 'GatewayMissingSecretError',
    })
  }
}

/** The body is not JSON or not a valid OpenAI request; `param` names the offending field. */
export class InvalidGatewayRequestError extends BaseError {
  readonly param: string | null
  /** OpenAI's `error.code` for this case (e.g. `context_length_exceeded`), when it has one. */
  readonly openaiCode: string | null
  constructor({ param, reason, openaiCode }: { param: string | null; reason: string; openaiCode?: string }) {
    super(param ? `Invalid request: ${param} ${reason}.` : `Invalid request: ${reason}.`, {
      code: 'GATEWAY_INVALID_REQUEST',
      fault: 'client',
      name: 'InvalidGatewayRequestError',
    })
    this.param = param
    this.openaiCode = openaiCode ?? null
  }
}

/** The body is larger than the configured limit. */
export class BodyTooLargeError extends BaseError {
  constructor({ maxBodyBytes }: { maxBodyBytes: number }) {
    super(`The request body exceeds ${maxBodyBytes} bytes.`, {
      code: 'GATEWAY_BODY_TOO_LARGE',
      fault: 'client',
      name: 'BodyTooLargeError',
    })
  }
}

/** No API key, an unknown one, or a revoked one. */
export class UnauthorizedError extends BaseError {
  constructor({ reason }: { reason: 'missing' | 'invalid' | 'revoked' }) {
    const text =
      reason === 'missing'
        ? 'You did not provide an API key. Send it as "Authorization: Bearer <key>".'
        : reason === 'revoked'
          ? 'This API key has been revoked.'
          : 'Incorrect API key provided.'
    super(text, { code: 'GATEWAY_UNAUTHORIZED', fault: 'client', name: 'UnauthorizedError' })
  }
}

/** The model names no service this gateway serves. */
export class ModelNotFoundError extends BaseError {
  constructor({ model }: { model: string }) {
    super(`The model '${model.slice(0, 128)}' does not exist or is not served by this gateway.`, {
      code: 'GATEWAY_MODEL_NOT_FOUND',
      fault: 'client',
      name: 'ModelNotFoundError',
    })
  }
}

/** The endpoint is not offered for this model (or at all). */
export class UnsupportedEndpointError extends BaseError {
  constructor({ endpoint, model }: { endpoint: string; model?: string }) {
    super(model ? `The model '${model}' does not support ${endpoint}.` : `${endpoint} is not supported.`, {
      code: 'GATEWAY_UNSUPPORTED_ENDPOINT',
      fault: 'client',
      name: 'UnsupportedEndpointError',
    })
  }
}

/** A per-key requests- or tokens-per-minute limit is reached. */
export class RateLimitedError extends BaseError {
  readonly retryAfterSeconds: number
  readonly limit: 'requests' | 'tokens'
  constructor({ limit, retryAfterSeconds }: { limit: 'requests' | 'tokens'; retryAfterSeconds: number }) {
    super(`Rate limit reached for ${limit} per minute. Retry in ${retryAfterSeconds}s.`, {
      code: 'GATEWAY_RATE_LIMITED',
      fault: 'client',
      name: 'RateLimitedError',
    })
    this.retryAfterSeconds = retryAfterSeconds
    this.limit = limit
  }
}

/** The key's budget is spent. */
export class BudgetExhaustedError extends BaseError {
  constructor() {
    super('You exceeded your current quota: this API key has spent its budget.', {
      code: 'GATEWAY_BUDGET_EXHAUSTED',
      fault: 'client',
      name: 'BudgetExhaustedError',
    })
  }
}

/** No configured application can pay for the service now. */
export class NoApplicationError extends BaseError {
  constructor({ serviceId, details }: { serviceId: string; details?: string }) {
    super(`No application is staked and authorised for service '${serviceId}' in this session.`, {
      code: 'GATEWAY_NO_APPLICATION',
      fault: 'gateway',
      name: 'NoApplicationError',
      details,
    })
  }
}

/** The session offers no supplier the gateway can use. */
export class NoSupplierError extends BaseError {
  constructor({ serviceId }: { serviceId: string }) {
    super(`No supplier is available for service '${serviceId}' right now.`, {
      code: 'GATEWAY_NO_SUPPLIER',
      fault: 'supplier',
      name: 'NoSupplierError',
    })
  }
}

/** Every attempt failed before the first byte. */
export class SupplierFailedError extends BaseError {
  constructor({ attempts, cause }: { attempts: number; cause?: unknown }) {
    super(`The upstream suppliers failed (${attempts} attempt${attempts === 1 ? '' : 's'}).`, {
      code: 'GATEWAY_SUPPLIER_FAILED',
      fault: 'supplier',
      name: 'SupplierFailedError',
      cause,
    })
  }
}

/** No supplier produced a first byte in time. */
export class SupplierTimeoutError extends BaseError {
  constructor({ timeoutMs }: { timeoutMs: number }) {
    super(`No supplier answered within ${timeoutMs} ms.`, {
      code: 'GATEWAY_SUPPLIER_TIMEOUT',
      fault: 'supplier',
      name: 'SupplierTimeoutError',
    })
  }
}

/** What failed when a supplier's signed response was checked (a stream may also lack its trailer). */
export type RelayCheck = RelayResponseCheck | 'missing-trailer'

/** A supplier's signed response failed verification. */
export class InvalidRelayResponseError extends BaseError {
  readonly check: RelayCheck
  constructor({ check, details }: { check: RelayCheck; details?: string }) {
    super(`A supplier's signed response failed verification (${check}).`, {
      code: 'GATEWAY_INVALID_RELAY_RESPONSE',
      fault: 'supplier',
      name: 'InvalidRelayResponseError',
      details,
    })
    this.check = check
  }
}

/** A stream broke mid-way and could not be continued elsewhere. */
export class StreamInterruptedError extends BaseError {
  constructor({ cause }: { cause?: unknown } = {}) {
    super('The stream was interrupted and could not be resumed on another supplier.', {
      code: 'GATEWAY_STREAM_INTERRUPTED',
      fault: 'supplier',
      name: 'StreamInterruptedError',
      cause,
    })
  }
}

/** Sessions or services cannot be read from the chain. */
export class GatewayChainUnavailableError extends BaseError {
  constructor({ cause }: { cause?: unknown } = {}) {
    super('The gateway cannot read the ledger right now.', {
      code: 'GATEWAY_CHAIN_UNAVAILABLE',
      fault: 'gateway',
      name: 'GatewayChainUnavailableError',
      cause,
    })
  }
}

/** A key id named on the CLI does not exist. */
export class KeyNotFoundError extends BaseError {
  constructor({ keyId }: { keyId: string }) {
    super(`No API key has the id '${keyId}'.`, {
      code: 'GATEWAY_KEY_NOT_FOUND',
      fault: 'client',
      name: 'KeyNotFoundError',
    })
  }
}

/** The key and usage store cannot be opened or written. */
export class GatewayStoreError extends BaseError {
  constructor({ operation, cause }: { operation: string; cause?: unknown }) {
    super(`The gateway store failed to ${operation}.`, {
      code: 'GATEWAY_STORE_FAILED',
      fault: 'internal',
      name: 'GatewayStoreError',
      cause,
    })
  }
}

/**
 * An error a supplier returned in its own body (`{ error: { code, message, fault } }`), kept as data so
 * routing can decide on the code without parsing messages.
 */
export class SupplierErrorResponse extends Error {
  readonly status: number
  readonly supplierCode: string
  readonly supplierFault: Fault | string
  constructor({
    status,
    code,
    message,
    fault,
  }: { status: number; code: string; message: string; fault: string }) {
    super(message)
    this.name = 'SupplierErrorResponse'
    this.status = status
    this.supplierCode = code
    this.supplierFault = fault
  }
}
