import { BaseError } from '../../protocol/errors/BaseError.ts'

/** The store (or a tree handle) was used after `close()`. */
export class StoreClosedError extends BaseError {
  constructor() {
    super('The session tree store is closed.', {
      code: 'STORE_CLOSED',
      fault: 'internal',
      name: 'StoreClosedError',
    })
  }
}

/**
 * A write, sync, truncate or read failed. After a failed write or sync the store refuses every later
 * append: what reached the disk is unknown, and only a reopen (which replays the log) is safe.
 */
export class StoreIoFailedError extends BaseError {
  constructor({ operation, cause }: { operation: string; cause: unknown }) {
    super(`Cannot persist session trees: ${operation} failed.`, {
      code: 'STORE_IO_FAILED',
      fault: 'internal',
      name: 'StoreIoFailedError',
      cause,
      metaMessages: ['Check disk space and permissions, then restart the relayminer to replay the log.'],
    })
  }
}

/** A record fails its checksum in a log segment that was complete and synced, so it is not a torn tail. */
export class StoreCorruptLogError extends BaseError {
  constructor({ segment, offset, reason }: { segment: string; offset: number; reason: string }) {
    super(`Session tree log segment ${segment} is corrupt at byte ${offset}.`, {
      code: 'STORE_CORRUPT_LOG',
      fault: 'internal',
      name: 'StoreCorruptLogError',
      details: reason,
      metaMessages: [
        'Restore the data directory from a backup, or move the segment away to drop its relays.',
      ],
    })
  }
}

/** An append named a tree that is sealed (claimed) or being deleted. */
export class StoreTreeSealedError extends BaseError {
  constructor({ sessionKey }: { sessionKey: string }) {
    super(`Session tree ${sessionKey} is sealed; it accepts no more relays.`, {
      code: 'STORE_TREE_SEALED',
      fault: 'internal',
      name: 'StoreTreeSealedError',
    })
  }
}

/** An operation named a session that has no tree. */
export class StoreTreeNotFoundError extends BaseError {
  constructor({ sessionKey }: { sessionKey: string }) {
    super(`No session tree for ${sessionKey}.`, {
      code: 'STORE_TREE_NOT_FOUND',
      fault: 'internal',
      name: 'StoreTreeNotFoundError',
    })
  }
}

/** A leaf cannot be stored: key or value length out of range, or a weight that is not a uint64. */
export class StoreInvalidLeafError extends BaseError {
  constructor({ reason }: { reason: string }) {
    super(`Invalid session tree leaf: ${reason}.`, {
      code: 'STORE_INVALID_LEAF',
      fault: 'internal',
      name: 'StoreInvalidLeafError',
    })
  }
}

/** A session key is empty, not a string, or too long for the catalogue. */
export class StoreInvalidSessionKeyError extends BaseError {
  constructor({ reason }: { reason: string }) {
    super(`Invalid session key: ${reason}.`, {
      code: 'STORE_INVALID_SESSION_KEY',
      fault: 'internal',
      name: 'StoreInvalidSessionKeyError',
    })
  }
}

/** Another running process (or this one) has the store directory open. */
export class StoreLockedError extends BaseError {
  constructor({ pid }: { pid: number | undefined }) {
    super(`The session tree store directory is in use${pid ? ` by process ${pid}` : ''}.`, {
      code: 'STORE_LOCKED',
      fault: 'internal',
      name: 'StoreLockedError',
      metaMessages: [
        'Give each relayminer its own store directory; remove LOCK only if that process is gone.',
      ],
    })
  }
}
