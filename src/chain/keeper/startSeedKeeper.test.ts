import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDecaiClients } from '../client/createDecaiClients.ts'
import { deployDecai } from '../deploy/deployDecai.ts'
import { createLedger, type Ledger } from '../ledger/createLedger.ts'
import { readLedger } from '../ledger/readLedger.ts'
import { anvilDevPrivateKeys } from '../localChain/devAccounts.ts'
import { type StartLocalChainReturnType, startLocalChain } from '../localChain/startLocalChain.ts'
import { startSeedKeeper } from './startSeedKeeper.ts'

let chain: StartLocalChainReturnType
let ledger: Ledger

beforeAll(async () => {
  chain = await startLocalChain()
  const clients = createDecaiClients({ rpcUrl: chain.rpcUrl, account: anvilDevPrivateKeys[9] })
  ledger = createLedger({ clients, manifest: await deployDecai({ clients }) })
})
afterAll(async () => {
  await chain?.stop()
})

describe('startSeedKeeper', () => {
  it('behavior: records each new session seed and each proof seed once its block exists', async () => {
    const first = await readLedger(ledger, 'sessions', 'currentSession', [])
    const recorded: string[] = []
    const keeper = startSeedKeeper({
      ledger,
      pollingIntervalMs: 10,
      onRecorded: (r) => recorded.push(`${r.kind}:${r.session}`),
    })
    // Advance the chain until the keeper has seen two more sessions and the first session's proof seed.
    const isDone = () => recorded.includes(`session:${first + 2n}`) && recorded.includes(`proof:${first}`)
    while (!isDone()) {
      await chain.mine(3)
      await new Promise((resolve) => setTimeout(resolve, 30))
    }
    await keeper.stop()
    expect(recorded.filter((r) => r === `session:${first + 1n}`)).toHaveLength(1)
    const seed = await readLedger(ledger, 'sessions', 'sessionSeed', [first + 2n])
    expect(seed).not.toBe(`0x${'0'.repeat(64)}`)
    expect(await readLedger(ledger, 'sessions', 'proofSeed', [first])).not.toBe(`0x${'0'.repeat(64)}`)
  })
})
