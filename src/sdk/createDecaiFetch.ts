import { BaseError } from '../protocol/errors/BaseError.ts'
import type { DecaiClient, DecaiRequest } from './createDecaiClient.ts'
import { SdkUnsupportedRequestError } from './errors.ts'
import { type SdkStreamAnswer, SdkSupplierRefusal } from './relay/sendRelay.ts'

const relayedPaths = new Set(['/v1/chat/completions', '/v1/completions', '/v1/embeddings'])
const statusByCode: Record<string, number> = {
  SDK_INVALID_OPTIONS: 400,
  SDK_UNSUPPORTED_REQUEST: 404,
  SDK_NO_SUPPLIER: 503,
  SDK_RELAY_FAILED: 502,
  SDK_INVALID_RELAY_RESPONSE: 502,
}
const encoder = new TextEncoder()

/**
 * A `fetch` that answers OpenAI API calls by relaying them directly to decai suppliers, so the official
 * `openai` SDK (and anything else that takes a `fetch`) works without a gateway. The host of the URL is
 * ignored; `/v1/chat/completions`, `/v1/completions`, `/v1/embeddings` are relayed and `GET /v1/models`
 * lists the service. Failures come back as OpenAI error responses; a stream whose signed trailer fails
 * verification ends with an in-stream error event instead of `[DONE]`.
 *
 * @param client - the SDK client
 * @returns the fetch function
 * @example
 * const openai = new OpenAI({ apiKey: 'unused', baseURL: 'http://decai.local/v1', fetch: createDecaiFetch(client) })
 */
export function createDecaiFetch(client: DecaiClient): typeof fetch {
  return async function decaiFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init)
    const path = new URL(request.url).pathname.replace(/^.*?(\/v1\/)/, '/v1/')
    try {
      if (request.method === 'GET' && path === '/v1/models') return json(200, await listModels(client))
      if (request.method !== 'POST' || !relayedPaths.has(path))
        throw new SdkUnsupportedRequestError({ method: request.method, path })
      const body = (await request.json()) as Record<string, unknown>
      const answer = await client.relay({ path: path as DecaiRequest['path'], body, signal: request.signal })
      return answer.kind === 'json' ? json(200, answer.body) : sse(answer)
    } catch (error) {
      return errorResponse(error)
    }
  }
}

async function listModels(client: DecaiClient) {
  const service = await client.getService()
  return {
    object: 'list',
    data: [{ id: service.serviceId, object: 'model', created: 0, owned_by: service.champion }],
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

function sse(answer: SdkStreamAnswer): Response {
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const step = await answer.chunks.next()
          controller.enqueue(
            encoder.encode(step.done ? 'data: [DONE]\n\n' : `data: ${JSON.stringify(step.value)}\n\n`),
          )
          if (step.done) controller.close()
        } catch (error) {
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(errorBody(error))}\n\n`))
          controller.close()
        }
      },
      async cancel() {
        await answer.chunks.return(undefined as never)
      },
    },
    { highWaterMark: 0 },
  )
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } })
}

function errorResponse(error: unknown): Response {
  if (error instanceof SdkSupplierRefusal) return json(error.status, error.body)
  const status = error instanceof BaseError ? (statusByCode[error.code] ?? 500) : 500
  return json(status, errorBody(error))
}

function errorBody(error: unknown) {
  const isKnown = error instanceof BaseError
  return {
    error: {
      message: isKnown ? error.shortMessage : 'The decai SDK failed to relay the request.',
      type: isKnown && error.fault === 'client' ? 'invalid_request_error' : 'server_error',
      param: null,
      code: isKnown ? error.code : null,
    },
  }
}
