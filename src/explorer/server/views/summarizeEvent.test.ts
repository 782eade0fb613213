import { describe, expect, it } from 'vitest'
import { memoryEvent } from '../../testing/createMemoryDataSource.ts'
import type { ServiceRegistry } from './serviceRegistry.ts'
import { summarizeEvent } from './summarizeEvent.ts'

const registry: ServiceRegistry = { byKey: new Map(), byId: new Map(), championAt: () => undefined }
const event = (fields: Parameters<typeof memoryEvent>[0]) => ({
  ...memoryEvent(fields),
  id: `${fields.blockNumber}:${fields.logIndex}`,
})
const supplier = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
const watcher = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc'

describe('summarizeEvent', () => {
  it('behavior: a watcher report commitment reads as a sentence linking to the supplier it is about', () => {
    const row = summarizeEvent(
      event({
        blockNumber: 102n,
        logIndex: 0,
        contract: 'WatcherReports',
        eventName: 'WatcherReportCommitted',
        args: { watcher, supplier, reportHash: `0x${'ab'.repeat(32)}`, session: 9n },
      }),
      registry,
    )
    expect(row.summary).toBe('Watcher 0x3c44…93bc committed a report on supplier 0x7099…79c8 (session 9)')
    expect(row.href).toBe(`#/suppliers/${supplier}`)
  })

  it('behavior: a withdrawal names who and how much, in tokens', () => {
    const row = summarizeEvent(
      event({
        blockNumber: 5n,
        logIndex: 1,
        contract: 'Suppliers',
        eventName: 'SupplierWithdrawn',
        args: { operator: supplier, owner: watcher, amount: 500_250_000n },
      }),
      registry,
    )
    expect(row.summary).toBe('Supplier 0x7099…79c8 withdrew 500.25 DECAI')
  })

  it('behavior: an event with no sentence falls back to its name, without a link', () => {
    const row = summarizeEvent(
      event({ blockNumber: 1n, logIndex: 0, contract: 'Services', eventName: 'Unknown', args: {} }),
      registry,
    )
    expect(row).toMatchObject({ summary: 'Unknown', href: null })
  })
})
