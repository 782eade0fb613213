import type { Catalogue } from './catalogue.ts'
import {
  StoreClosedError,
  StoreInvalidSessionKeyError,
  StoreIoFailedError,
  StoreTreeNotFoundError,
  StoreTreeSealedError,
} from './errors.ts'
import { assertValidLeaf, encodeLeafRecord } from './leafRecord.ts'
import type { SegmentLog } from './segmentLog.ts'
import { type SessionTree, StoredSessionTree } from './sessionTree.ts'
import type { SessionLeaf, SessionTreeInfo, StoreRecoveryReport } from './types.ts'

/** Crash-safe storage of the session trees of one relayminer (see docs/store.md). */
export interface SessionTreeStore {
  /** What opening the store found on disk. */
  readonly recovery: StoreRecoveryReport
  /** The tree of `sessionKey`, created (durably) if it does not exist. */
  openTree(sessionKey: string): Promise<SessionTree>
  /** The tree of `sessionKey` if it exists. */
  getTree(sessionKey: string): SessionTree | undefined
  /** Refuses further appends (the session is claimed); resolves once every earlier append and the seal are durable. */
  sealTree(sessionKey: string): Promise<void>
  /** Forgets a settled tree and frees its log segments; resolves `false` if there was no such tree. */
  deleteTree(sessionKey: string): Promise<boolean>
  /** Every tree with its state, count and sum. */
  listTrees(): SessionTreeInfo[]
  /** Waits for pending appends, then closes the files; later calls throw `StoreClosedError`. */
  close(): Promise<void>
}

const MAX_SESSION_KEY_BYTES = 256

/** The store over a recovered catalogue and log; built by `openSessionTreeStore`. */
export class LoggedSessionTreeStore implements SessionTreeStore {
  readonly recovery: StoreRecoveryReport
  readonly #catalogue: Catalogue
  readonly #log: SegmentLog
  readonly #trees = new Map<string, StoredSessionTree>()
  readonly #liveTreeIds = new Set<number>()
  readonly #opening = new Map<string, Promise<SessionTree>>()
  readonly #unlock: () => Promise<void>
  #isClosed = false

  constructor(parameters: {
    catalogue: Catalogue
    log: SegmentLog
    recovery: StoreRecoveryReport
    /** Releases the directory lock. */
    unlock: () => Promise<void>
  }) {
    this.#catalogue = parameters.catalogue
    this.#unlock = parameters.unlock
    this.#log = parameters.log
    this.recovery = parameters.recovery
  }

  /** Creates the handle of a catalogued tree (used by recovery and by `openTree`). */
  addTree(sessionKey: string, treeId: number, state: 'open' | 'sealed'): StoredSessionTree {
    const appendToLog = (tree: StoredSessionTree, leaf: SessionLeaf) => this.#append(tree, leaf)
    const tree = new StoredSessionTree({ sessionKey, treeId, state, appendToLog })
    this.#trees.set(sessionKey, tree)
    this.#liveTreeIds.add(treeId)
    return tree
  }

  /** Whether a tree id belongs to a tree the store still holds. */
  isLive(treeId: number): boolean {
    return this.#liveTreeIds.has(treeId)
  }

  async openTree(sessionKey: string): Promise<SessionTree> {
    this.#assertOpen()
    assertValidSessionKey(sessionKey)
    const existing = this.#trees.get(sessionKey) ?? this.#opening.get(sessionKey)
    if (existing) return existing
    const opening = this.#catalogue
      .create(sessionKey)
      .then(({ treeId }) => this.addTree(sessionKey, treeId, 'open'))
    this.#opening.set(sessionKey, opening)
    try {
      return await opening
    } finally {
      this.#opening.delete(sessionKey)
    }
  }

  getTree(sessionKey: string): SessionTree | undefined {
    this.#assertOpen()
    return this.#trees.get(sessionKey)
  }

  sealTree(sessionKey: string): Promise<void> {
    return this.#withTree(sessionKey, async (tree) => {
      if (!tree) throw new StoreTreeNotFoundError({ sessionKey })
      tree.isAcceptingAppends = false
      await this.#log.drain()
      await this.#catalogue.seal(sessionKey)
      if (this.#trees.get(sessionKey) === tree) tree.state = 'sealed'
    })
  }

  deleteTree(sessionKey: string): Promise<boolean> {
    return this.#withTree(sessionKey, async (tree) => {
      if (!tree) return false
      tree.isAcceptingAppends = false
      await this.#log.drain()
      await this.#catalogue.remove(sessionKey)
      if (this.#trees.get(sessionKey) === tree) this.#trees.delete(sessionKey)
      this.#liveTreeIds.delete(tree.treeId)
      await this.#log
        .removeDeadSegments((treeId) => this.isLive(treeId))
        .catch((cause) => {
          throw new StoreIoFailedError({ operation: 'deleting log segments of settled trees', cause })
        })
      return true
    })
  }

  listTrees(): SessionTreeInfo[] {
    this.#assertOpen()
    return [...this.#trees.values()].map(({ sessionKey, state, count, sum }) => ({
      sessionKey,
      state,
      count,
      sum,
    }))
  }

  async close(): Promise<void> {
    if (this.#isClosed) return
    this.#isClosed = true
    await this.#log.close()
    await this.#catalogue.close()
    await this.#unlock()
  }

  #append(tree: StoredSessionTree, leaf: SessionLeaf): Promise<void> {
    try {
      if (this.#isClosed) throw new StoreClosedError()
      if (!tree.isAcceptingAppends || this.#trees.get(tree.sessionKey) !== tree)
        throw new StoreTreeSealedError({ sessionKey: tree.sessionKey })
      assertValidLeaf(leaf)
    } catch (error) {
      return Promise.reject(error)
    }
    // The tree keeps the frame itself: a copy of the leaf the caller cannot mutate, at no extra allocation.
    const frame = encodeLeafRecord(tree.treeId, leaf)
    return this.#log.append(frame, tree.treeId).then(() => tree.applyDurable(frame))
  }

  /**
   * Runs `action` on the tree of `sessionKey` (undefined if none). An existing tree is passed in the same
   * turn, so a seal or delete refuses appends issued right after it; a tree being created is waited for.
   */
  #withTree<T>(sessionKey: string, action: (tree: StoredSessionTree | undefined) => Promise<T>): Promise<T> {
    if (this.#isClosed) return Promise.reject(new StoreClosedError())
    const tree = this.#trees.get(sessionKey)
    const opening = this.#opening.get(sessionKey)
    if (tree || !opening) return action(tree)
    return opening.then(
      () => action(this.#trees.get(sessionKey)),
      () => action(undefined),
    )
  }

  #assertOpen(): void {
    if (this.#isClosed) throw new StoreClosedError()
  }
}

function assertValidSessionKey(sessionKey: string): void {
  if (typeof sessionKey !== 'string' || sessionKey.length === 0)
    throw new StoreInvalidSessionKeyError({ reason: 'it must be a non-empty string' })
  if (Buffer.byteLength(sessionKey) > MAX_SESSION_KEY_BYTES)
    throw new StoreInvalidSessionKeyError({ reason: `it exceeds ${MAX_SESSION_KEY_BYTES} UTF-8 bytes` })
}
