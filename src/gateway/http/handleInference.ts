import type { ServerResponse } from 'node:http'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import type { Context } from 'hono'
import { fromAbortSignal } from '../routing/clientSignal.ts'
import type { GatewayVariables } from './authenticate.ts'
import { createClientSignal } from './createClientSignal.ts'
import type { ClientOperation } from './parseClientRequest.ts'
import { readClientBody } from './readClientBody.ts'
import { type InferenceHandlerDependencies, runInference } from './runInference.ts'
import { toSseResponse } from './toSseResponse.ts'
import { writeSseToNode } from './writeSseToNode.ts'

export type { InferenceHandlerDependencies } from './runInference.ts'

/**
 * Creates the Hono handler of one OpenAI endpoint (`/v1/chat/completions`, `/v1/completions`,
 * `/v1/embeddings`) around `runInference`. Served by `createGatewayListener` these routes take the Node
 * fast path instead (`createNodeInferenceHandler`); this one serves `app.request()`, other adapters,
 * and servers started on `app.fetch` alone. Errors are thrown to the app's error handler.
 *
 * @param dependencies - config, router, key store, limiter, logger
 * @param operation - which endpoint
 * @returns the Hono handler
 * @example
 * app.post('/v1/chat/completions', createInferenceHandler(dependencies, 'chat'))
 */
export function createInferenceHandler(
  dependencies: InferenceHandlerDependencies,
  operation: ClientOperation,
) {
  const maxBodyBytes = dependencies.config.server.maxBodyBytes
  return async function handleInference(c: Context<{ Variables: GatewayVariables }>): Promise<Response> {
    const reply = await runInference(dependencies, {
      operation,
      apiKey: c.get('apiKey'),
      requestIdHeader: c.req.header('x-request-id'),
      readBody: () => readClientBody(c, maxBodyBytes),
      onParsed(request) {
        c.set('model', request.model)
        c.set('isStream', request.isStream)
      },
      onAdmitted: (requestId) => c.header('x-request-id', requestId),
      clientSignal() {
        const signal = createClientSignal(c)
        c.set('clientSignal', signal)
        return fromAbortSignal(signal)
      },
    })
    if (reply.kind === 'json') return c.json(reply.body)
    const requestId = { 'x-request-id': c.res.headers.get('x-request-id') ?? '' }
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing
    if (!outgoing) return toSseResponse(reply.events, requestId)
    void writeSseToNode(outgoing, reply.events, requestId)
    return RESPONSE_ALREADY_SENT
  }
}
