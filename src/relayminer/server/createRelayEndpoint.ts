import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import type { RelayMinerMetrics } from '../metrics/createRelayMinerMetrics.ts'
import type { RelayService } from '../relay/createRelayService.ts'
import type { RelayFrames } from '../relay/streamRelay.ts'
import { toErrorBody } from '../relay/toErrorBody.ts'
import { statusOfError } from './statusOfError.ts'

/** What `POST /v1/relay` answers, whatever the HTTP stack: a JSON text with its status, or SSE frames. */
export type RelayReply =
  | { kind: 'json'; status: number; text: string }
  | { kind: 'stream'; frames: RelayFrames }

/** One request to the relay endpoint, as the HTTP stack hands it over. */
export type RelayEndpointRequest = {
  /** Reads and parses the body (it may throw the body errors: too large, not JSON). */
  readBody(): Promise<unknown>
  /** `x-request-id`, when the client sent one. */
  requestId: string | undefined
  /** Fires when the client goes away (or give `controller`, see `RelayClient`). */
  signal?: AbortSignal
  /** Aborted by the HTTP stack when the client goes away; the relay uses it as its own. */
  controller?: AbortController
  /** Sends `102 Processing`; given when the client asked for it (`x-decai-processing: 1`). */
  writeProcessing?: () => void
}

export type CreateRelayEndpointParameters = {
  relays: RelayService
  metrics: RelayMinerMetrics
  logger: Logger
}

/**
 * The relay endpoint without an HTTP stack: the Hono route (`app.request()`, other adapters) and the
 * Node fast path (`createNodeRelayHandler`) both call it, so the two cannot answer differently. It never
 * throws: errors become `{ error: { code, message, fault } }` with the status of `statusOfError`,
 * counted by code; 4xx are logged at info, 5xx at error.
 *
 * @param parameters - the relay service, metrics, logger
 * @returns a function serving one request
 * @example
 * const serveRelay = createRelayEndpoint({ relays, metrics, logger })
 * const reply = await serveRelay({ readBody: () => readJsonBody(raw, incoming, maxBytes), requestId })
 */
export function createRelayEndpoint(
  parameters: CreateRelayEndpointParameters,
): (request: RelayEndpointRequest) => Promise<RelayReply> {
  const { relays, metrics, logger } = parameters
  const fail = (error: unknown, requestId: string): RelayReply => {
    const status = statusOfError(error)
    const body = toErrorBody(error)
    metrics.relaysRejected.inc({ reason: body.error.code })
    if (status >= 500) logger.error({ err: error, reqId: requestId, status }, 'relay failed')
    else logger.info({ reqId: requestId, status, code: body.error.code }, 'relay refused')
    return { kind: 'json', status, text: JSON.stringify(body) }
  }
  return async function serveRelay(request) {
    const requestId = request.requestId ?? randomUUID()
    try {
      const body = await request.readBody()
      const outcome = await relays.serve(body, {
        signal: request.signal,
        controller: request.controller,
        requestId,
        onAccepted: request.writeProcessing,
      })
      if (outcome.kind === 'stream') return outcome
      return { kind: 'json', status: 200, text: JSON.stringify(outcome.body) }
    } catch (error) {
      return fail(error, requestId)
    }
  }
}
