import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { SessionTreeStore } from '../store/index.ts'

/** The relayminer's Prometheus metrics on their own registry (several instances may share a process). */
export type RelayMinerMetrics = ReturnType<typeof createRelayMinerMetrics>

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]

/**
 * Creates the metrics (docs/relayminer.md, "Metrics"). Every name starts with `relayminer_`; labels
 * carry service ids, supplier addresses and error codes, never application addresses (unbounded).
 *
 * @param options - the store, whose trees are reported as gauges at scrape time
 * @returns the registry and the instruments
 * @example
 * const metrics = createRelayMinerMetrics({ store })
 * metrics.relaysServed.inc({ service: 'llama-tiny', supplier, stream: 'false' })
 * await metrics.registry.metrics() // Prometheus text format
 */
export function createRelayMinerMetrics(options: { store?: SessionTreeStore } = {}) {
  const registry = new Registry()
  const tallies = new Map<string, RelayTally>()
  const counter = (name: string, help: string, labelNames: string[] = [], drain?: Drain) =>
    new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      ...(drain ? { collect: collectTallies(tallies, drain) } : {}),
    })
  const histogram = (name: string, help: string, labelNames: string[]) =>
    new Histogram({ name, help, labelNames, buckets: latencyBuckets, registers: [registry] })
  const store = options.store
  const instruments = {
    registry,
    relaysServed: counter(
      'relayminer_relays_served_total',
      'Relays answered with a signed response.',
      ['service', 'supplier', 'stream'],
      (tally, add) => {
        add({ service: tally.service, supplier: tally.supplier, stream: 'true' }, take(tally, 'servedStream'))
        add({ service: tally.service, supplier: tally.supplier, stream: 'false' }, take(tally, 'servedJson'))
      },
    ),
    relaysMined: counter(
      'relayminer_relays_mined_total',
      'Served relays that were mined and persisted.',
      ['service', 'supplier'],
      (tally, add) => add({ service: tally.service, supplier: tally.supplier }, take(tally, 'mined')),
    ),
    relaysRejected: counter('relayminer_relays_rejected_total', 'Relays refused or failed, by error code.', [
      'reason',
    ]),
    meterRejections: counter(
      'relayminer_meter_rejections_total',
      'Relays refused because the application budget was spent.',
      ['service'],
    ),
    usageClamped: counter(
      'relayminer_usage_clamped_total',
      'Relays whose backend usage exceeded a signed bound and was cut to it.',
      ['service'],
      (tally, add) => add({ service: tally.service }, take(tally, 'usageClamped')),
    ),
    tokens: counter(
      'relayminer_tokens_total',
      'Tokens in signed relays.',
      ['service', 'kind'],
      (tally, add) => {
        add({ service: tally.service, kind: 'input' }, take(tally, 'inputTokens'))
        add({ service: tally.service, kind: 'output' }, take(tally, 'outputTokens'))
      },
    ),
    computeUnits: counter(
      'relayminer_compute_units_total',
      'Compute units of served relays.',
      ['service'],
      (tally, add) => add({ service: tally.service }, take(tally, 'computeUnits')),
    ),
    backendLatency: histogram(
      'relayminer_backend_latency_seconds',
      'Backend time per relay, to the last byte.',
      ['service', 'stream'],
    ),
    backendTtft: histogram('relayminer_backend_ttft_seconds', 'Backend time to the first streamed chunk.', [
      'service',
    ]),
    persistLatency: new Histogram({
      name: 'relayminer_persist_latency_seconds',
      help: 'Time to make a mined relay durable.',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers: [registry],
    }),
    claimsSubmitted: counter('relayminer_claims_submitted_total', 'Claims accepted by the ledger.', [
      'supplier',
    ]),
    claimsFailed: counter(
      'relayminer_claims_failed_total',
      'Claim submissions that failed (retried in the window).',
      ['supplier'],
    ),
    claimsSkipped: counter('relayminer_claims_skipped_total', 'Trees not claimed, by reason.', ['reason']),
    proofsSubmitted: counter('relayminer_proofs_submitted_total', 'Proofs accepted by the ledger.', [
      'supplier',
    ]),
    proofsFailed: counter(
      'relayminer_proofs_failed_total',
      'Proof submissions that failed (retried in the window).',
      ['supplier'],
    ),
    settlements: counter(
      'relayminer_settlements_total',
      'Claims seen settled (by us or anyone); their trees are deleted.',
      ['supplier'],
    ),
    blockHeight: new Gauge({
      name: 'relayminer_block_height',
      help: 'Latest block height seen.',
      registers: [registry],
    }),
    storeTrees: new Gauge({
      name: 'relayminer_store_trees',
      help: 'Session trees in the store, by state.',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        if (!store) return
        this.reset()
        for (const tree of safeList(store)) this.inc({ state: tree.state })
      },
    }),
    storeLeaves: new Gauge({
      name: 'relayminer_store_leaves',
      help: 'Mined relays held in the store.',
      registers: [registry],
      collect() {
        if (store) this.set(safeList(store).reduce((total, tree) => total + tree.count, 0))
      },
    }),
  }
  const bound = new Map<string, RelayInstruments>()
  return {
    ...instruments,
    /**
     * The per-relay instruments of one (service, supplier). Counts go to a plain tally that the counters
     * take in when scraped: prom-client hashes and validates a label object on every `inc`, even through
     * `labels()`, and a relay counts seven things. The latency histogram keeps its per-relay observe.
     */
    forRelay(service: string, supplier: string): RelayInstruments {
      const key = `${service}\n${supplier}`
      let found = bound.get(key)
      if (found === undefined) {
        const tally = new RelayTally(service, supplier)
        tallies.set(key, tally)
        found = {
          tally,
          backendLatency: {
            true: instruments.backendLatency.labels({ service, stream: 'true' }),
            false: instruments.backendLatency.labels({ service, stream: 'false' }),
          },
        }
        bound.set(key, found)
      }
      return found
    },
  }
}

/** What one relay records: counts in its tally, backend time in the histogram. */
export type RelayInstruments = {
  tally: RelayTally
  backendLatency: Record<'true' | 'false', { observe(seconds: number): void }>
}

/** Counts of one (service, supplier) since the last scrape. */
export class RelayTally {
  servedStream = 0
  servedJson = 0
  mined = 0
  inputTokens = 0
  outputTokens = 0
  computeUnits = 0
  usageClamped = 0

  constructor(
    readonly service: string,
    readonly supplier: string,
  ) {}
}

type TallyField = Exclude<keyof RelayTally, 'service' | 'supplier'>
type Drain = (tally: RelayTally, add: (labels: Record<string, string>, amount: number) => void) => void

// Takes a count out of the tally (what the counter adds at this scrape).
function take(tally: RelayTally, field: TallyField): number {
  const amount = tally[field]
  tally[field] = 0
  return amount
}

function collectTallies(tallies: ReadonlyMap<string, RelayTally>, drain: Drain) {
  return function collect(this: Counter) {
    for (const tally of tallies.values())
      drain(tally, (labels, amount) => {
        if (amount > 0) this.inc(labels, amount)
      })
  }
}

function safeList(store: SessionTreeStore) {
  try {
    return store.listTrees()
  } catch {
    return []
  }
}
