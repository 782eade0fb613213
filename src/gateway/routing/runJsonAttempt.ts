import type { Hex } from '../../protocol/bytes/bytes.ts'
import { hashResponsePayload } from '../../protocol/relay/hashResponsePayload.ts'
import type { RelayResponse } from '../../protocol/relay/types.ts'
import { InvalidRelayResponseError, SupplierErrorResponse } from '../errors.ts'
import { type ReportedUsage, verifyRelayResponse } from '../relay/verifyRelayResponse.ts'
import type { Attempt, RelayJob, RouterContext } from './types.ts'

/** A verified non-streaming answer. */
export type JsonAnswer = { body: unknown; response: RelayResponse }

/**
 * Sends a non-streaming relay and verifies the whole answer: the supplier's status, the payload hash
 * over the body received, the response signature and the usage (see `verifyRelayResponse`).
 *
 * @param context - router context (domain, transport)
 * @param job - the request (for its id)
 * @param attempt - the attempt to run
 * @returns the OpenAI body and the verified signed response
 * @throws {SupplierErrorResponse} a coded supplier error; {InvalidRelayResponseError} a failed check
 * @example
 * const { body, response } = await runJsonAttempt(context, job, attempt)
 */
export async function runJsonAttempt(
  context: RouterContext,
  job: RelayJob,
  attempt: Attempt,
): Promise<JsonAnswer> {
  const reply = await context.transport.send(attempt.candidate.supplier.endpoint, attempt.relay.json, {
    signal: attempt.controller.signal,
    requestId: job.requestId,
    acknowledgeTimeoutMs: context.routing.acknowledgeTimeoutMs || undefined,
  })
  if (reply.kind !== 'json')
    throw new InvalidRelayResponseError({ check: 'malformed', details: 'a stream for a JSON request' })
  if (reply.status !== 200) throw supplierErrorFrom(reply)
  const answer = reply.body as { payload?: { status?: unknown; body?: unknown } } | undefined
  const payload = answer?.payload
  if (payload?.status !== 200 || typeof payload.body !== 'object' || payload.body === null)
    throw new InvalidRelayResponseError({ check: 'malformed', details: 'no payload' })
  let receivedPayloadHash: Hex
  try {
    receivedPayloadHash = hashResponsePayload({ status: 200, body: payload.body })
  } catch {
    throw new InvalidRelayResponseError({ check: 'malformed', details: 'payload has no canonical form' })
  }
  const response = verifyRelayResponse({
    domain: context.ledgerInfo.domain,
    request: attempt.relay.request,
    requestHash: attempt.relay.requestHash,
    receivedPayloadHash,
    signed: answer,
    reportedUsage: (payload.body as { usage?: ReportedUsage }).usage,
  })
  return { body: payload.body, response }
}

/**
 * Turns a supplier's error reply (`{ error: { code, message, fault } }`, docs/relayminer.md) into data.
 *
 * @param reply - a non-200 reply
 * @returns the error to classify
 * @example
 * if (reply.status !== 200) throw supplierErrorFrom(reply)
 */
export function supplierErrorFrom(reply: { status: number; body?: unknown }): SupplierErrorResponse {
  const error = (reply.body as { error?: { code?: unknown; message?: unknown; fault?: unknown } } | undefined)
    ?.error
  return new SupplierErrorResponse({
    status: reply.status,
    code: typeof error?.code === 'string' ? error.code : 'UNKNOWN',
    message: typeof error?.message === 'string' ? error.message : `supplier answered HTTP ${reply.status}`,
    fault: typeof error?.fault === 'string' ? error.fault : 'unknown',
  })
}
