/**
 * Crash-safe persistence of the relayminer's session trees (docs/store.md).
 *
 * Each mined relay is appended to a segmented, checksummed log with group commit: concurrent appends are
 * written together and acknowledged together after one fdatasync, so an acknowledged relay survives
 * SIGKILL or power loss. A small lmdb catalogue records which trees exist and whether they are sealed.
 * On open, the log is replayed (a torn tail is cut), each tree's leaves are back in memory, and
 * `tree.rebuild(trie)` rebuilds its sum trie. Deleting a settled tree frees the segments only it used.
 */
export {
  StoreClosedError,
  StoreCorruptLogError,
  StoreInvalidLeafError,
  StoreInvalidSessionKeyError,
  StoreIoFailedError,
  StoreLockedError,
  StoreTreeNotFoundError,
  StoreTreeSealedError,
} from './errors.ts'
export { type OpenSessionTreeStoreParameters, openSessionTreeStore } from './openSessionTreeStore.ts'
export type { SessionTree } from './sessionTree.ts'
export type { SessionTreeStore } from './sessionTreeStore.ts'
export type {
  SessionLeaf,
  SessionTreeInfo,
  SessionTreeState,
  SessionTrieSink,
  StoreRecoveryReport,
} from './types.ts'
