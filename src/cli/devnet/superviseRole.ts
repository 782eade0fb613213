import type { Logger } from 'pino'
import type { RoleChild } from './spawnRole.ts'

/** A role kept running: restarted when it crashes, stopped on request. */
export type SupervisedRole = {
  name: string
  /** The process running now. */
  current(): RoleChild
  /** How many times it was restarted after a crash. */
  restarts(): number
  stop(timeoutMs: number): Promise<void>
}

/**
 * Keeps a role running: when its process exits without being asked to, it is started again after a
 * backoff (1 s, 2 s, 4 s… up to 30 s), so one crashed relayminer never takes the devnet down with it. After
 * `maxRestarts` crashes in a row without 60 s of uptime in between it gives up and says so in the log.
 *
 * @param parameters - how to start the role, the logger, the restart budget
 * @returns the supervised role
 * @example
 * const gateway = superviseRole({ name: 'gateway', start: () => spawnRole(…), logger })
 */
export function superviseRole(parameters: {
  name: string
  start: () => RoleChild
  logger: Logger
  maxRestarts?: number
  onCrash?: (exit: number | string, willRestart: boolean) => void
}): SupervisedRole {
  const { name, logger, maxRestarts = 5 } = parameters
  let current = parameters.start()
  let restarts = 0
  let crashesInRow = 0
  let isStopping = false
  let timer: NodeJS.Timeout | undefined
  const watch = (role: RoleChild) => {
    const startedMs = Date.now()
    void role.exited.then((exit) => {
      if (isStopping) return
      crashesInRow = Date.now() - startedMs > 60_000 ? 1 : crashesInRow + 1
      const willRestart = crashesInRow <= maxRestarts
      parameters.onCrash?.(exit, willRestart)
      if (!willRestart) {
        logger.error(
          { role: name, exit, crashesInRow },
          'role keeps crashing; not restarting it (see its log)',
        )
        return
      }
      const delayMs = Math.min(30_000, 1_000 * 2 ** (crashesInRow - 1))
      logger.warn({ role: name, exit, delayMs }, 'role exited unexpectedly; restarting it')
      timer = setTimeout(() => {
        if (isStopping) return
        restarts += 1
        current = parameters.start()
        watch(current)
      }, delayMs)
    })
  }
  watch(current)
  return {
    name,
    current: () => current,
    restarts: () => restarts,
    async stop(timeoutMs) {
      isStopping = true
      clearTimeout(timer)
      await current.stop(timeoutMs)
    },
  }
}
