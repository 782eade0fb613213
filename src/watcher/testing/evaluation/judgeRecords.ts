/**
 * Evaluation support: judges recorded probes with calibrated settings, as the watcher would.
 */
import type { ProbeOutcome } from '../../audit/createSupplierAudit.ts'
import type { ProbeExchange, ReferenceModel } from '../../ports.ts'
import { evaluateProbe, type ProbeJudgement } from '../../probe/evaluateProbe.ts'
import type { ProbeRecord } from '../collectProbeRecords.ts'

/** A probe's outcome as the audit sees it with and without the logprobs the probe asked for. */
export type JudgedProbe = { withLogprobs: ProbeOutcome; withoutLogprobs: ProbeOutcome }

/**
 * Judges every record twice (the reference score is cached, so this costs no extra inference): once as
 * a probe that asked for logprobs, once as one that did not.
 *
 * @param parameters - records by prompt id, the reference, the judgement, an optional answer rewrite.
 * @returns the judged probes by prompt id.
 * @example
 * const judged = await judgeRecords({ records, reference, judgement })
 */
export async function judgeRecords(parameters: {
  records: ReadonlyMap<number, ProbeRecord>
  reference: ReferenceModel
  judgement: ProbeJudgement
  /** Rewrites what the supplier returned (e.g. inflated usage) before judging. */
  rewrite?: (exchange: ProbeExchange) => ProbeExchange
}): Promise<Map<number, JudgedProbe>> {
  const judged = new Map<number, JudgedProbe>()
  for (const [id, record] of parameters.records) {
    const exchange = parameters.rewrite ? parameters.rewrite(record.exchange) : record.exchange
    const judge = (answer: ProbeExchange) =>
      evaluateProbe({
        request: record.request,
        exchange: answer,
        reference: parameters.reference,
        judgement: parameters.judgement,
      })
    const stripped: ProbeExchange = exchange.isOk ? { ...exchange, logprobs: undefined } : exchange
    judged.set(id, { withLogprobs: await judge(exchange), withoutLogprobs: await judge(stripped) })
  }
  return judged
}

/**
 * Bills `factor` times the tokens (rounded up), as an inflating supplier would.
 *
 * @param factor - e.g. 1.1.
 * @returns the rewrite.
 * @example
 * judgeRecords({ records, reference, judgement, rewrite: inflateUsage(1.1) })
 */
export function inflateUsage(factor: number): (exchange: ProbeExchange) => ProbeExchange {
  return (exchange) => {
    if (!exchange.isOk || !exchange.usage) return exchange
    const prompt = Math.ceil(exchange.usage.prompt_tokens * factor)
    const completion = Math.ceil(exchange.usage.completion_tokens * factor)
    return {
      ...exchange,
      usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
    }
  }
}

/**
 * Bills `tokens` more completion tokens per answer, prompt tokens honest: the small, steady
 * over-billing that stays under the per-answer tolerance. An answer that ran to `max_tokens` is then
 * billed above it (a proof); one that stopped by itself only moves the sign test.
 *
 * @param tokens - extra completion tokens per answer (1 or 2).
 * @returns the rewrite.
 * @example
 * judgeRecords({ records, reference, judgement, rewrite: inflateCompletion(2) })
 */
export function inflateCompletion(tokens: number): (exchange: ProbeExchange) => ProbeExchange {
  return (exchange) => {
    if (!exchange.isOk || !exchange.usage) return exchange
    const completion = exchange.usage.completion_tokens + tokens
    const total = exchange.usage.prompt_tokens + completion
    return { ...exchange, usage: { ...exchange.usage, completion_tokens: completion, total_tokens: total } }
  }
}
