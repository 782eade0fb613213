/** One mined relay as the session's sum trie holds it (docs/protocol.md §5). */
export type SessionLeaf = {
  /** relayHash = sha256(relay bytes), 32 bytes in the protocol; any 1–65 535 bytes here. */
  key: Uint8Array
  /** The relay bytes. */
  value: Uint8Array
  /** The relay's compute units, a uint64. */
  weight: bigint
}

/**
 * What the store needs from a sum trie to rebuild it after a restart. Declared here, by the consumer, so the
 * store does not depend on the trie's other methods; same key → replace, as the trie does.
 */
export type SessionTrieSink = {
  update(key: Uint8Array, value: Uint8Array, weight: bigint): void
}

/** `open` accepts appends; `sealed` (claimed) accepts none and waits for settlement and deletion. */
export type SessionTreeState = 'open' | 'sealed'

/** One tree as `listTrees()` reports it. */
export type SessionTreeInfo = {
  sessionKey: string
  state: SessionTreeState
  /** Distinct keys. */
  count: number
  /** Sum of the weights of the distinct keys. */
  sum: bigint
}

/** What the last `openSessionTreeStore` found on disk; the caller logs it. */
export type StoreRecoveryReport = {
  /** Log segments read. */
  segments: number
  /** Records that passed their checksum (including those of deleted trees). */
  records: number
  /** Records skipped because their tree was deleted. */
  skippedRecords: number
  /** Bytes cut from the last segment's torn tail: writes that were never acknowledged. */
  truncatedBytes: number
  /** Wall time of the recovery. */
  durationMs: number
}
