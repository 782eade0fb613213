import { Hono } from 'hono'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { BaseError } from '../../protocol/errors/BaseError.ts'
import { WatcherNotFoundError } from '../errors.ts'
import type { ReportBook } from './createReportBook.ts'

const addressPattern = /^0x[0-9a-fA-F]{40}$/

/**
 * The watcher's public HTTP API: `GET /reports` (every supplier's latest signed report) and
 * `GET /reports/:supplier` (one supplier's, per service), also under `/v1/`, plus `GET /healthz`.
 * Bodies are `{ watcher, reports: SignedWatcherReport[] }`; errors are `{ error: { code, message, fault } }`.
 *
 * @param parameters - the report book and the watcher's address.
 * @returns the hono app (serve it with `@hono/node-server`, or call `app.request()` in tests).
 * @example
 * const app = createReportApp({ book, watcher })
 * const response = await app.request('/reports')
 */
export function createReportApp(parameters: { book: ReportBook; watcher: Hex }): Hono {
  const { book, watcher } = parameters
  const app = new Hono()
  for (const prefix of ['', '/v1']) {
    app.get(`${prefix}/reports`, (c) => c.json({ watcher, reports: book.list() }))
    app.get(`${prefix}/reports/:supplier`, function supplierReports(c) {
      const supplier = c.req.param('supplier')
      if (!addressPattern.test(supplier)) throw new WatcherNotFoundError({ what: 'a supplier address' })
      const reports = book.forSupplier(supplier as Hex)
      if (reports.length === 0)
        throw new WatcherNotFoundError({ what: `reports for ${supplier.toLowerCase()}` })
      return c.json({ watcher, supplier: supplier.toLowerCase(), reports })
    })
  }
  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  app.notFound(() => errorResponse(new WatcherNotFoundError({ what: 'no such route' })))
  app.onError((error) => errorResponse(error))
  return app
}

function errorResponse(error: unknown): Response {
  const isNotFound = error instanceof WatcherNotFoundError
  const body =
    error instanceof BaseError
      ? { error: error.toJSON() }
      : { error: { code: 'INTERNAL', message: 'Internal error.', fault: 'internal' } }
  return Response.json(body, { status: isNotFound ? 404 : 500 })
}
