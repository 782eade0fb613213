import type { ChatCompletionRequest } from '../../inference/index.ts'
import { BaseError } from '../../protocol/errors/BaseError.ts'
import type { ProbeExchange, ProbeTarget, ProbeTransport } from '../ports.ts'

/**
 * Sends a probe with a deadline. A transport should report a supplier's failure as a `ProbeFailure`;
 * one that throws anyway (a bug, a timeout) is turned into one here, with the thrown error's fault when
 * it has one, so the audit always gets an outcome.
 *
 * @param parameters - transport, target, request, deadline and clock.
 * @returns what came back, or the failure.
 * @example
 * const exchange = await sendProbe({ transport, target, request, timeoutMs: 60_000, nowMs: Date.now })
 */
export async function sendProbe(parameters: {
  transport: ProbeTransport
  target: ProbeTarget
  request: ChatCompletionRequest
  timeoutMs: number
  nowMs: () => number
}): Promise<ProbeExchange> {
  const sentAtMs = parameters.nowMs()
  const signal = AbortSignal.timeout(parameters.timeoutMs)
  try {
    return await parameters.transport.send(parameters.target, parameters.request, { signal })
  } catch (error) {
    const isTimeout = signal.aborted
    return {
      isOk: false,
      code: error instanceof BaseError ? error.code : isTimeout ? 'TIMEOUT' : 'UNKNOWN',
      fault: error instanceof BaseError ? error.fault : isTimeout ? 'supplier' : 'unknown',
      status: undefined,
      timing: { sentAtMs, firstContentAtMs: undefined, doneAtMs: parameters.nowMs() },
    }
  }
}
