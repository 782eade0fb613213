import { afterEach } from 'vitest'
import { type ServedVia, serveGateway } from './serveGateway.ts'
import { type FakeGateway, startFakeGateway } from './startFakeGateway.ts'

/** A fake gateway served on a loopback port, with an API key made for the test. */
export type ServedFakeGateway = FakeGateway & {
  served: Awaited<ReturnType<typeof serveGateway>>
  key: string
}

/**
 * For test files that need one fake gateway per test behind Node's server: registers the cleanup (the
 * server closed, the gateway stopped after each test) and returns the function that starts it.
 *
 * @returns `start(via, options)`: the fake gateway served via its listener or the Hono app, and a key
 * @example
 * const start = useServedFakeGateway()
 * it('…', async () => { const { served, key } = await start('listener') })
 */
export function useServedFakeGateway(): (
  via: ServedVia,
  options?: Parameters<typeof startFakeGateway>[0],
) => Promise<ServedFakeGateway> {
  let current: Omit<ServedFakeGateway, 'key'> | undefined
  afterEach(async () => {
    await current?.served.close()
    await current?.gateway.stop()
    current = undefined
  })
  return async (via, options = {}) => {
    const fake = await startFakeGateway(options)
    current = { ...fake, served: await serveGateway(fake.gateway, via) }
    const { key } = await fake.gateway.keyStore!.create({ name: 'test' })
    return { ...current, key }
  }
}
