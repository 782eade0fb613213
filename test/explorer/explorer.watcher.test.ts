/**
 * The explorer's watcher reports against the chain: the watcher's real report app and signer publish three
 * signed reports; the watcher commits some of their hashes to `WatcherReports` on a real devnet; the API
 * (in-process) says, for each report, whether its hash is committed and in which block and transaction.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WriteResult } from '../../src/chain/index.ts'
import { anvilDevPrivateKeys } from '../../src/chain/localChain/devAccounts.ts'
import { type StartExplorerReturnType, startExplorer } from '../../src/cli/commands/explorer.ts'
import type { SupplierDetail, WatcherReportView, WatcherView } from '../../src/explorer/index.ts'
import type { Hex } from '../../src/protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../../src/protocol/signature/privateKeyToAddress.ts'
import type { SignedWatcherReport } from '../../src/watcher/report/types.ts'
import { commitReport } from './support/commitReport.ts'
import { getApi } from './support/getApi.ts'
import { type ExplorerDevnet, startExplorerDevnet } from './support/startExplorerDevnet.ts'
import { type FakeUpstreams, startFakeUpstreams } from './support/startFakeUpstreams.ts'

const watcherKey = anvilDevPrivateKeys[9]
const watcherAddress = privateKeyToAddress(watcherKey).toLowerCase()
let dir: string
let net: ExplorerDevnet
let upstreams: FakeUpstreams
let explorer: StartExplorerReturnType
let badCommit: WriteResult

// The watcher commits a report's hash from its own key, as `commitReportsOnChain` does.
const commit = (signed: SignedWatcherReport, key: Hex = watcherKey) => commitReport(net, signed, key)

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-explorer-watcher-'))
  net = await startExplorerDevnet()
  upstreams = await startFakeUpstreams({
    good: net.address('operatorA'),
    bad: net.address('operatorB'),
    watcherKey,
  })
  badCommit = await commit(upstreams.reports.bad)
  explorer = await startExplorer({
    manifest: net.manifest,
    rpcUrl: net.chain.rpcUrl,
    port: 0,
    dataDir: dir,
    watcherUrl: upstreams.watcherUrl,
  })
  await explorer.server.refreshUpstreams()
})

afterAll(async () => {
  await explorer?.stop()
  await upstreams?.stop()
  await net?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const get = <T>(path: string) => getApi<T>(explorer, path)

const byHash = (reports: WatcherReportView[]) => new Map(reports.map((r) => [r.reportHash, r]))

describe('explorer: watcher reports and their on-chain commitment', () => {
  it('behavior: a committed report names its block, transaction and committer; the others are marked not found', async () => {
    const { reports } = await get<WatcherView>('/api/watcher')
    const { good, bad, tampered } = upstreams.reports
    const found = byHash(reports)
    expect(reports).toHaveLength(3)
    expect(found.get(bad.reportHash)?.commitment).toEqual({
      status: 'committed',
      blockNumber: badCommit.blockNumber.toString(),
      transactionHash: badCommit.transactionHash.toLowerCase(),
      committer: watcherAddress,
      session: '1',
    })
    for (const uncommitted of [good, tampered])
      expect(found.get(uncommitted.reportHash)?.commitment).toMatchObject({ status: 'not-found' })
    // The supplier's page and its verdict carry the same record.
    const supplier = await get<SupplierDetail>(`/api/suppliers/${net.address('operatorB')}`)
    expect(supplier.verdict).toMatchObject({ verdict: 'fail', commitment: { status: 'committed' } })
    expect(supplier.reports.map((r) => r.commitment.status)).toEqual(['committed'])
  })

  it('behavior: a hash committed while the explorer runs shows up once its block is indexed, by whoever committed it', async () => {
    const { good } = upstreams.reports
    // Anyone may commit any hash: the record names the committer, here not the watcher.
    const other = anvilDevPrivateKeys[8]
    const result = await commit(good, other)
    await explorer.indexer.waitForBlock(result.blockNumber)
    const found = byHash((await get<WatcherView>('/api/watcher')).reports)
    expect(found.get(good.reportHash)?.commitment).toEqual({
      status: 'committed',
      blockNumber: result.blockNumber.toString(),
      transactionHash: result.transactionHash.toLowerCase(),
      committer: privateKeyToAddress(other).toLowerCase(),
      session: '1',
    })
    // A second commitment of the same hash does not move the first record.
    await explorer.indexer.waitForBlock((await commit(upstreams.reports.bad)).blockNumber)
    const again = byHash((await get<WatcherView>('/api/watcher')).reports)
    expect(again.get(upstreams.reports.bad.reportHash)?.commitment).toMatchObject({
      blockNumber: badCommit.blockNumber.toString(),
    })
  })
})
