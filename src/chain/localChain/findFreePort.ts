import { createServer } from 'node:net'

/**
 * Asks the OS for a free TCP port on `host` by binding port 0 and releasing it.
 *
 * Another process could take the port before anvil binds it; the runner then sees anvil exit and reports a
 * start failure rather than talking to the wrong server.
 *
 * @returns a port number that was free a moment ago
 * @example
 * const port = await findFreePort('127.0.0.1')
 */
export function findFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, host, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
