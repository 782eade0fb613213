import type { SessionLeaf, SessionTreeState, SessionTrieSink } from './types.ts'

/** A handle on one session's persisted leaves. */
export interface SessionTree {
  readonly sessionKey: string
  readonly state: SessionTreeState
  /** Distinct keys acknowledged so far. */
  readonly count: number
  /** Sum of the weights of the distinct keys (the trie's root sum). */
  readonly sum: bigint
  /**
   * Persists a leaf. Resolves once it is durable (written and fsynced); only then does it count and show
   * in `leaves()`. Same key again → replaces the earlier leaf, as the trie does.
   */
  append(leaf: SessionLeaf): Promise<void>
  /** The acknowledged leaf with this key, if any. */
  get(key: Uint8Array): SessionLeaf | undefined
  /** Every acknowledged leaf, one per key, in first-append order. */
  leaves(): IterableIterator<SessionLeaf>
  /** Feeds every leaf to `into.update` (e.g. a fresh sum trie after a restart) and returns `into`. */
  rebuild<T extends SessionTrieSink>(into: T): T
}

/** Appends on behalf of a tree; supplied by the store. */
export type AppendToLog = (tree: StoredSessionTree, leaf: SessionLeaf) => Promise<void>

/** The store's implementation of `SessionTree`: an in-memory index of the durable leaves. */
export class StoredSessionTree implements SessionTree {
  readonly sessionKey: string
  readonly treeId: number
  state: SessionTreeState
  /** False from the moment a seal or delete starts: later appends are refused. */
  isAcceptingAppends: boolean
  readonly #leaves = new Map<string, SessionLeaf>()
  readonly #appendToLog: AppendToLog
  #sum = 0n

  constructor(parameters: {
    sessionKey: string
    treeId: number
    state: SessionTreeState
    appendToLog: AppendToLog
  }) {
    this.sessionKey = parameters.sessionKey
    this.treeId = parameters.treeId
    this.state = parameters.state
    this.isAcceptingAppends = parameters.state === 'open'
    this.#appendToLog = parameters.appendToLog
  }

  get count(): number {
    return this.#leaves.size
  }

  get sum(): bigint {
    return this.#sum
  }

  append(leaf: SessionLeaf): Promise<void> {
    return this.#appendToLog(this, leaf)
  }

  get(key: Uint8Array): SessionLeaf | undefined {
    return this.#leaves.get(indexKey(key))
  }

  leaves(): IterableIterator<SessionLeaf> {
    return this.#leaves.values()
  }

  rebuild<T extends SessionTrieSink>(into: T): T {
    for (const leaf of this.#leaves.values()) into.update(leaf.key, leaf.value, leaf.weight)
    return into
  }

  /** Records a leaf that is durable (or was recovered); replaces a leaf with the same key. */
  applyDurable(leaf: SessionLeaf): void {
    const key = indexKey(leaf.key)
    const previous = this.#leaves.get(key)
    if (previous) this.#sum -= previous.weight
    this.#leaves.set(key, leaf)
    this.#sum += leaf.weight
  }
}

/** A Map key for bytes: latin1 maps each byte to one UTF-16 unit, the cheapest exact conversion. */
function indexKey(key: Uint8Array): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1')
}
