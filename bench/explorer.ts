/**
 * `npm run bench -- explorer`: the explorer's API views on a long synthetic chain, held in the in-memory data
 * source (indexed like the chain indexer's store). Per size (settled claims), each view's median time cold
 * (a fresh server: nothing cached) and warm (the same server after each new block). Prints one JSON object.
 *
 * The chain: 3 services, 10 suppliers serving all of them, 5 applications (each staked for one service);
 * per session every supplier claims for every application, a quarter of the claims are proven, 1 in 50
 * expires (slashed), the rest settle in one settlement transaction per session with their mints (supplier,
 * champion, DAO), the burn and the difficulty update. EXPLORER_BENCH_CLAIMS picks the sizes (default
 * 10000,100000, ≈ 1 minute on 2 cores; 300000 adds about 3 minutes),
 * EXPLORER_BENCH_ROUNDS the warm rounds (default 5).
 */
import { createExplorerServer } from '../src/explorer/server/createExplorerServer.ts'
import {
  createMemoryDataSource,
  type MemoryDataSource,
  memoryEvent,
} from '../src/explorer/testing/createMemoryDataSource.ts'

const services = ['llama-tiny', 'qwen-small', 'mistral-mid']
const suppliers = 10
const applications = 5
const blocksPerSession = 10n
const warmRounds = Number(process.env.EXPLORER_BENCH_ROUNDS ?? 5)

type Hex = `0x${string}`
const hex = (n: number, bytes: number) => `0x${n.toString(16).padStart(bytes * 2, '0')}` as Hex
const supplierAt = (i: number) => hex(0x1000 + i, 20)
const applicationAt = (i: number) => hex(0x2000 + i, 20)
const championOf = (s: number) => hex(0x3000 + s, 20)
const serviceKeyOf = (s: number) => hex(0x4000 + s, 32)
const zero = hex(0, 20)
const dao = hex(0x5000, 20)

type Pending = Parameters<MemoryDataSource['push']>[0]

function setupEvents(): Pending[] {
  const out: Pending[] = []
  const at = (contract: string, eventName: string, args: Record<string, unknown>) =>
    out.push(memoryEvent({ blockNumber: 1n, logIndex: out.length, contract, eventName, args }))
  services.forEach((serviceId, s) => {
    const serviceKey = serviceKeyOf(s)
    at('Services', 'ServiceAdded', { serviceKey, serviceId, owner: championOf(s), modelSha256: hex(s, 32) })
    at('Services', 'PricingScheduled', { serviceKey, serviceId, fromSession: 1n, pricing: {} })
  })
  for (let i = 0; i < suppliers; i++) {
    const operator = supplierAt(i)
    at('Suppliers', 'SupplierStaked', { operator, owner: operator, stake: 10n ** 12n })
    services.forEach((serviceId, s) => {
      at('Suppliers', 'SupplierServiceAdded', {
        operator,
        serviceKey: serviceKeyOf(s),
        serviceId,
        endpoint: `http://supplier-${i}.test`,
        fromSession: 1n,
      })
    })
  }
  for (let a = 0; a < applications; a++)
    at('Applications', 'ApplicationStaked', {
      application: applicationAt(a),
      serviceKey: serviceKeyOf(a % services.length),
      stake: 10n ** 15n,
      activeFromSession: 1n,
    })
  return out
}

type SessionLists = { claims: Pending[]; proofs: Pending[]; settlement: Pending[] }

function add(
  list: Pending[],
  blockNumber: bigint,
  tx: Hex,
  contract: string,
  eventName: string,
  args: object,
) {
  const logIndex = list.length
  const event = { blockNumber, logIndex, transactionHash: tx, contract, eventName }
  list.push(memoryEvent({ ...event, args: args as Record<string, unknown> }))
}

/** One session's events: claims at its start + 14, proofs at + 22, the settlement transaction at + 30. */
function sessionEvents(session: number): Pending[] {
  const start = 1n + (BigInt(session) - 1n) * blocksPerSession
  const lists: SessionLists = { claims: [], proofs: [], settlement: [] }
  for (let i = 0; i < suppliers; i++)
    for (let a = 0; a < applications; a++) claimEvents(lists, session, start, i, a)
  services.forEach((_, s) => {
    add(lists.settlement, start + 30n, hex(session * 4 + 2, 32), 'Services', 'DifficultyUpdated', {
      serviceKey: serviceKeyOf(s),
      settledSession: BigInt(session),
      fromSession: 1n,
      estimatedRelays: 100_000n,
      ema: 90_000n,
      target: 50_000n,
    })
  })
  return [...lists.claims, ...lists.proofs, ...lists.settlement]
}

function claimEvents(lists: SessionLists, session: number, start: bigint, i: number, a: number): void {
  const n = (session * suppliers + i) * applications + a
  const [claimTx, proofTx, settleTx] = [0, 1, 2].map((kind) => hex(session * 4 + kind, 32))
  const claimKey = hex(n, 32)
  const supplierOperator = supplierAt(i)
  const application = applicationAt(a)
  const s = a % services.length
  const header = { application, serviceId: services[s], sessionId: hex(session * 8 + a, 32) }
  const sum = (5000 + (n % 97)).toString(16).padStart(16, '0')
  const root = `0x${'aa'.repeat(32)}${sum}${'0'.repeat(15)}9`
  const ids = { claimKey, supplierOperator, application, session: BigInt(session) }
  add(lists.claims, start + 14n, claimTx!, 'Claims', 'ClaimCreated', { ...ids, header, root })
  const isProven = n % 4 === 0
  if (isProven)
    add(lists.proofs, start + 22n, proofTx!, 'Proofs', 'ProofAccepted', {
      claimKey,
      relayHash: claimKey,
      computeUnits: 5n,
    })
  const settle = (contract: string, eventName: string, args: object) =>
    add(lists.settlement, start + 30n, settleTx!, contract, eventName, args)
  if (n % 50 === 7) {
    settle('Settlement', 'ClaimExpired', { ...ids, slashed: 1000n })
    return
  }
  for (const [to, value] of [
    [supplierOperator, 700n],
    [championOf(s), 200n],
    [dao, 100n],
  ] as const)
    settle('DecaiToken', 'Transfer', { from: zero, to, value })
  settle('Applications', 'StakeBurned', { application, amount: 1000n })
  const amounts = { claimTokens: 1000n, burned: 1000n, minted: 1000n, inflationMinted: 0n }
  settle('Settlement', 'ClaimSettled', { ...ids, ...amounts, proofRequired: isProven })
}

/** Pushes blocks in order: session n's claims, n − 1's proofs and n − 2's settlement share blocks' ranges. */
function fill(data: MemoryDataSource, sessions: number): void {
  data.push(...setupEvents())
  const byBlock = new Map<bigint, Pending[]>()
  for (let session = 1; session <= sessions; session++)
    for (const event of sessionEvents(session)) {
      const list = byBlock.get(event.blockNumber) ?? []
      byBlock.set(event.blockNumber, list)
      list.push(event)
    }
  for (const block of [...byBlock.keys()].sort((a, b) => (a < b ? -1 : 1)))
    data.push(...byBlock.get(block)!.map((e, logIndex) => ({ ...e, logIndex })))
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const round = (ms: number) => Math.round(ms * 100) / 100

async function time(app: { request: (path: string) => Response | Promise<Response> }, path: string) {
  const started = performance.now()
  const response = await app.request(path)
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`)
  await response.arrayBuffer()
  return performance.now() - started
}

function viewPaths(sessions: number): Record<string, string> {
  const settled = Math.max(1, sessions - 3)
  return {
    overview: '/api/overview',
    services: '/api/services',
    service: `/api/services/${services[0]}`,
    suppliers: '/api/suppliers',
    supplier: `/api/suppliers/${supplierAt(0)}`,
    applications: '/api/applications',
    application: `/api/applications/${applicationAt(0)}`,
    sessions: '/api/sessions',
    session: `/api/sessions/${settled}`,
    flows: '/api/flows',
  }
}

async function measure(claims: number) {
  const sessions = Math.ceil(claims / (suppliers * applications))
  const data = createMemoryDataSource()
  const fillStarted = performance.now()
  fill(data, sessions)
  const fillMs = performance.now() - fillStarted
  const paths = viewPaths(sessions)
  const cold: Record<string, number> = {}
  for (const [view, path] of Object.entries(paths)) {
    const server = createExplorerServer({ data })
    cold[view] = round(await time(server.app, path))
    await server.close()
  }
  const server = createExplorerServer({ data })
  for (const path of Object.values(paths)) await time(server.app, path)
  const warmRuns: Record<string, number[]> = {}
  let next = sessions + 1
  for (let round = 0; round < warmRounds; round++) {
    fillSession(data, next++)
    for (const [view, path] of Object.entries(paths)) {
      warmRuns[view] = [...(warmRuns[view] ?? []), await time(server.app, path)]
    }
  }
  await server.close()
  const warm = Object.fromEntries(Object.entries(warmRuns).map(([view, runs]) => [view, round(median(runs))]))
  return {
    claims: sessions * suppliers * applications,
    sessions,
    events: countEvents(data),
    fillMs: round(fillMs),
    coldMs: cold,
    warmMs: warm,
  }
}

// A new session's events, each block pushed as the indexer would commit it.
function fillSession(data: MemoryDataSource, session: number): void {
  const events = sessionEvents(session)
  const offset = BigInt(Number((data.getIndexedHeight() ?? 0n) + 1n) - Number(events[0]!.blockNumber))
  data.push(...events.map((e, logIndex) => ({ ...e, blockNumber: e.blockNumber + offset, logIndex })))
}

const countEvents = (data: MemoryDataSource) => data.getEvents().length

export async function run(): Promise<Record<string, unknown>> {
  const sizes = (process.env.EXPLORER_BENCH_CLAIMS ?? '10000,100000').split(',').map(Number)
  const results = []
  for (const claims of sizes) results.push(await measure(claims))
  return { suppliers, services: services.length, applications, warmRounds, results }
}
