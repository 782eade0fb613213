import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { SparseMerkleSumTrie } from '../../protocol/smst/SparseMerkleSumTrie.ts'
import type { LifecycleContext } from '../lifecycle/lifecycleContext.ts'
import type { TreeProgress } from '../lifecycle/treeProgress.ts'
import { createRelayMinerMetrics } from '../metrics/createRelayMinerMetrics.ts'
import type { ClaimSubmission, Ledger } from '../ports.ts'
import { createTestNetwork } from '../testing/createTestNetwork.ts'
import { claimTrees } from './claimTrees.ts'

async function progressFor(root: Hex): Promise<TreeProgress> {
  const network = createTestNetwork()
  const header = await network.currentHeader()
  const session = await network.ledger.getSession({
    application: header.application,
    serviceId: network.serviceId,
    sessionNumber: 1n,
    supplier: network.addresses.supplier,
  })
  const trie = new SparseMerkleSumTrie({ valueHasher: 'none' })
  trie.update(new Uint8Array(32).fill(root.length), new Uint8Array([1]), 500n)
  return {
    treeKey: root,
    supplier: network.addresses.supplier,
    header,
    sessionNumber: 1n,
    phase: 'sealed',
    session,
    trie,
    root,
    isBusy: false,
  }
}

describe('claimTrees', () => {
  it('behavior: one transaction per supplier; when the batch fails, each claim is tried on its own', async () => {
    const sent: ClaimSubmission[][] = []
    const bad = `0x${'bb'.repeat(48)}` as Hex
    const ledger = {
      getClaim: async () => undefined,
      estimateClaimCostWei: async () => 0n,
      submitClaims: async (_supplier: Hex, claims: readonly ClaimSubmission[]) => {
        sent.push([...claims])
        if (claims.some((claim) => claim.root === bad)) throw new Error('reverted: ApplicationNotInSession')
      },
    } as unknown as Ledger
    const context = {
      ledger,
      metrics: createRelayMinerMetrics(),
      logger: pino({ level: 'silent' }),
      claims: {
        minClaimValueBaseUnits: 0n,
        weiPerTokenBaseUnit: undefined,
        shouldSettle: true,
        drainTimeoutMs: 0,
      },
    } as unknown as LifecycleContext
    const good = await progressFor(`0x${'aa'.repeat(48)}`)
    const failing = await progressFor(bad)
    await claimTrees(context, [good, failing], new Map())
    expect(sent.map((batch) => batch.length)).toEqual([2, 1, 1])
    expect(good.phase).toBe('claimed')
    expect(failing.phase).toBe('sealed')
  })
})
