import type { ClientRequest } from './parseClientRequest.ts'

/**
 * A supplier's verified OpenAI body as the client gets it: the client's model name, the gateway's ids
 * (so a client cannot tell which supplier answered), and base64 embeddings when the client asked.
 *
 * @param body - the verified body
 * @param request - the client request
 * @param requestId - the gateway's request id
 * @returns the body to send
 * @example
 * const shaped = reshapeJson(result.body, request, requestId)
 */
export function reshapeJson(body: unknown, request: ClientRequest, requestId: string): unknown {
  if (typeof body !== 'object' || body === null) return body
  const shaped: Record<string, unknown> = { ...body, model: request.model }
  if (request.operation === 'chat') shaped.id = `chatcmpl-${requestId}`
  if (request.operation === 'completion') shaped.id = `cmpl-${requestId}`
  if (request.wantsBase64 && Array.isArray(shaped.data)) shaped.data = shaped.data.map(toBase64Embedding)
  return shaped
}

// OpenAI's base64 embeddings are little-endian float32 vectors.
function toBase64Embedding(entry: unknown): unknown {
  const embedding = (entry as { embedding?: unknown })?.embedding
  if (!Array.isArray(embedding)) return entry
  const bytes = Buffer.alloc(embedding.length * 4)
  for (const [index, value] of embedding.entries()) bytes.writeFloatLE(Number(value), index * 4)
  return { ...(entry as object), embedding: bytes.toString('base64') }
}
