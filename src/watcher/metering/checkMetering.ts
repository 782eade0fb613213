import type { FinishReason, Usage } from '../../inference/index.ts'

/** Slack allowed between reported and re-counted tokens (0 = exact). */
export type MeteringTolerances = {
  /** Extra prompt tokens tolerated (a supplier with another chat template would need some). */
  promptTokens: number
  /** Extra completion tokens tolerated on answers that stopped by themselves. */
  completionTokens: number
}

/** What one probe says about a supplier's token counts. */
export type MeteringObservation = {
  /** Whether the answer carried usage at all (a streamed answer may not). */
  isReported: boolean
  /** reported − re-counted, per kind (0 when unreported). */
  promptExcess: number
  completionExcess: number
  /**
   * Counts no honest supplier of this model can report: prompt tokens other than the re-tokenised prompt
   * (another tokenizer or template is another model), more completion tokens than `max_tokens`, or a
   * signed usage that differs from the body's. One is proof of misreporting.
   */
  proofs: string[]
  /** A completion count above the re-tokenised answer beyond tolerance (statistical evidence). */
  isExcessive: boolean
  /** Reported and re-counted tokens (undefined when unreported). */
  counts:
    | {
        promptReported: number
        promptRecounted: number
        completionReported: number
        completionRecounted: number
      }
    | undefined
}

/** Usage as a relay response signed it; suppliers cut usage to the signed bounds before signing. */
export type SignedUsage = {
  inputTokens: number
  outputTokens: number
  maxInputTokens: number
  maxOutputTokens: number
}

/** Inputs of `checkMetering`. */
export type CheckMeteringParameters = {
  /** The usage the answer reported. */
  usage: Usage | undefined
  /** The usage the supplier signed in its relay response, with the request's signed bounds. */
  signedUsage?: SignedUsage | undefined
  finishReason: FinishReason | null
  /** The probe's `max_tokens`. */
  maxTokens: number
  /** Tokens of the rendered prompt under the reference tokenizer, BOS included. */
  expectedPromptTokens: number
  /** Tokens of the returned content under the reference tokenizer (no BOS). */
  expectedCompletionTokens: number
  tolerances: MeteringTolerances
}

/**
 * Re-counts a probe's tokens with the reference model's tokenizer and template and compares them with
 * what the supplier billed. Prompt counts are exact for an honest supplier of the registered model; an
 * answer generated about as many tokens as its re-tokenisation (the model may have produced a longer
 * spelling of the same text, hence the tolerance). Billing less than was served is not an offence.
 *
 * @param parameters - reported and signed usage, finish reason, the probe's limit, re-counts, tolerances.
 * @returns the excesses, the proofs found and whether the completion count is excessive.
 * @example
 * checkMetering({ usage, finishReason: 'length', maxTokens: 64, expectedPromptTokens: 21, expectedCompletionTokens: 64, tolerances }).proofs // []
 */
export function checkMetering(parameters: CheckMeteringParameters): MeteringObservation {
  const { usage, tolerances, maxTokens } = parameters
  if (!usage)
    return {
      isReported: false,
      promptExcess: 0,
      completionExcess: 0,
      proofs: [],
      isExcessive: false,
      counts: undefined,
    }
  const promptExcess = usage.prompt_tokens - parameters.expectedPromptTokens
  const completionExcess = usage.completion_tokens - parameters.expectedCompletionTokens
  const proofs: string[] = []
  if (Math.abs(promptExcess) > tolerances.promptTokens)
    proofs.push(`prompt_tokens ${usage.prompt_tokens}, re-counted ${parameters.expectedPromptTokens}`)
  if (usage.completion_tokens > maxTokens)
    proofs.push(`completion_tokens ${usage.completion_tokens} above max_tokens ${maxTokens}`)
  const signed = parameters.signedUsage
  if (signed && !isSignedUsageConsistent(signed, usage))
    proofs.push(`signed usage ${signed.inputTokens}/${signed.outputTokens} differs from the body's`)
  // Whatever the finish reason: a supplier that stops early and reports a `length` finish at max_tokens
  // bills tokens it never generated, and the re-count shows it.
  const isExcessive = completionExcess > tolerances.completionTokens
  const counts = {
    promptReported: usage.prompt_tokens,
    promptRecounted: parameters.expectedPromptTokens,
    completionReported: usage.completion_tokens,
    completionRecounted: parameters.expectedCompletionTokens,
  }
  return { isReported: true, promptExcess, completionExcess, proofs, isExcessive, counts }
}

function isSignedUsageConsistent(signed: SignedUsage, usage: Usage): boolean {
  return (
    signed.inputTokens === Math.min(usage.prompt_tokens, signed.maxInputTokens) &&
    signed.outputTokens === Math.min(usage.completion_tokens, signed.maxOutputTokens)
  )
}
