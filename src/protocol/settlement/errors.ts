import { BaseError } from '../errors/BaseError.ts'
import { errorCodes } from '../errors/codes.ts'

/**
 * A settlement input is malformed or out of range (negative amount, zero denominator, target outside
 * [1, 2^256 − 1], probability above 1, wrong byte length). A caller or configuration bug, never a user's.
 */
export class SettlementInvalidParamsError extends BaseError {
  constructor({ field, reason, cause }: { field: string; reason: string; cause?: unknown }) {
    super(`Invalid settlement parameter "${field}": ${reason}.`, {
      code: errorCodes.SETTLEMENT.INVALID_PARAMS,
      fault: 'internal',
      name: 'SettlementInvalidParamsError',
      cause,
    })
  }
}

/** A split's shares are invalid: revenue shares not summing to 10 000, duplicates, or bps over 10 000. */
export class SettlementInvalidSharesError extends BaseError {
  constructor({ reason }: { reason: string }) {
    super(`Invalid settlement shares: ${reason}.`, {
      code: errorCodes.SETTLEMENT.INVALID_SHARES,
      fault: 'internal',
      name: 'SettlementInvalidSharesError',
      metaMessages: ['Revenue shares must be distinct addresses whose bps sum to exactly 10 000.'],
    })
  }
}

/** A relay reports more tokens than the bounds its request signed (spec §7.1): the relay is invalid. */
export class SettlementUsageOutOfBoundsError extends BaseError {
  constructor({ field, used, max }: { field: 'inputTokens' | 'outputTokens'; used: bigint; max: bigint }) {
    super(`Relay ${field} ${used} exceeds the signed bound ${max}.`, {
      code: errorCodes.SETTLEMENT.USAGE_OUT_OF_BOUNDS,
      fault: 'supplier',
      name: 'SettlementUsageOutOfBoundsError',
    })
  }
}
