import type { ServerResponse } from 'node:http'
import type { Context } from 'hono'

/**
 * A signal that fires when the client goes away before its answer was sent. Served by
 * @hono/node-server it watches Node's response (`c.env.outgoing`) closing unfinished; reading
 * `c.req.raw.signal` instead would build the full WHATWG Request (headers, body stream) on every
 * request just to get it. Elsewhere (`app.request()` in tests) it is the web request's signal.
 *
 * @param c - the Hono context
 * @returns the signal
 * @example
 * const job = { ...rest, signal: createClientSignal(c) }
 */
export function createClientSignal(c: Context): AbortSignal {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing
  if (!outgoing) return c.req.raw.signal
  const controller = new AbortController()
  outgoing.once('close', () => {
    if (!outgoing.writableFinished) controller.abort(new DOMException('the client went away', 'AbortError'))
  })
  return controller.signal
}
