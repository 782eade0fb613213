import { BaseError } from '../protocol/errors/BaseError.ts'

// Keystores are read by every role that signs, so their errors live in the chain layer.
export { KeystoreDecryptError, KeystoreInvalidError } from '../chain/errors/keystore.ts'

// Every error the relayminer raises at its HTTP edge or in its lifecycle (docs/errors.md, RELAYMINER).
// Messages are safe to show a client: they never name files, URLs, keys or prompt text.

/** The config file is missing, not YAML, or fails its schema. */
export class RelayMinerConfigError extends BaseError {
  constructor({ details, cause }: { details: string; cause?: unknown }) {
    super('The relayminer config is invalid.', {
      code: 'RELAYMINER_INVALID_CONFIG',
      fault: 'internal',
      name: 'RelayMinerConfigError',
      details,
      cause,
    })
  }
}

/** An environment variable the config names (a key, a password, an API key) is unset or empty. */
export class MissingSecretError extends BaseError {
  constructor({ variable, purpose }: { variable: string; purpose: string }) {
    super(`Environment variable ${variable} (${purpose}) is not set.`, {
      code: 'RELAYMINER_MISSING_SECRET',
      fault: 'internal',
      name: 'MissingSecretError',
    })
  }
}

/** The relay envelope is not the documented wire format. */
export class InvalidRelayError extends BaseError {
  constructor({ field, reason }: { field: string; reason: string }) {
    super(`Invalid relay: ${field} ${reason}.`, {
      code: 'RELAYMINER_INVALID_RELAY',
      fault: 'client',
      name: 'InvalidRelayError',
    })
  }
}

/** The relay body is larger than the configured limit. */
export class RelayBodyTooLargeError extends BaseError {
  constructor({ maxBytes }: { maxBytes: number }) {
    super(`The relay body exceeds ${maxBytes} bytes.`, {
      code: 'RELAYMINER_BODY_TOO_LARGE',
      fault: 'client',
      name: 'RelayBodyTooLargeError',
    })
  }
}

/** The payload asks for a method and path this relayminer does not serve. */
export class UnsupportedEndpointError extends BaseError {
  constructor({ method, path }: { method: string; path: string }) {
    super(
      `${method} ${path} is not served; use POST /v1/chat/completions, /v1/completions or /v1/embeddings.`,
      {
        code: 'RELAYMINER_UNSUPPORTED_ENDPOINT',
        fault: 'client',
        name: 'UnsupportedEndpointError',
      },
    )
  }
}

/** The payload's hash is not the `payloadHash` the request signature covers. */
export class PayloadHashMismatchError extends BaseError {
  constructor() {
    super('The payload does not hash to the signed payloadHash.', {
      code: 'RELAYMINER_PAYLOAD_HASH_MISMATCH',
      fault: 'client',
      name: 'PayloadHashMismatchError',
    })
  }
}

/** The payload asks for more than the signed bounds allow (e.g. max_tokens above maxOutputTokens). */
export class BoundsExceededError extends BaseError {
  constructor({ field, requested, bound }: { field: string; requested: number; bound: number }) {
    super(`${field} = ${requested} exceeds the signed bound ${bound}.`, {
      code: 'RELAYMINER_BOUNDS_EXCEEDED',
      fault: 'client',
      name: 'BoundsExceededError',
    })
  }
}

/** The request signature is malformed or recovers to no key. */
export class InvalidRelaySignatureError extends BaseError {
  constructor({ cause }: { cause?: unknown } = {}) {
    super('The relay request signature is invalid.', {
      code: 'RELAYMINER_INVALID_SIGNATURE',
      fault: 'client',
      name: 'InvalidRelaySignatureError',
      cause,
    })
  }
}

/** The signer is neither the application nor a gateway it had delegated to at the session start. */
export class UnauthorizedSignerError extends BaseError {
  constructor({ signer }: { signer: string }) {
    super(`Signer ${signer} is neither the application nor a gateway it delegated to for this session.`, {
      code: 'RELAYMINER_UNAUTHORIZED_SIGNER',
      fault: 'client',
      name: 'UnauthorizedSignerError',
    })
  }
}

/** The relay names a supplier (or a service for it) that this relayminer does not run. */
export class UnknownSupplierError extends BaseError {
  constructor({ supplier, serviceId }: { supplier: string; serviceId: string }) {
    super(`This relayminer does not serve service ${serviceId} for supplier ${supplier}.`, {
      code: 'RELAYMINER_UNKNOWN_SUPPLIER',
      fault: 'client',
      name: 'UnknownSupplierError',
    })
  }
}

/** The application is not staked for the service in that session. */
export class ApplicationNotStakedError extends BaseError {
  constructor({ application, serviceId }: { application: string; serviceId: string }) {
    super(`Application ${application} is not staked for service ${serviceId} in this session.`, {
      code: 'RELAYMINER_APPLICATION_NOT_STAKED',
      fault: 'client',
      name: 'ApplicationNotStakedError',
    })
  }
}

/** The supplier is not one of the session's suppliers. */
export class SupplierNotInSessionError extends BaseError {
  constructor({ supplier, sessionId }: { supplier: string; sessionId: string }) {
    super(`Supplier ${supplier} is not in session ${sessionId}.`, {
      code: 'RELAYMINER_SUPPLIER_NOT_IN_SESSION',
      fault: 'client',
      name: 'SupplierNotInSessionError',
    })
  }
}

/** The signed session header differs from the chain's (id, start or end height). */
export class SessionMismatchError extends BaseError {
  constructor({ field }: { field: string }) {
    super(`The session header's ${field} does not match the chain.`, {
      code: 'RELAYMINER_SESSION_MISMATCH',
      fault: 'client',
      name: 'SessionMismatchError',
      metaMessages: ['Fetch the current session from the chain and sign again.'],
    })
  }
}

/** The session starts after the current block. */
export class SessionNotStartedError extends BaseError {
  constructor({ sessionStartHeight, height }: { sessionStartHeight: bigint; height: bigint }) {
    super(`The session starts at block ${sessionStartHeight}; the chain is at ${height}.`, {
      code: 'RELAYMINER_SESSION_NOT_STARTED',
      fault: 'client',
      name: 'SessionNotStartedError',
    })
  }
}

/** The session's relay window (end + grace) has passed, or its relays could no longer be claimed. */
export class SessionExpiredError extends BaseError {
  constructor({ lastHeight, height }: { lastHeight: bigint; height: bigint }) {
    super(`The session accepted relays until block ${lastHeight}; the chain is at ${height}.`, {
      code: 'RELAYMINER_SESSION_EXPIRED',
      fault: 'client',
      name: 'SessionExpiredError',
      metaMessages: ['Use the current session.'],
    })
  }
}

/** The application's off-chain budget for this supplier and session is spent. */
export class RateLimitedError extends BaseError {
  constructor({ sessionEndHeight }: { sessionEndHeight: bigint }) {
    super(
      `The application's relay budget with this supplier is spent until session end (block ${sessionEndHeight}).`,
      { code: 'RELAYMINER_RATE_LIMITED', fault: 'client', name: 'RateLimitedError' },
    )
  }
}

/** The inference backend failed (error answer, unreachable, broken stream). */
export class BackendFailedError extends BaseError {
  constructor({ cause }: { cause?: unknown } = {}) {
    super('The inference backend failed.', {
      code: 'RELAYMINER_BACKEND_FAILED',
      fault: 'supplier',
      name: 'BackendFailedError',
      cause,
    })
  }
}

/** The inference backend did not answer in time. */
export class BackendTimeoutError extends BaseError {
  constructor({ cause }: { cause?: unknown } = {}) {
    super('The inference backend timed out.', {
      code: 'RELAYMINER_BACKEND_TIMEOUT',
      fault: 'supplier',
      name: 'BackendTimeoutError',
      cause,
    })
  }
}

/** Every backend slot is busy and its queue is full. */
export class BackendBusyError extends BaseError {
  constructor({ cause }: { cause?: unknown } = {}) {
    super('The inference backend is busy; retry shortly.', {
      code: 'RELAYMINER_BACKEND_BUSY',
      fault: 'supplier',
      name: 'BackendBusyError',
      cause,
    })
  }
}

/** The chain could not be read to validate a relay. */
export class ChainUnavailableError extends BaseError {
  constructor({ cause }: { cause?: unknown } = {}) {
    super('The chain cannot be read right now; retry shortly.', {
      code: 'RELAYMINER_CHAIN_UNAVAILABLE',
      fault: 'supplier',
      name: 'ChainUnavailableError',
      cause,
    })
  }
}

/** A mined relay could not be made durable, so it is not acknowledged. */
export class PersistFailedError extends BaseError {
  constructor({ cause }: { cause?: unknown } = {}) {
    super('The relay could not be recorded.', {
      code: 'RELAYMINER_PERSIST_FAILED',
      fault: 'supplier',
      name: 'PersistFailedError',
      cause,
      metaMessages: ['Operator: check disk space and the store directory; see the logs.'],
    })
  }
}

/** Submitting a claim failed; retried while the claim window is open. */
export class ClaimFailedError extends BaseError {
  constructor({ sessionId, reason, cause }: { sessionId: string; reason: string; cause?: unknown }) {
    super(`The claim for session ${sessionId} failed: ${reason}.`, {
      code: 'RELAYMINER_CLAIM_FAILED',
      fault: 'supplier',
      name: 'ClaimFailedError',
      cause,
    })
  }
}

/** Building or submitting a proof failed; retried while the proof window is open. */
export class ProofFailedError extends BaseError {
  constructor({ sessionId, reason, cause }: { sessionId: string; reason: string; cause?: unknown }) {
    super(`The proof for session ${sessionId} failed: ${reason}.`, {
      code: 'RELAYMINER_PROOF_FAILED',
      fault: 'supplier',
      name: 'ProofFailedError',
      cause,
    })
  }
}
