import { BaseError } from '../errors/BaseError.ts'
import { errorCodes } from '../errors/codes.ts'

/** Session parameters are inconsistent or out of range (a configuration bug, never a user's). */
export class SessionInvalidParamsError extends BaseError {
  constructor({ field, reason }: { field: string; reason: string }) {
    super(`Invalid session parameter "${field}": ${reason}.`, {
      code: errorCodes.SESSION.INVALID_PARAMS,
      fault: 'internal',
      name: 'SessionInvalidParamsError',
    })
  }
}

/** A height is not a uint64 or lies before the ledger's genesis height (no session contains it). */
export class SessionInvalidHeightError extends BaseError {
  constructor({ height, reason }: { height: unknown; reason: string }) {
    super(`Invalid block height ${String(height)}: ${reason}.`, {
      code: errorCodes.SESSION.INVALID_HEIGHT,
      fault: 'client',
      name: 'SessionInvalidHeightError',
    })
  }
}

/** A session seed is not 32 bytes (spec §3.2: seeds are recorded on-chain as bytes32). */
export class SessionInvalidSeedError extends BaseError {
  constructor({ length }: { length: number | undefined }) {
    super(`Session seed must be 32 bytes, got ${length ?? 'a non-byte value'}.`, {
      code: errorCodes.SESSION.INVALID_SEED,
      fault: 'client',
      name: 'SessionInvalidSeedError',
    })
  }
}

/** A service id is empty or not a string. */
export class SessionInvalidServiceIdError extends BaseError {
  constructor({ serviceId }: { serviceId: unknown }) {
    super(`Invalid service id ${JSON.stringify(serviceId)}: must be a non-empty string.`, {
      code: errorCodes.SESSION.INVALID_SERVICE_ID,
      fault: 'client',
      name: 'SessionInvalidServiceIdError',
    })
  }
}

/** An application string is empty or contains the session-id separator `.`. */
export class SessionInvalidApplicationError extends BaseError {
  constructor({ application }: { application: unknown }) {
    super(`Invalid application ${JSON.stringify(application)}: must be a non-empty string without ".".`, {
      code: errorCodes.SESSION.INVALID_APPLICATION,
      fault: 'client',
      name: 'SessionInvalidApplicationError',
    })
  }
}

/** A session id is not 32-byte `0x` hex. */
export class SessionInvalidSessionIdError extends BaseError {
  constructor({ sessionId }: { sessionId: unknown }) {
    super(`Invalid session id ${String(sessionId).slice(0, 70)}: must be 32-byte 0x hex.`, {
      code: errorCodes.SESSION.INVALID_SESSION_ID,
      fault: 'client',
      name: 'SessionInvalidSessionIdError',
    })
  }
}

/** A supplier operator is not a 20-byte `0x` address. */
export class SessionInvalidSupplierError extends BaseError {
  constructor({ supplierOperator }: { supplierOperator: unknown }) {
    super(`Invalid supplier operator ${String(supplierOperator).slice(0, 50)}: must be a 0x address.`, {
      code: errorCodes.SESSION.INVALID_SUPPLIER,
      fault: 'client',
      name: 'SessionInvalidSupplierError',
    })
  }
}
