import type { SessionLeaf, SessionTreeStore } from '../store/index.ts'

/** The session trees of the relay path: durable appends plus a count of relays still being served. */
export type SessionTrees = {
  /** Marks a relay of `treeKey` as being served; call the returned function when it is done. */
  beginRelay(treeKey: string): () => void
  /** Appends a mined relay; resolves once it is durable (the acknowledgement may then be sent). */
  append(treeKey: string, leaf: SessionLeaf): Promise<void>
  /** Resolves when no relay of `treeKey` is being served, or after `timeoutMs`; true if drained. */
  waitForIdle(treeKey: string, timeoutMs: number): Promise<boolean>
  /** Relays being served per tree (for tests and metrics). */
  inFlight(treeKey: string): number
}

/**
 * Creates the relay path's view of the store. The claimer seals a tree only after the relays of its
 * session still being served have finished (or a timeout), so a slow LLM response that was accepted
 * inside the grace period is not lost to the seal.
 *
 * @param store - the opened session tree store
 * @returns the trees
 * @example
 * const done = trees.beginRelay(key)
 * try { if (isMined) await trees.append(key, leaf) } finally { done() }
 */
export function createSessionTrees(store: SessionTreeStore): SessionTrees {
  const counts = new Map<string, number>()
  const waiters = new Map<string, (() => void)[]>()

  const finish = (treeKey: string) => {
    const left = (counts.get(treeKey) ?? 1) - 1
    if (left > 0) return void counts.set(treeKey, left)
    counts.delete(treeKey)
    for (const wake of waiters.get(treeKey) ?? []) wake()
    waiters.delete(treeKey)
  }

  return {
    beginRelay(treeKey) {
      counts.set(treeKey, (counts.get(treeKey) ?? 0) + 1)
      let isDone = false
      return () => {
        if (isDone) return
        isDone = true
        finish(treeKey)
      }
    },
    async append(treeKey, leaf) {
      const tree = store.getTree(treeKey) ?? (await store.openTree(treeKey))
      await tree.append(leaf)
    },
    waitForIdle(treeKey, timeoutMs) {
      if (!counts.has(treeKey)) return Promise.resolve(true)
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs)
        const list = waiters.get(treeKey) ?? []
        list.push(() => {
          clearTimeout(timer)
          resolve(true)
        })
        waiters.set(treeKey, list)
      })
    },
    inFlight: (treeKey) => counts.get(treeKey) ?? 0,
  }
}
