import { CliDevnetFailedError } from '../context/cliErrors.ts'
import type { RoleChild } from './spawnRole.ts'

/**
 * Polls a role's HTTP endpoint until `isReady` accepts an answer. Fails fast, naming the log file, when the
 * role's process exits first or the time runs out.
 *
 * @param parameters - the URL, the readiness test, the role and its log, the time limit
 * @throws {CliDevnetFailedError} when the role exits or is not ready in time
 * @example
 * await waitForHttpReady({ url: `${base}/readyz`, role, logFile, timeoutMs: 60_000 })
 */
export async function waitForHttpReady(parameters: {
  url: string
  role: RoleChild
  logFile: string
  timeoutMs: number
  isReady?: (response: Response) => Promise<boolean>
}): Promise<void> {
  const { url, role, logFile, timeoutMs } = parameters
  const isReady = parameters.isReady ?? (async (response: Response) => response.ok)
  const deadline = Date.now() + timeoutMs
  const hint = `See ${logFile}.`
  while (Date.now() < deadline) {
    if (!role.isRunning())
      throw new CliDevnetFailedError({
        step: `start ${role.name} (it exited with ${await role.exited})`,
        hint,
      })
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      if (await isReady(response)) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new CliDevnetFailedError({ step: `start ${role.name} within ${timeoutMs / 1000} s`, hint })
}
