import type { FinishReason, Usage } from '../../inference/index.ts'

/** Slack allowed between reported and re-counted tokens (0 = exact). */
export type MeteringTolerances = {
  /** Extra prompt tokens tolerated (a supplier with another chat template would need some). */
  promptTokens: number
  /** Extra completion tokens tolerated on one answer (systematic smaller excesses: `metering.overbilling`). */
  completionTokens: number
}

/** What one probe says about a supplier's token counts. */
export type MeteringObservation = {
  /** Whether the supplier billed anything checkable: a signed usage or a body `usage`. */
  isReported: boolean
  /** billed − re-counted, per kind (0 when unreported); billed is the signed usage when there is one. */
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
  /** Billed and re-counted tokens (undefined when unreported). */
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

type Billed = { prompt: number; completion: number; promptBound: number; completionBound: number }

/**
 * Re-counts a probe's tokens with the reference model's tokenizer and template and compares them with
 * what the supplier billed. The signed usage is what settles on chain, so it is checked whenever the
 * relay carried one, whether or not the body reported `usage`; the body's usage must then agree with
 * it. Prompt counts are exact for an honest supplier of the registered model; an answer generated about
 * as many tokens as its re-tokenisation (the model may have produced a longer spelling of the same
 * text, hence the tolerance). Billing less than was served is not an offence.
 *
 * @param parameters - reported and signed usage, finish reason, the probe's limit, re-counts, tolerances.
 * @returns the excesses, the proofs found and whether the completion count is excessive.
 * @example
 * checkMetering({ usage, finishReason: 'length', maxTokens: 64, expectedPromptTokens: 21, expectedCompletionTokens: 64, tolerances }).proofs // []
 */
export function checkMetering(parameters: CheckMeteringParameters): MeteringObservation {
  const { usage, signedUsage: signed, tolerances, maxTokens } = parameters
  const billed = billedOf(usage, signed)
  if (!billed)
    return {
      isReported: false,
      promptExcess: 0,
      completionExcess: 0,
      proofs: [],
      isExcessive: false,
      counts: undefined,
    }
  // What an honest supplier bills: the re-counts, cut to the signed bounds as relayminers cut them.
  const promptRecounted = Math.min(parameters.expectedPromptTokens, billed.promptBound)
  const completionRecounted = Math.min(parameters.expectedCompletionTokens, billed.completionBound)
  const promptExcess = billed.prompt - promptRecounted
  const completionExcess = billed.completion - completionRecounted
  const proofs: string[] = []
  if (Math.abs(promptExcess) > tolerances.promptTokens)
    proofs.push(`prompt_tokens ${billed.prompt}, re-counted ${promptRecounted}`)
  if (billed.completion > maxTokens)
    proofs.push(`completion_tokens ${billed.completion} above max_tokens ${maxTokens}`)
  if (signed && usage && !isSignedUsageConsistent(signed, usage))
    proofs.push(`signed usage ${signed.inputTokens}/${signed.outputTokens} differs from the body's`)
  // Whatever the finish reason: a supplier that stops early and reports a `length` finish at max_tokens
  // bills tokens it never generated, and the re-count shows it.
  const isExcessive = completionExcess > tolerances.completionTokens
  const counts = {
    promptReported: billed.prompt,
    promptRecounted,
    completionReported: billed.completion,
    completionRecounted,
  }
  return { isReported: true, promptExcess, completionExcess, proofs, isExcessive, counts }
}

// The signed usage is what the chain pays; the body's usage is only checked against it.
function billedOf(usage: Usage | undefined, signed: SignedUsage | undefined): Billed | undefined {
  if (signed)
    return {
      prompt: signed.inputTokens,
      completion: signed.outputTokens,
      promptBound: signed.maxInputTokens,
      completionBound: signed.maxOutputTokens,
    }
  if (!usage) return undefined
  const unbounded = Number.POSITIVE_INFINITY
  return {
    prompt: usage.prompt_tokens,
    completion: usage.completion_tokens,
    promptBound: unbounded,
    completionBound: unbounded,
  }
}

function isSignedUsageConsistent(signed: SignedUsage, usage: Usage): boolean {
  return (
    signed.inputTokens === Math.min(usage.prompt_tokens, signed.maxInputTokens) &&
    signed.outputTokens === Math.min(usage.completion_tokens, signed.maxOutputTokens)
  )
}
