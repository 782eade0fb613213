import { BaseError } from '../errors/BaseError.ts'

/** A signature is not 65 bytes of `0x` hex. */
export class MalformedSignatureError extends BaseError {
  constructor({ reason }: { reason: string }) {
    super(`Signature is malformed: ${reason}.`, {
      code: 'SIGNATURE_MALFORMED',
      fault: 'client',
      name: 'MalformedSignatureError',
      metaMessages: ['A signature is 65 bytes r ‖ s ‖ v as 0x hex.'],
    })
  }
}

/** v is not 27 or 28. */
export class InvalidSignatureVError extends BaseError {
  constructor({ v }: { v: number }) {
    super(`Signature v must be 27 or 28, got ${v}.`, {
      code: 'SIGNATURE_INVALID_V',
      fault: 'client',
      name: 'InvalidSignatureVError',
      metaMessages: [
        'Signers that return a 0/1 recovery id must add 27 before the signature enters a relay.',
      ],
    })
  }
}

/** r or s is zero or not below the curve order. */
export class InvalidSignatureScalarError extends BaseError {
  constructor({ scalar }: { scalar: 'r' | 's' }) {
    super(`Signature ${scalar} is zero or not below the secp256k1 order.`, {
      code: 'SIGNATURE_INVALID_SCALAR',
      fault: 'client',
      name: 'InvalidSignatureScalarError',
    })
  }
}

/** s is in the upper half of the order: the malleable twin of a valid signature. */
export class HighSSignatureError extends BaseError {
  constructor() {
    super('Signature s is in the upper half of the secp256k1 order (high-S).', {
      code: 'SIGNATURE_HIGH_S',
      fault: 'client',
      name: 'HighSSignatureError',
      metaMessages: ['Normalise s to n − s and flip v (27 ↔ 28).'],
    })
  }
}

/** No public key recovers from this signature and digest. */
export class SignatureRecoveryFailedError extends BaseError {
  constructor({ cause }: { cause?: unknown } = {}) {
    super('No public key recovers from this signature and digest.', {
      code: 'SIGNATURE_RECOVERY_FAILED',
      fault: 'client',
      name: 'SignatureRecoveryFailedError',
      cause,
    })
  }
}

/** A private key is not a valid secp256k1 scalar. Never carries the key itself. */
export class InvalidPrivateKeyError extends BaseError {
  constructor() {
    super('Private key must be 32 bytes of 0x hex in [1, n − 1].', {
      code: 'SIGNATURE_INVALID_PRIVATE_KEY',
      fault: 'internal',
      name: 'InvalidPrivateKeyError',
    })
  }
}
