import type { IncomingMessage, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import type { Hono } from 'hono'
import type { GatewayVariables } from '../authenticate.ts'
import type { CreateGatewayAppParameters } from '../createGatewayApp.ts'
import { createRequestObserver } from '../createRequestObserver.ts'
import type { ClientOperation } from '../parseClientRequest.ts'
import { createNodeInferenceHandler, type NodeRequestHandler } from './createNodeInferenceHandler.ts'

const inferencePaths: Record<string, ClientOperation> = {
  '/v1/chat/completions': 'chat',
  '/v1/completions': 'completion',
  '/v1/embeddings': 'embeddings',
}

/**
 * The gateway's request listener for Node's HTTP server: `POST` to the inference endpoints is served on
 * Node's request and response directly (`createNodeInferenceHandler`: the relay path, where Hono's
 * per-request objects cost more CPU than the gateway's own checks); every other request, including
 * routes mounted on the app later (the watcher's), goes through the Hono app.
 *
 * @param parameters - the app and what it was built from
 * @returns the listener for `http.createServer`
 * @example
 * const server = createServer(createGatewayListener({ ...appParameters, app }))
 */
export function createGatewayListener(
  parameters: CreateGatewayAppParameters & { app: Hono<{ Variables: GatewayVariables }> },
): NodeRequestHandler {
  const { config, keyStore, router } = parameters
  const honoListener = getRequestListener(parameters.app.fetch)
  const dependencies = {
    ...parameters,
    keys: { keyStore, isRequired: config.keys.isRequired },
    observe: createRequestObserver(router.metrics),
  }
  const handlers = new Map<string, NodeRequestHandler>()
  for (const [path, operation] of Object.entries(inferencePaths))
    handlers.set(path, createNodeInferenceHandler(dependencies, operation, path))
  return function listen(incoming: IncomingMessage, outgoing: ServerResponse) {
    const handle = incoming.method === 'POST' ? handlers.get(pathOf(incoming.url)) : undefined
    if (handle) handle(incoming, outgoing)
    else void honoListener(incoming, outgoing)
  }
}

function pathOf(url: string | undefined): string {
  if (url === undefined) return ''
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}
