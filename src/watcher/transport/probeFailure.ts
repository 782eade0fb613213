import { BaseError } from '../../protocol/errors/BaseError.ts'
import type { Fault } from '../../protocol/errors/codes.ts'
import type { ProbeFailure } from '../ports.ts'

/**
 * A supplier's non-200 answer as a failed probe. 4xx answers are refusals of the relay itself (often
 * the watcher's session or bounds) and do not count against the supplier; 429 and 5xx are its failure
 * to serve.
 *
 * @param reply - the status and the decoded body (`{ error: { code } }` when the relayminer sent one).
 * @param timing - when the probe was sent and when the answer came (ms).
 * @returns the failed probe.
 * @example
 * if (response.status !== 200) return failedAnswer({ status: response.status, body }, { sentAtMs, doneAtMs: now() })
 */
export function failedAnswer(
  reply: { status: number; body: unknown },
  timing: { sentAtMs: number; doneAtMs: number },
): ProbeFailure {
  const code = (reply.body as { error?: { code?: unknown } } | undefined)?.error?.code
  const isSupplierFault = reply.status === 429 || reply.status >= 500
  return {
    isOk: false,
    code: typeof code === 'string' ? code : `HTTP_${reply.status}`,
    fault: isSupplierFault ? 'supplier' : 'client',
    status: reply.status,
    timing: { ...timing, firstContentAtMs: undefined },
  }
}

/**
 * A probe that got no usable answer. A connection refused, a reset or a deadline passed is the
 * supplier's failure to serve; a typed error keeps its own fault; `knownFault: 'internal'` marks the
 * watcher's own problem (no session, no chain), which is no evidence about the supplier.
 *
 * @param error - what was thrown.
 * @param context - timing, the probe's signal, and a fault already known.
 * @returns the failed probe.
 * @example
 * catch (error) { return failedExchange(error, { sentAtMs, doneAtMs: now(), signal }) }
 */
export function failedExchange(
  error: unknown,
  context: { sentAtMs: number; doneAtMs: number; signal: AbortSignal; knownFault?: Fault },
): ProbeFailure {
  const { knownFault, signal } = context
  const fault: Fault = knownFault ?? (error instanceof BaseError ? error.fault : 'supplier')
  const code =
    knownFault === 'internal'
      ? 'NO_ROUTE'
      : error instanceof BaseError
        ? error.code
        : signal.aborted
          ? 'TIMEOUT'
          : 'UNREACHABLE'
  return {
    isOk: false,
    code,
    fault,
    status: undefined,
    timing: { sentAtMs: context.sentAtMs, firstContentAtMs: undefined, doneAtMs: context.doneAtMs },
  }
}
