import type { Hono } from 'hono'
import type { NodeRequestHandler } from './createNodeRelayHandler.ts'

/** A route that `startHttpServer` serves on Node's request directly, before the Hono app. */
export type NodeRoute = { method: string; path: string; handle: NodeRequestHandler }

const routes = new WeakMap<Hono, NodeRoute>()

/**
 * Registers the Node fast path of a route the app also has (the Hono route stays for `app.request()`
 * and other adapters). `startHttpServer` looks it up, so every server of the app takes the fast path.
 *
 * @param app - the Hono app that has the same route
 * @param route - method, exact path (a query string is allowed) and handler
 * @example
 * setNodeRoute(app, { method: 'POST', path: '/v1/relay', handle: createNodeRelayHandler(serveRelay, maxBodyBytes) })
 */
export function setNodeRoute(app: Hono, route: NodeRoute): void {
  routes.set(app, route)
}

/**
 * The Node fast path registered for an app, if any.
 *
 * @param app - the Hono app
 * @returns its route, or undefined
 * @example
 * const route = nodeRouteOf(app)
 */
export function nodeRouteOf(app: Hono): NodeRoute | undefined {
  return routes.get(app)
}

/**
 * Whether a request is for the route: same method, same path, any query string.
 *
 * @param route - the route
 * @param method - the request method
 * @param url - the request target (`/v1/relay?x=1`)
 * @returns true on a match
 * @example
 * if (isNodeRouteMatch(route, request.method, request.url)) route.handle(request, response)
 */
export function isNodeRouteMatch(
  route: NodeRoute,
  method: string | undefined,
  url: string | undefined,
): boolean {
  if (method !== route.method || url === undefined || !url.startsWith(route.path)) return false
  return url.length === route.path.length || url.charCodeAt(route.path.length) === 63 // '?'
}
