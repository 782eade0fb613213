import type { ChatCompletionRequest } from '../../inference/index.ts'
import type { ProbeOutcome } from '../audit/createSupplierAudit.ts'
import { checkIdentity, type IdentityTolerances } from '../identity/checkIdentity.ts'
import { checkMetering, type MeteringTolerances } from '../metering/checkMetering.ts'
import type { ProbeAnswer, ProbeExchange, ReferenceModel } from '../ports.ts'
import { checkQos, type ServiceObjectives } from '../qos/checkQos.ts'

/** Tolerances and objectives a probe is judged with. */
export type ProbeJudgement = {
  identity: IdentityTolerances
  metering: MeteringTolerances
  objectives: ServiceObjectives
}

// Alternatives per position: the best one gives the greedy margin; penalties need a few more, since
// they can demote the reference's favourite below another candidate.
const plainTopLogprobs = 1
const penalisedTopLogprobs = 20

/**
 * Runs every check on one probe's exchange: QoS always; identity and metering when the supplier
 * answered. Identity re-scores the answer under the reference model in one batched pass, and is skipped
 * when the probe can say nothing about it (sampled, without logprobs).
 *
 * @param parameters - the probe as sent, what came back, the reference model, tolerances and objectives.
 * @returns the probe's observations, ready for the supplier's audit.
 * @example
 * const outcome = await evaluateProbe({ request, exchange, reference, judgement })
 * audit.observe(outcome)
 */
export async function evaluateProbe(parameters: {
  request: ChatCompletionRequest
  exchange: ProbeExchange
  reference: ReferenceModel
  judgement: ProbeJudgement
}): Promise<ProbeOutcome> {
  const { request, exchange, reference, judgement } = parameters
  if (!exchange.isOk)
    return { identity: undefined, metering: undefined, qos: checkQos(exchange, judgement.objectives, 0) }
  const recountedCompletionTokens = exchange.content
    ? reference.tokenize(exchange.content, { addBos: false }).length
    : 0
  const qos = checkQos(exchange, judgement.objectives, recountedCompletionTokens)
  const metering = checkMetering({
    usage: exchange.usage,
    signedUsage: exchange.signedUsage,
    finishReason: exchange.finishReason,
    maxTokens: request.max_completion_tokens ?? request.max_tokens ?? Number.POSITIVE_INFINITY,
    expectedPromptTokens: reference.tokenize(reference.renderChatPrompt(request.messages)).length,
    expectedCompletionTokens: recountedCompletionTokens,
    tolerances: judgement.metering,
  })
  const identity = await checkAnswerIdentity(request, exchange, reference, judgement.identity)
  return { identity, metering, qos }
}

async function checkAnswerIdentity(
  request: ChatCompletionRequest,
  answer: ProbeAnswer,
  reference: ReferenceModel,
  tolerances: IdentityTolerances,
) {
  const temperature = request.temperature ?? 1
  const penalties = { frequency: request.frequency_penalty ?? 0, presence: request.presence_penalty ?? 0 }
  const hasPenalties = penalties.frequency !== 0 || penalties.presence !== 0
  if (answer.content === '' || (temperature !== 0 && !answer.logprobs)) return undefined
  const score = await reference.scoreChatAnswer({
    messages: request.messages,
    content: answer.content,
    topLogprobs: hasPenalties ? penalisedTopLogprobs : plainTopLogprobs,
  })
  return checkIdentity({ temperature, penalties, score, logprobs: answer.logprobs, tolerances })
}
