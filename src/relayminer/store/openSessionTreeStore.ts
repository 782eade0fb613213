import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Catalogue } from './catalogue.ts'
import { lockDirectory } from './directoryLock.ts'
import { StoreIoFailedError } from './errors.ts'
import { recoverLog } from './recoverLog.ts'
import { SegmentLog } from './segmentLog.ts'
import { LoggedSessionTreeStore, type SessionTreeStore } from './sessionTreeStore.ts'

/** Options of `openSessionTreeStore`. */
export type OpenSessionTreeStoreParameters = {
  /** The store's own directory (created if missing); one process at a time may open it (a `LOCK` file). */
  dir: string
  /** Size at which the log moves to a new segment file. Default 64 MiB. */
  segmentBytes?: number
}

const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024

/**
 * Opens the session tree store in `dir`, recovering what a previous process left: the catalogue of trees
 * (lmdb) and the leaves (the log, with a torn tail cut off). Every leaf whose append was acknowledged before
 * a crash is back in its tree; call `tree.rebuild(trie)` to rebuild each sum trie.
 *
 * @param parameters - directory and segment size
 * @returns the store; `store.recovery` says what was found
 * @example
 * const store = await openSessionTreeStore({ dir: '/var/lib/decai/trees' })
 * const tree = await store.openTree(sessionId)
 * await tree.append({ key: relayHash, value: relayBytes, weight: computeUnits })
 */
export async function openSessionTreeStore(
  parameters: OpenSessionTreeStoreParameters,
): Promise<SessionTreeStore> {
  const startedAt = performance.now()
  const logDir = join(parameters.dir, 'log')
  const catalogueDir = join(parameters.dir, 'catalogue')
  try {
    await mkdir(logDir, { recursive: true })
    await mkdir(catalogueDir, { recursive: true })
  } catch (cause) {
    throw new StoreIoFailedError({ operation: 'creating the store directories', cause })
  }
  const unlock = await lockDirectory(parameters.dir)
  let catalogue: Catalogue | undefined
  try {
    catalogue = Catalogue.open(catalogueDir)
    const liveIds = new Set([...catalogue.entries().values()].map((entry) => entry.treeId))
    const recovered = await recoverLog(logDir, (treeId) => liveIds.has(treeId))
    const log = await SegmentLog.create({
      logDir,
      headSequence: recovered.lastSequence + 1,
      segmentBytes: parameters.segmentBytes ?? DEFAULT_SEGMENT_BYTES,
      segments: recovered.segments,
    })
    const recovery = { ...recovered.report, durationMs: 0 }
    const store = new LoggedSessionTreeStore({ catalogue, log, recovery, unlock })
    for (const [sessionKey, { treeId, state }] of catalogue.entries()) {
      const tree = store.addTree(sessionKey, treeId, state)
      for (const frame of recovered.frames.get(treeId) ?? []) tree.applyDurable(frame)
    }
    await log.removeDeadSegments((treeId) => liveIds.has(treeId))
    recovery.durationMs = performance.now() - startedAt
    return store
  } catch (error) {
    await catalogue?.close().catch(() => undefined)
    await unlock()
    throw error
  }
}
