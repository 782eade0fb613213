import type { RelayFrames } from '../relay/streamRelay.ts'

const encoder = new TextEncoder()

/**
 * Wraps relay frames in a `text/event-stream` response that pulls one frame at a time, so each chunk
 * is written as soon as the backend produces it and nothing piles up when the client reads slowly.
 * When the client disconnects, the stream is cancelled and the frames' `return()` stops the backend.
 *
 * @param frames - SSE frames from the relay service
 * @returns the streaming response
 * @example
 * if (outcome.kind === 'stream') return toSseResponse(outcome.frames)
 */
export function toSseResponse(frames: RelayFrames): Response {
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const step = await frames.next()
        if (step.done) controller.close()
        else controller.enqueue(encoder.encode(step.value))
      },
      async cancel() {
        await frames.return()
      },
    },
    { highWaterMark: 0 },
  )
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' },
  })
}
