import { frameKeyString, frameWeight, keyString, leafInFrame } from './leafRecord.ts'
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

/** The store's implementation of `SessionTree`: an in-memory index of the durable leaves' frames. */
export class StoredSessionTree implements SessionTree {
  readonly sessionKey: string
  readonly treeId: number
  state: SessionTreeState
  /** False from the moment a seal or delete starts: later appends are refused. */
  isAcceptingAppends: boolean
  /** Key (latin1) → the leaf's frame; decoded into key/value/weight views only when read. */
  readonly #frames = new Map<string, Buffer>()
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
    return this.#frames.size
  }

  get sum(): bigint {
    return this.#sum
  }

  append(leaf: SessionLeaf): Promise<void> {
    return this.#appendToLog(this, leaf)
  }

  get(key: Uint8Array): SessionLeaf | undefined {
    const frame = this.#frames.get(keyString(key))
    return frame && leafInFrame(frame)
  }

  *leaves(): IterableIterator<SessionLeaf> {
    for (const frame of this.#frames.values()) yield leafInFrame(frame)
  }

  rebuild<T extends SessionTrieSink>(into: T): T {
    for (const leaf of this.leaves()) into.update(leaf.key, leaf.value, leaf.weight)
    return into
  }

  /** Records a durable (or recovered) leaf frame; replaces the leaf with the same key. */
  applyDurable(frame: Buffer): void {
    const key = frameKeyString(frame)
    const previous = this.#frames.get(key)
    if (previous) this.#sum -= frameWeight(previous)
    this.#frames.set(key, frame)
    this.#sum += frameWeight(frame)
  }
}
