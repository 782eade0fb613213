/**
 * `npm run bench -- ledger`: gas and calldata of every ledger operation on a real anvil, and the
 * compression of one supplier-session of 1M relays (claim + proof + settlement) against accounting each
 * relay on-chain. Prints one JSON object.
 *
 * Proof sizes: the supplier's trie holds N − 1 filler leaves of weight 1 and one real, signed relay whose
 * weight (its compute units) dwarfs them, so the weighted draw lands on the real relay while the proof has
 * the depth of an N-leaf trie. Gas depends on that depth and on the revealed relay, not on the fillers.
 * Set LEDGER_BENCH_LEAVES=1000,100000 to skip the 1M-leaf trie (≈30 s to build).
 */
import { randomBytes } from 'node:crypto'
import { type Hex, hexToBytes, size, type TransactionReceipt } from 'viem'
import {
  getHeader,
  type Network,
  SessionWork,
  serveRelays,
  setupNetwork,
  signRelay,
} from '../test/ledger/network.ts'
import { createWorld, TOKEN, type Wallet, type World } from '../test/ledger/world.ts'

type Figure = { gas: number; calldataBytes: number }

async function figure(world: World, receipt: TransactionReceipt): Promise<Figure> {
  const tx = await world.anvil.publicClient.getTransaction({ hash: receipt.transactionHash })
  return { gas: Number(receipt.gasUsed), calldataBytes: size(tx.input) }
}

/** A trie of `leaves` leaves whose heaviest (and so almost surely drawn) leaf is a real relay. */
async function bigTrie(world: World, net: Network, operator: Wallet, leaves: number): Promise<SessionWork> {
  const header = await getHeader(world, net.app.account.address, net.session)
  const work = new SessionWork(header, operator)
  // 4e9 output tokens: ≈1.2e10 compute units against leaves − 1 fillers of weight 1
  const maxOutputTokens = 4_000_000_000
  work.add(
    await signRelay(world, {
      header,
      operator,
      signer: net.gateway,
      nonce: 1n,
      outputTokens: maxOutputTokens,
      maxOutputTokens,
    }),
  )
  const keys = randomBytes(32 * (leaves - 1))
  const filler = new Uint8Array([0])
  for (let i = 0; i < leaves - 1; i++) work.trie.update(keys.subarray(32 * i, 32 * i + 32), filler, 1n)
  return work
}

async function claimAll(world: World, works: SessionWork[]): Promise<TransactionReceipt[]> {
  const receipts: TransactionReceipt[] = []
  for (const w of works) {
    const c = w.claim()
    receipts.push(await world.send(w.operator, 'claims', 'createClaim', [c.session, c.root]))
  }
  return receipts
}

/** Two operators each claim for ten applications of the next session in a single `createClaims`. */
async function batchedClaims(
  world: World,
  net: Network,
): Promise<{ first: TransactionReceipt; next: TransactionReceipt }> {
  const apps: Wallet[] = []
  for (let i = 0; i < 10; i++) {
    const app = await world.wallet(`bench-batch-app-${i}`)
    await world.fund(app, 10n * TOKEN, 'applications')
    await world.send(app, 'applications', 'stake', [net.serviceId, 10n * TOKEN])
    apps.push(app)
  }
  const session = await world.freshSession()
  const lists: { session: unknown; root: Hex }[][] = [[], []]
  for (const [i, list] of lists.entries()) {
    const operator = net.operators[i]!
    for (const app of apps) {
      const header = await getHeader(world, app.account.address, session)
      const work = new SessionWork(header, operator)
      work.add(await signRelay(world, { header, operator, signer: app, nonce: 1n }))
      list.push({ session: work.claim().session, root: work.claim().root })
    }
  }
  const t = await world.timeline(session)
  await world.mineUntilNext(t.claimOpen)
  const first = await world.send(net.operators[0]!, 'claims', 'createClaims', [lists[0]])
  const next = await world.send(net.operators[1]!, 'claims', 'createClaims', [lists[1]])
  return { first, next }
}

export async function run(): Promise<Record<string, unknown>> {
  const leafCounts = (process.env.LEDGER_BENCH_LEAVES ?? '1000,100000,1000000').split(',').map(Number)
  const world = await createWorld({
    params: {
      claimWindowCloseOffset: 40,
      supplierUnbondingSessions: 8,
      applicationUnbondingSessions: 8,
      suppliersPerSession: 20,
    },
  })
  try {
    const gas: Record<string, Figure> = {}
    const deploy = Object.fromEntries(Object.entries(world.ledger.deployGas).map(([k, v]) => [k, Number(v)]))

    // --- stakes, measured on fresh actors
    const champion = await world.wallet('bench-champion')
    const pricing = { cuPerRequest: 100n, cuPerInputToken: 1n, cuPerOutputToken: 3n, championBps: 1_000 }
    gas.addService = await figure(
      world,
      await world.send(champion, 'services', 'addService', [
        'bench-svc',
        pricing,
        `0x${'11'.repeat(32)}`,
        ['ipfs://x'],
        'MIT',
      ]),
    )
    const app = await world.wallet('bench-app')
    await world.fund(app, 100n * TOKEN, 'applications')
    gas.stakeApplication = await figure(
      world,
      await world.send(app, 'applications', 'stake', ['bench-svc', 100n * TOKEN]),
    )
    const gw = await world.wallet('bench-gateway')
    await world.fund(gw, 10n * TOKEN, 'gateways')
    gas.stakeGateway = await figure(world, await world.send(gw, 'gateways', 'stake', [10n * TOKEN]))
    gas.delegate = await figure(
      world,
      await world.send(app, 'applications', 'delegate', [gw.account.address]),
    )
    const owner = await world.wallet('bench-owner')
    const op = await world.wallet('bench-operator')
    await world.fund(owner, 1_000n * TOKEN, 'suppliers')
    gas.stakeSupplier = await figure(
      world,
      await world.send(owner, 'suppliers', 'stake', [
        op.account.address,
        1_000n * TOKEN,
        [{ serviceId: 'bench-svc', endpoint: 'https://bench.example/v1' }],
        [{ recipient: owner.account.address, bps: 10_000 }],
      ]),
    )

    // --- one session: 10 small claims (settled as a batch) and one big claim per trie size
    const net = await setupNetwork(world, { suppliers: 10 + leafCounts.length })
    const small: SessionWork[] = []
    for (let i = 0; i < 10; i++)
      small.push(await serveRelays(net, { operator: net.operators[i], count: 5, nonceBase: BigInt(i * 100) }))
    const big: SessionWork[] = []
    const built: Record<string, number> = {}
    for (const [i, leaves] of leafCounts.entries()) {
      const started = Date.now()
      big.push(await bigTrie(world, net, net.operators[10 + i]!, leaves))
      built[String(leaves)] = Date.now() - started
    }
    const t = await world.timeline(net.session)
    await world.mineUntilNext(t.claimOpen)
    const smallClaims = await claimAll(world, small)
    gas.claimFirstOfSession = await figure(world, smallClaims[0]!)
    gas.claim = await figure(world, smallClaims[1]!)
    const bigClaims = await claimAll(world, big)

    await world.mineUntilNext(t.proofOpen + 1n)
    // recorded once per session by whoever needs it first; measured apart so proofs compare alike
    gas.recordProofSeed = await figure(
      world,
      await world.send(world.gov, 'sessions', 'recordProofSeed', [net.session]),
    )
    const seed = await world.read<Hex>('sessions', 'proofSeed', [net.session])
    const proofs: Record<string, Figure & { depth: number; proofBytes: number }> = {}
    for (const [i, work] of big.entries()) {
      const proof = work.proof(seed)
      const bytes = hexToBytes(proof)
      const receipt = await world.send(work.operator, 'proofs', 'submitProof', [work.claim(), proof])
      proofs[String(leafCounts[i])] = {
        ...(await figure(world, receipt)),
        depth: (bytes[41]! << 8) | bytes[42]!,
        proofBytes: bytes.length,
      }
    }
    const smallProof = small[0]!
    gas.proofOf5Leaves = await figure(
      world,
      await world.send(smallProof.operator, 'proofs', 'submitProof', [
        smallProof.claim(),
        smallProof.proof(seed),
      ]),
    )

    await world.mineUntilNext(t.settlementHeight)
    // the session's first settlement also feeds the difficulty and pays recipients with empty balances
    gas.settleFirstOfSession = await figure(
      world,
      await world.send(world.gov, 'settlement', 'settle', [small[0]!.claim()]),
    )
    const settleBig: Figure[] = []
    for (const w of big) {
      settleBig.push(await figure(world, await world.send(world.gov, 'settlement', 'settle', [w.claim()])))
    }
    gas.settle = settleBig[settleBig.length - 1]!
    gas.settleBatchOf9 = await figure(
      world,
      await world.send(world.gov, 'settlement', 'settleBatch', [small.slice(1).map((w) => w.claim())]),
    )

    // --- ten claims of one supplier (ten applications) in one transaction: the first supplier to claim for
    // a session also computes its id (SHA3) and opens its budget
    const batches = await batchedClaims(world, net)
    gas.createClaimsBatchOf10FirstOfSessions = await figure(world, batches.first)
    gas.createClaimsBatchOf10 = await figure(world, batches.next)

    // --- compression: one supplier-session of 1M relays vs one transaction per relay
    const largest = String(leafCounts[leafCounts.length - 1])
    const claimFig = await figure(world, bigClaims[bigClaims.length - 1]!)
    const proofFig = proofs[largest]!
    const session = {
      relays: Number(largest),
      gas: claimFig.gas + proofFig.gas + gas.settle.gas,
      calldataBytes: claimFig.calldataBytes + proofFig.calldataBytes + gas.settle.calldataBytes,
    }
    // accounting each relay on-chain costs at least a transaction carrying and checking it: the proof
    // of a 5-leaf trie is that plus a short path, a lower bound is its gas
    const perRelay = {
      gas: gas.proofOf5Leaves.gas * session.relays,
      calldataBytes: size(small[0]!.relays[0]!.bytes) * session.relays,
    }
    return {
      gas,
      deployGas: deploy,
      claimBig: claimFig,
      proofByLeaves: proofs,
      trieBuildMs: built,
      oneSupplierSession: session,
      perRelayAccounting: perRelay,
      compression: {
        gas: perRelay.gas / session.gas,
        calldata: perRelay.calldataBytes / session.calldataBytes,
      },
      goal: { gas: 250_000, calldataBytes: 2_048 },
    }
  } finally {
    await world.anvil.stop()
  }
}
