import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type RpcProxyFault = 'status503' | 'status429' | 'reset'

export type StartRpcProxyReturnType = {
  url: string
  /** HTTP requests received so far (a JSON-RPC batch is one). */
  requestCount: () => number
  /** JSON-RPC calls received so far (each call of a batch counts). */
  callCount: () => number
  /** Makes the next `count` HTTP requests fail with `fault` instead of reaching the node. */
  failNext: (count: number, fault: RpcProxyFault) => void
  /** Makes every request fail with `fault` until called again with `undefined`. */
  setOutage: (fault: RpcProxyFault | undefined) => void
  close: () => Promise<void>
}

/**
 * Starts an HTTP proxy in front of a JSON-RPC node that counts requests and injects transport faults
 * (503, 429, connection reset), to test retries, batching and outage handling against a real node.
 *
 * @param targetUrl the node's RPC URL
 * @returns the proxy's URL and controls
 * @example
 * const proxy = await startRpcProxy(chain.rpcUrl)
 * proxy.failNext(2, 'status503')
 */
export async function startRpcProxy(targetUrl: string): Promise<StartRpcProxyReturnType> {
  let requests = 0
  let calls = 0
  let pending: { count: number; fault: RpcProxyFault } = { count: 0, fault: 'reset' }
  let outage: RpcProxyFault | undefined
  const takePendingFault = () => {
    if (pending.count === 0) return undefined
    pending.count--
    return pending.fault
  }
  const server = createServer(async (req, res) => {
    requests++
    const body = await readBody(req)
    const parsed = JSON.parse(body) as unknown
    calls += Array.isArray(parsed) ? parsed.length : 1
    const fault = outage ?? takePendingFault()
    if (fault) return injectFault(res, fault)
    const upstream = await fetch(targetUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requestCount: () => requests,
    callCount: () => calls,
    failNext: (count, fault) => {
      pending = { count, fault }
    },
    setOutage: (fault) => {
      outage = fault
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

function injectFault(res: ServerResponse, fault: RpcProxyFault) {
  if (fault === 'reset') return res.socket?.destroy()
  res.writeHead(fault === 'status503' ? 503 : 429).end('unavailable')
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
