import { getLlama, type Llama, LlamaLogLevel } from 'node-llama-cpp'

const runtimes = new Map<string, Promise<Llama>>()

/**
 * The process-wide llama.cpp runtime. The native library is process-global anyway, so one `Llama` per
 * GPU setting is shared by every embedded backend. `build: 'never'` guarantees that nothing is ever
 * downloaded or compiled: a missing prebuilt binary is an error, not a 10-minute cmake run.
 *
 * @param gpu - `false` (CPU, the default) or `'auto'` (use a prebuilt GPU binary when one loads).
 * @returns the shared runtime.
 * @example
 * const llama = await getSharedLlama()
 */
export function getSharedLlama(gpu: false | 'auto' = false): Promise<Llama> {
  const key = String(gpu)
  let runtime = runtimes.get(key)
  if (!runtime) {
    runtime = getLlama({
      gpu,
      build: 'never',
      skipDownload: true,
      logLevel: LlamaLogLevel.error,
      progressLogs: false,
    })
    runtimes.set(key, runtime)
    // A failed load must not poison later attempts.
    runtime.catch(() => runtimes.delete(key))
  }
  return runtime
}
