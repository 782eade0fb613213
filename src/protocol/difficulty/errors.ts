import { BaseError } from '../errors/BaseError.ts'
import { errorCodes } from '../errors/codes.ts'

/** A relay-mining target is outside [1, 2^256 − 1] or not 32 bytes. */
export class DifficultyInvalidTargetError extends BaseError {
  constructor({ target, reason }: { target: unknown; reason: string }) {
    super(`Invalid relay-mining target ${String(target).slice(0, 70)}: ${reason}.`, {
      code: errorCodes.DIFFICULTY.INVALID_TARGET,
      fault: 'internal',
      name: 'DifficultyInvalidTargetError',
      metaMessages: ['A target is a uint256 in [1, 2^256 − 1], or its 32-byte big-endian form.'],
    })
  }
}

/** A control-law parameter (target relays, EMA weight, counts) is out of range. */
export class DifficultyInvalidParamsError extends BaseError {
  constructor({ field, reason }: { field: string; reason: string }) {
    super(`Invalid difficulty parameter "${field}": ${reason}.`, {
      code: errorCodes.DIFFICULTY.INVALID_PARAMS,
      fault: 'internal',
      name: 'DifficultyInvalidParamsError',
    })
  }
}

/** A relay hash is not 32 bytes (it must be `sha256(relayBytes)`, spec §1.1). */
export class DifficultyInvalidRelayHashError extends BaseError {
  constructor({ length }: { length: number | undefined }) {
    super(`Relay hash must be 32 bytes, got ${length ?? 'a non-byte value'}.`, {
      code: errorCodes.DIFFICULTY.INVALID_RELAY_HASH,
      fault: 'internal',
      name: 'DifficultyInvalidRelayHashError',
    })
  }
}
