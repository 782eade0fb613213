import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RelayFrames } from '../relay/streamRelay.ts'
import type { RelayEndpointRequest, RelayReply } from './createRelayEndpoint.ts'
import { parseJsonBody, readNodeBody } from './readJsonBody.ts'

/** A handler on Node's own request and response objects. */
export type NodeRequestHandler = (request: IncomingMessage, response: ServerResponse) => void

const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
}

/**
 * `POST /v1/relay` on Node's `IncomingMessage`/`ServerResponse`, with no WHATWG Request, Response or
 * body stream per relay (on Node 20 they cost more CPU than the relay's own hashing): the body is read
 * as a Buffer, the answer written with `writeHead`/`end`, SSE frames with `write` (waiting for `drain`,
 * so nothing piles up for a slow client). The endpoint behind it is the one the Hono route uses.
 * `x-decai-processing: 1` gets a `102 Processing` once a non-streaming relay is accepted; a client that
 * leaves aborts the relay (and its backend call).
 *
 * @param serveRelay - the endpoint from `createRelayEndpoint`
 * @param maxBodyBytes - larger bodies get 413 (and the connection is closed rather than drained)
 * @returns the handler
 * @example
 * const handle = createNodeRelayHandler(createRelayEndpoint({ relays, metrics, logger }), 1 << 20)
 */
export function createNodeRelayHandler(
  serveRelay: (request: RelayEndpointRequest) => Promise<RelayReply>,
  maxBodyBytes: number,
): NodeRequestHandler {
  return function handleRelay(incoming, outgoing) {
    const controller = new AbortController()
    outgoing.once('close', () => {
      if (!outgoing.writableFinished) controller.abort()
    })
    const requestId = incoming.headers['x-request-id']
    const isProcessingAsked = incoming.headers['x-decai-processing'] === '1'
    const readBody = async () => parseJsonBody(await readNodeBody(incoming, maxBodyBytes))
    void serveRelay({
      readBody,
      requestId: typeof requestId === 'string' ? requestId : undefined,
      controller,
      ...(isProcessingAsked ? { writeProcessing: () => outgoing.writeProcessing() } : {}),
    })
      .then((reply) => {
        if (reply.kind === 'stream') return writeFrames(outgoing, reply.frames)
        outgoing.writeHead(reply.status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(reply.text),
          // A body left unread (too large) is not drained: the connection closes after the answer.
          ...(incoming.complete ? {} : { connection: 'close' }),
        })
        outgoing.end(reply.text)
      })
      .catch(() => outgoing.destroy())
  }
}

async function writeFrames(outgoing: ServerResponse, frames: RelayFrames): Promise<void> {
  outgoing.writeHead(200, SSE_HEADERS)
  // A client that leaves ends the frames at once (their relay is aborted too, by the handler's controller).
  const onClose = () => void frames.return().catch(() => undefined)
  outgoing.once('close', onClose)
  try {
    for (let step = await frames.next(); !step.done; step = await frames.next()) {
      if (outgoing.destroyed) break
      if (!outgoing.write(step.value)) await drained(outgoing)
    }
    outgoing.end()
  } catch {
    // The frames end a failed stream with an error event themselves; this is the socket failing.
    outgoing.destroy()
  } finally {
    outgoing.off('close', onClose)
    // Frames left unfinished (the socket went first) still release what they hold: meter, in-flight count.
    await frames.return().catch(() => undefined)
  }
}

function drained(outgoing: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      outgoing.off('drain', done)
      outgoing.off('close', done)
      resolve()
    }
    outgoing.once('drain', done)
    outgoing.once('close', done)
  })
}
