import { createServer } from 'node:net'

/**
 * Tells whether `port` can be bound on `host` right now.
 *
 * Why the runner asks first: if another node already listens on the port, the new anvil exits a few
 * milliseconds after start, but the old node answers `eth_chainId` meanwhile, and the runner would hand back
 * a URL to the wrong chain.
 *
 * @returns `true` when a bind succeeds (it is released at once)
 * @example
 * if (!(await isPortFree('127.0.0.1', 8545))) throw new Error('port taken')
 */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.unref()
    server.once('error', () => resolve(false))
    server.listen(port, host, () => server.close(() => resolve(true)))
  })
}
