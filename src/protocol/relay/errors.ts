import { BaseError } from '../errors/BaseError.ts'

/** A field that must be `0x` hex of a fixed length is not hex at all. */
export class InvalidHexError extends BaseError {
  constructor({ field, expectedBytes }: { field: string; expectedBytes: number }) {
    super(`${field} must be 0x-prefixed hex of ${expectedBytes} bytes.`, {
      code: 'ENCODING_INVALID_HEX',
      fault: 'client',
      name: 'InvalidHexError',
    })
  }
}

/** A field has the wrong shape (wrong hex length, wrong type). */
export class InvalidFieldError extends BaseError {
  constructor({ field, reason }: { field: string; reason: string }) {
    super(`Invalid ${field}: ${reason}.`, {
      code: 'ENCODING_INVALID_FIELD',
      fault: 'client',
      name: 'InvalidFieldError',
    })
  }
}

/** An integer does not fit its Solidity type. */
export class IntegerOutOfRangeError extends BaseError {
  constructor({ field, type, value }: { field: string; type: string; value: unknown }) {
    super(`${field} must be an integer that fits ${type}.`, {
      code: 'ENCODING_INTEGER_OUT_OF_RANGE',
      fault: 'client',
      name: 'IntegerOutOfRangeError',
      details: `got ${String(value).slice(0, 40)}`,
    })
  }
}

/** A signature field is not exactly 65 bytes. */
export class InvalidSignatureLengthError extends BaseError {
  constructor({ field, length }: { field: string; length: number }) {
    super(`${field} must be 65 bytes (r ‖ s ‖ v), got ${length}.`, {
      code: 'ENCODING_INVALID_SIGNATURE_LENGTH',
      fault: 'client',
      name: 'InvalidSignatureLengthError',
    })
  }
}

/** Bytes are truncated or do not have the structure of the expected type. */
export class DecodeFailedError extends BaseError {
  constructor({ type, reason }: { type: string; reason: string }) {
    super(`Cannot decode ${type}: ${reason}.`, {
      code: 'ENCODING_DECODE_FAILED',
      fault: 'client',
      name: 'DecodeFailedError',
    })
  }
}

/** Bytes decode but are not the single canonical `abi.encode` form, so their hash would not be the relayHash. */
export class NonCanonicalEncodingError extends BaseError {
  constructor({ type, reason }: { type: string; reason: string }) {
    super(`${type} bytes are not canonical: ${reason}.`, {
      code: 'ENCODING_NON_CANONICAL',
      fault: 'client',
      name: 'NonCanonicalEncodingError',
      metaMessages: ['Re-encode the value with encodeRelay / encodeSessionHeader.'],
    })
  }
}

/** A payload has no JCS (RFC 8785) form. */
export class InvalidJsonError extends BaseError {
  constructor({ field, cause }: { field: string; cause: unknown }) {
    super(`${field} has no canonical JSON form (NaN, Infinity, lone surrogate, bigint or cycle).`, {
      code: 'ENCODING_INVALID_JSON',
      fault: 'client',
      name: 'InvalidJsonError',
      cause,
    })
  }
}
