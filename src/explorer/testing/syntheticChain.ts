import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { ExplorerEvent } from '../ports.ts'
import { memoryEvent } from './createMemoryDataSource.ts'

const hex = (n: number, bytes: number) => `0x${n.toString(16).padStart(bytes * 2, '0')}` as Hex
const zero = hex(0, 20)
const services = ['svc-a', 'svc-b']
const champion = (s: number) => hex(0xc0 + s, 20)
const supplier = (i: number) => hex(0x100 + i, 20)

/**
 * Block 1 of the synthetic chain: two services and their champions, and four suppliers whose revenue shares
 * pay themselves (what settlement rows are matched against).
 *
 * @example
 * data.push(...syntheticGenesis())
 */
export function syntheticGenesis(): Omit<ExplorerEvent, 'id'>[] {
  const added = services.map((serviceId, s) => ({
    contract: 'Services',
    eventName: 'ServiceAdded',
    args: { serviceKey: hex(s + 1, 32), serviceId, owner: champion(s), modelSha256: hex(0, 32) },
  }))
  const shares = [0, 1, 2, 3].map((i) => ({
    contract: 'Suppliers',
    eventName: 'RevenueSharesSet',
    args: { operator: supplier(i), shares: [{ recipient: supplier(i), bps: 10_000 }] },
  }))
  return [...added, ...shares].map((event, logIndex) => memoryEvent({ ...event, blockNumber: 1n, logIndex }))
}

/**
 * Block `b` (≥ 2) of a synthetic chain where 1 to 4 suppliers claim in each block, the claims of block b − 1 with an
 * even supplier are proven, and those of block b − 2 settle in one transaction (some expire): blocks hold
 * several settlements and claims, some more than a page of 3. A `variant` gives a different history (a
 * reorg's): other claim keys, transactions and claim counts.
 *
 * @example
 * for (let b = 2; b <= 40; b++) data.push(...syntheticBlock(b))
 */
export function syntheticBlock(b: number, variant = 0): Omit<ExplorerEvent, 'id'>[] {
  const out: Omit<ExplorerEvent, 'id'>[] = []
  const add = (contract: string, eventName: string, args: Record<string, unknown>, tx = 0) =>
    out.push(
      memoryEvent({
        blockNumber: BigInt(b),
        logIndex: out.length,
        transactionHash: hex(b * 4 + tx + variant * 1000, 32),
        contract,
        eventName,
        args,
      }),
    )
  const claimsOf = (block: number) =>
    Array.from({ length: block < 2 ? 0 : 1 + ((block + variant) % 4) }, (_, i) => i)
  const ids = (block: number, i: number) => ({
    claimKey: hex(block * 10 + i + variant * 100_000, 32),
    supplierOperator: supplier(i),
    application: hex(0x200 + (block % 2), 20),
    session: BigInt(block),
  })
  for (const i of claimsOf(b)) {
    const header = { application: ids(b, i).application, serviceId: services[(b + i) % 2] }
    const root = `0x${'aa'.repeat(32)}${(100 + i).toString(16).padStart(16, '0')}${'0'.repeat(15)}1`
    add('Claims', 'ClaimCreated', { ...ids(b, i), header, root })
  }
  for (const i of claimsOf(b - 1).filter((i) => i % 2 === 0))
    add('Proofs', 'ProofAccepted', { claimKey: ids(b - 1, i).claimKey }, 1)
  for (const i of claimsOf(b - 2)) {
    if (i === 2 && b % 3 === 0) {
      add('Settlement', 'ClaimExpired', { ...ids(b - 2, i), slashed: 50n }, 2)
      continue
    }
    add(
      'DecaiToken',
      'Transfer',
      { from: zero, to: ids(b - 2, i).supplierOperator, value: BigInt(70 + i) },
      2,
    )
    add('DecaiToken', 'Transfer', { from: zero, to: champion((b - 2 + i) % 2), value: 20n }, 2)
    add('Settlement', 'ClaimSettled', { ...ids(b - 2, i), claimTokens: 100n, burned: 100n, minted: 90n }, 2)
  }
  return out
}
