import { BaseError } from '../errors/BaseError.ts'

/** `delete` (or another keyed operation) named a key that has no leaf. */
export class SmstKeyNotFoundError extends BaseError {
  constructor({ keyHex }: { keyHex: string }) {
    super(`Key ${keyHex} is not in the sum trie.`, {
      code: 'SMST_KEY_NOT_FOUND',
      fault: 'client',
      name: 'SmstKeyNotFoundError',
    })
  }
}

/** A proof is malformed or does not verify against the root. */
export class SmstInvalidProofError extends BaseError {
  constructor({ reason }: { reason: string }) {
    super('Sum-trie proof is invalid.', {
      code: 'SMST_INVALID_PROOF',
      fault: 'supplier',
      name: 'SmstInvalidProofError',
      details: reason,
    })
  }
}

/** A path (or a draw seed) does not have the required 32 bytes. */
export class SmstInvalidPathError extends BaseError {
  constructor({ length, what = 'path' }: { length: number; what?: string }) {
    super(`A sum-trie ${what} must be 32 bytes, got ${length}.`, {
      code: 'SMST_INVALID_PATH',
      fault: 'client',
      name: 'SmstInvalidPathError',
    })
  }
}

/** A weight is negative, not an integer, or makes a sum exceed uint64. */
export class SmstInvalidWeightError extends BaseError {
  constructor({ weight, reason }: { weight: unknown; reason: string }) {
    super(`Invalid sum-trie weight ${String(weight)}: ${reason}.`, {
      code: 'SMST_INVALID_WEIGHT',
      fault: 'client',
      name: 'SmstInvalidWeightError',
    })
  }
}

/** The operation needs at least one leaf of positive weight. */
export class SmstEmptyTrieError extends BaseError {
  constructor({ operation }: { operation: string }) {
    super(`Cannot ${operation}: the sum trie has no weight.`, {
      code: 'SMST_EMPTY_TRIE',
      fault: 'client',
      name: 'SmstEmptyTrieError',
    })
  }
}

/** A root is not 48 bytes (hash ‖ sum ‖ count). */
export class SmstInvalidRootError extends BaseError {
  constructor({ length }: { length: number }) {
    super(`A sum-trie root must be 48 bytes, got ${length}.`, {
      code: 'SMST_INVALID_ROOT',
      fault: 'client',
      name: 'SmstInvalidRootError',
    })
  }
}
