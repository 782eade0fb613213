import { BaseError } from '../../protocol/errors/BaseError.ts'

// Keystores are read by every role that signs (relayminer, gateway, watcher, CLI). The codes keep the
// RELAYMINER_ prefix they were released with: a code never changes once released (docs/errors.md).

/** A keystore file is not a version-3 Web3 Secret Storage document this code can read. */
export class KeystoreInvalidError extends BaseError {
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`The keystore is not a readable version-3 keystore: ${reason}.`, {
      code: 'RELAYMINER_KEYSTORE_INVALID',
      fault: 'internal',
      name: 'KeystoreInvalidError',
      cause,
    })
  }
}

/** The keystore's MAC does not match: a wrong password or a corrupted file. */
export class KeystoreDecryptError extends BaseError {
  constructor() {
    super('Cannot decrypt the keystore: wrong password or corrupted file.', {
      code: 'RELAYMINER_KEYSTORE_DECRYPT_FAILED',
      fault: 'internal',
      name: 'KeystoreDecryptError',
    })
  }
}
