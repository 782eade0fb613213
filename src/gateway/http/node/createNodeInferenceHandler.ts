import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ClientSignal } from '../../routing/clientSignal.ts'
import type { KeyOptions } from '../authenticate.ts'
import { findApiKey } from '../authenticate.ts'
import type { RequestObserver } from '../createRequestObserver.ts'
import type { ClientOperation } from '../parseClientRequest.ts'
import { readNodeClientBody } from '../readClientBody.ts'
import { type InferenceHandlerDependencies, type InferenceReply, runInference } from '../runInference.ts'
import { toErrorReply } from '../toErrorReply.ts'
import { writeSseToNode } from '../writeSseToNode.ts'

/** A handler on Node's own request and response objects. */
export type NodeRequestHandler = (incoming: IncomingMessage, outgoing: ServerResponse) => void

/** What the Node inference handlers need beyond `runInference`'s dependencies. */
export type NodeInferenceDependencies = InferenceHandlerDependencies & {
  keys: KeyOptions
  observe: RequestObserver
}

/**
 * One OpenAI endpoint on Node's `IncomingMessage`/`ServerResponse`, before Hono: the same key check,
 * `runInference`, error replies and metrics as the Hono route (`createInferenceHandler` behind
 * `createAuthenticate` and the app's error handler), without the WHATWG Request, Response, Hono
 * context and middleware chain per request. A body refused for its size is left unread and the
 * connection closed after the answer; a client that leaves aborts the relay.
 *
 * @param dependencies - `runInference`'s, the key options and the request observer
 * @param operation - which endpoint
 * @param path - its path, for metrics and logs
 * @returns the handler
 * @example
 * const handle = createNodeInferenceHandler(dependencies, 'chat', '/v1/chat/completions')
 */
export function createNodeInferenceHandler(
  dependencies: NodeInferenceDependencies,
  operation: ClientOperation,
  path: string,
): NodeRequestHandler {
  const { config, keys, observe, router, logger } = dependencies
  const maxBodyBytes = config.server.maxBodyBytes
  return function handleInferenceOnNode(incoming, outgoing) {
    const startedAtMs = performance.now()
    const state = new ExchangeState(outgoing)
    const { headers } = incoming
    const answer = async () =>
      runInference(dependencies, {
        operation,
        apiKey: findApiKey(keys, headers.authorization, headers['x-api-key']),
        requestIdHeader: typeof headers['x-request-id'] === 'string' ? headers['x-request-id'] : undefined,
        readBody: () => readNodeClientBody(incoming, maxBodyBytes),
        onParsed(request) {
          state.model = request.model
          state.isStream = request.isStream
        },
        onAdmitted(requestId) {
          state.requestId = requestId
        },
        clientSignal: () => state,
      })
    void answer()
      .then(
        (reply) => writeReply(outgoing, reply, state.requestId),
        (error: unknown) => {
          const isClientGone = () => state.aborted
          const reply = toErrorReply(error, { isClientGone, path, metrics: router.metrics, logger })
          writeError(incoming, outgoing, reply, state.requestId)
          return reply.status
        },
      )
      .then((status) => observe(path, state.model, status, state.isStream, startedAtMs))
  }
}

// Per-request state the exchange's callbacks fill in, and the client's leaving as a `ClientSignal`:
// Node's response already says when the client left, so no AbortController is made per request.
class ExchangeState implements ClientSignal {
  model = ''
  isStream = false
  requestId: string | undefined
  aborted = false
  reason: unknown
  private listeners: Array<() => void> | undefined

  constructor(outgoing: ServerResponse) {
    outgoing.once('close', () => {
      if (outgoing.writableFinished) return
      this.aborted = true
      this.reason = new DOMException('the client went away', 'AbortError')
      const listeners = this.listeners
      this.listeners = undefined
      if (listeners) for (const listener of listeners) listener()
    })
  }

  watch(listener: () => void): () => void {
    this.listeners ??= []
    this.listeners.push(listener)
    return () => {
      const index = this.listeners?.indexOf(listener) ?? -1
      if (index >= 0) this.listeners!.splice(index, 1)
    }
  }
}

function writeReply(outgoing: ServerResponse, reply: InferenceReply, requestId: string | undefined): number {
  const idHeader: Record<string, string> = requestId === undefined ? {} : { 'x-request-id': requestId }
  if (reply.kind === 'stream') {
    void writeSseToNode(outgoing, reply.events, idHeader)
    return 200
  }
  writeJson(outgoing, 200, JSON.stringify(reply.body), idHeader)
  return 200
}

function writeError(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  reply: ReturnType<typeof toErrorReply>,
  requestId: string | undefined,
): void {
  if (!reply.body) return void outgoing.destroy()
  const headers: Record<string, string> = { ...reply.headers }
  if (requestId !== undefined) headers['x-request-id'] = requestId
  // A body refused for its size was left unread: it is not drained, the connection closes instead.
  if (reply.status === 413 && !incoming.complete) headers.connection = 'close'
  writeJson(outgoing, reply.status, JSON.stringify(reply.body), headers)
}

function writeJson(
  outgoing: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
): void {
  if (outgoing.destroyed) return
  outgoing.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  })
  outgoing.end(text)
}
