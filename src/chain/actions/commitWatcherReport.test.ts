import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDecaiClients } from '../client/createDecaiClients.ts'
import { deployDecai } from '../deploy/deployDecai.ts'
import type { DeploymentManifest } from '../deploy/deploymentManifestSchema.ts'
import { listLedgerContracts } from '../deploy/listLedgerContracts.ts'
import { parseDeploymentManifest } from '../deploy/readDeploymentManifest.ts'
import { verifyDeployment } from '../deploy/verifyDeployment.ts'
import { toDeploymentManifestJson } from '../deploy/writeDeploymentManifest.ts'
import { createEventIndexer } from '../indexer/createEventIndexer.ts'
import { createLedger } from '../ledger/createLedger.ts'
import { anvilDevPrivateKeys } from '../localChain/devAccounts.ts'
import { type StartLocalChainReturnType, startLocalChain } from '../localChain/startLocalChain.ts'
import { commitWatcherReport } from './commitWatcherReport.ts'

const [governanceKey, , , watcherKey] = anvilDevPrivateKeys as readonly Hex[]
const supplier = `0x${'5e'.repeat(20)}` as const
const reportHash = `0x${'ab'.repeat(32)}` as const
let chain: StartLocalChainReturnType
let manifest: DeploymentManifest
const dir = mkdtempSync(join(tmpdir(), 'decai-watcher-reports-'))

beforeAll(async () => {
  chain = await startLocalChain()
  manifest = await deployDecai({
    clients: createDecaiClients({ rpcUrl: chain.rpcUrl, account: governanceKey }),
  })
})
afterAll(async () => {
  await chain?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('commitWatcherReport', () => {
  it('default: deployDecai deploys WatcherReports and the manifest names it', async () => {
    expect(manifest.contracts.watcherReports).toMatch(/^0x[0-9a-fA-F]{40}$/)
    const clients = createDecaiClients({ rpcUrl: chain.rpcUrl })
    expect(await verifyDeployment(clients, manifest)).toBe(true)
  })

  it('behavior: any account commits a report hash; the indexer finds the event by supplier, session and type', async () => {
    const ledger = createLedger({
      clients: createDecaiClients({ rpcUrl: chain.rpcUrl, account: watcherKey! }),
      manifest,
    })
    const { blockNumber } = await commitWatcherReport(ledger, { reportHash, supplier, sessionNumber: 7n })
    const indexer = createEventIndexer({
      clients: ledger.clients,
      contracts: listLedgerContracts(manifest),
      fromBlock: manifest.deployBlock,
      path: join(dir, 'indexer'),
    })
    try {
      await indexer.sync()
      const events = indexer.getEvents({ supplier, session: 7n, eventName: 'WatcherReportCommitted' })
      expect(events).toHaveLength(1)
      expect(events[0]).toMatchObject({
        contract: 'WatcherReports',
        blockNumber,
        args: {
          watcher: privateKeyToAccount(watcherKey!).address,
          supplier: expect.stringMatching(new RegExp(supplier, 'i')),
          reportHash,
          session: 7n,
        },
      })
    } finally {
      await indexer.stop()
    }
  })

  it('error: a manifest written before WatcherReports existed is still read, and commits fail typed', async () => {
    const json = toDeploymentManifestJson(manifest)
    const { watcherReports: _, ...contracts } = json.contracts
    const old = parseDeploymentManifest(JSON.stringify({ ...json, contracts }), 'old.json')
    expect(old.contracts.watcherReports).toBeUndefined()
    expect(listLedgerContracts(old).map((contract) => contract.name)).not.toContain('WatcherReports')
    const ledger = createLedger({
      clients: createDecaiClients({ rpcUrl: chain.rpcUrl, account: watcherKey! }),
      manifest: old,
    })
    await expect(
      commitWatcherReport(ledger, { reportHash, supplier, sessionNumber: 7n }),
    ).rejects.toMatchObject({ code: 'CHAIN_NOT_DEPLOYED' })
  })
})
