import type { VerdictSource, WatcherVerdict } from '../../gateway/index.ts'

/**
 * A verdict source fed by hand: the gateway subscribes at creation, and the watcher inside the same
 * process, which can only be built once the gateway exists, publishes into it.
 *
 * @returns the source and its `publish`.
 * @example
 * const local = createVerdictHub(); createGateway({ verdicts: local }); watcher.subscribe(local.publish)
 */
export function createVerdictHub(): VerdictSource & { publish(verdict: WatcherVerdict): void } {
  const listeners = new Set<(verdict: WatcherVerdict) => void>()
  return {
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    publish(verdict) {
      for (const listener of listeners) listener(verdict)
    },
  }
}

/**
 * One verdict source over several (followed watchers' feeds, the watcher in this process).
 *
 * @param sources - the sources.
 * @returns a source whose subscription covers them all.
 * @example
 * createGateway({ verdicts: mergeVerdictSources([...feeds, local]) })
 */
export function mergeVerdictSources(sources: readonly VerdictSource[]): VerdictSource {
  return {
    subscribe(listener) {
      const unsubscribes = sources.map((source) => source.subscribe(listener))
      return () => {
        for (const unsubscribe of unsubscribes) unsubscribe()
      }
    },
  }
}
