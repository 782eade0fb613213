/**
 * Crash safety end to end: "the relayminer is killed with SIGKILL under load and restarted; its claim
 * covers every mined relay whose signed response reached a client". The relayminer is the real CLI
 * process (`decai relayminer start`) on a real anvil with the embedded llama.cpp backend.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ledgerContracts } from '../../src/chain/deploy/ledgerContracts.ts'
import { getTestModel, removeTestModels } from '../../src/inference/embedded/testModel.ts'
import { bytesToHex, equalBytes, type Hex } from '../../src/protocol/bytes/bytes.ts'
import { computeRelayHash } from '../../src/protocol/relay/computeRelayHash.ts'
import { encodeRelay } from '../../src/protocol/relay/encodeRelay.ts'
import { hashRequestPayload } from '../../src/protocol/relay/hashRequestPayload.ts'
import type { RelayRequest, RelayResponse } from '../../src/protocol/relay/types.ts'
import { signRelayRequest } from '../../src/protocol/signature/signRelayRequest.ts'
import type { RelayDomain } from '../../src/protocol/signature/typedData.ts'
import { SparseMerkleSumTrie } from '../../src/protocol/smst/SparseMerkleSumTrie.ts'
import { relayRequestToJson } from '../../src/relayminer/relay/parseRelayEnvelope.ts'
import { openSessionTreeStore } from '../../src/relayminer/store/index.ts'
import { parseSse } from '../../src/relayminer/testing/parseSse.ts'
import { type ChainNetwork, serviceId, startChainNetwork } from './startChainNetwork.ts'

const binary = new URL('../../bin/decai.js', import.meta.url).pathname
let dir: string
let net: ChainNetwork
let configFile: string
let child: ChildProcess | undefined

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-relayminer-crash-'))
  const model = await getTestModel()
  net = await startChainNetwork({ modelSha256: model.sha256, dir })
  configFile = join(dir, 'relayminer.yaml')
  await writeFile(
    configFile,
    [
      'keys: [{ name: operator, privateKeyEnv: DECAI_TEST_OPERATOR_KEY }]',
      `suppliers: [{ key: operator, services: [${serviceId}] }]`,
      'services:',
      `  - id: ${serviceId}`,
      `    backend: { kind: embedded, modelPath: '${model.path}', sha256: ${model.sha256}, parallelSequences: 2 }`,
      `chain: { rpcUrl: '${net.chain.rpcUrl}', manifestFile: '${net.manifestFile}', pollInterval: 100ms }`,
      `store: { dir: '${join(dir, 'trees')}' }`,
      'server: { host: 127.0.0.1, port: 0, requestTimeout: 60s }',
      'claims: { drainTimeout: 2s, shouldSettle: false }',
      'log: { level: info }',
    ].join('\n'),
  )
  await net.mineTo(net.startOf(net.firstSession))
})

afterAll(async () => {
  child?.kill('SIGKILL')
  await net?.stop()
  await removeTestModels()
  await rm(dir, { recursive: true, force: true })
})

/** Starts `decai relayminer start` and resolves with its URL once it logs that it listens. */
async function startProcess(): Promise<{ process: ChildProcess; url: string }> {
  const started = spawn(process.execPath, [binary, 'relayminer', 'start', '--config', configFile], {
    env: { ...process.env, DECAI_TEST_OPERATOR_KEY: net.keys.operator },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child = started
  const lines = createInterface({ input: started.stdout! })
  const url = await new Promise<string>((resolve, reject) => {
    started.once('exit', (code) => reject(new Error(`relayminer exited with ${code}`)))
    lines.on('line', (line) => {
      if (line.includes('"relayminer listening"')) resolve((JSON.parse(line) as { url: string }).url)
    })
  })
  return { process: started, url }
}

type Acknowledged = { relayBytes: Uint8Array; relayHash: Uint8Array }

/** Sends one relay; resolves with the relay bytes if its signed response arrived, else undefined. */
async function sendRelay(
  url: string,
  domain: RelayDomain,
  nonce: bigint,
  isStream: boolean,
): Promise<Acknowledged | undefined> {
  const body = {
    messages: [{ role: 'user', content: `relay ${nonce}` }],
    temperature: 0,
    max_tokens: 2,
    stream: isStream,
  }
  const payload = { method: 'POST', path: '/v1/chat/completions', body }
  const request: RelayRequest = {
    session: await net.header(net.firstSession),
    supplier: net.addresses.operator,
    payloadHash: hashRequestPayload(payload),
    maxInputTokens: 256,
    maxOutputTokens: 2,
    nonce,
  }
  const requestSignature = signRelayRequest(net.keys.gateway, domain, request)
  try {
    const answer = await fetch(`${url}/v1/relay`, {
      method: 'POST',
      body: JSON.stringify({ request: relayRequestToJson(request), requestSignature, payload }),
    })
    if (answer.status !== 200) return undefined
    const signed = isStream
      ? readTrailer(await answer.text())
      : ((await answer.json()) as { response: RelayResponse; responseSignature: Hex })
    if (!signed) return undefined
    const relayBytes = encodeRelay({ request, requestSignature, ...signed })
    return { relayBytes, relayHash: computeRelayHash(relayBytes) }
  } catch {
    // The process was killed mid-request: no signed response reached us, so nothing was acknowledged.
    return undefined
  }
}

function readTrailer(text: string) {
  const last = parseSse(text).at(-1)
  return last?.event === 'relay-response'
    ? (JSON.parse(last.data) as { response: RelayResponse; responseSignature: Hex })
    : undefined
}

/** Keeps `clients` relays in flight until `shouldStop()`, adding the acknowledged ones to `into`. */
async function load(
  url: string,
  domain: RelayDomain,
  nonces: { next: bigint },
  clients: number,
  into: Acknowledged[],
  shouldStop: () => boolean,
) {
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (!shouldStop()) {
        const relay = await sendRelay(url, domain, nonces.next++, client % 2 === 1)
        if (relay) into.push(relay)
      }
    }),
  )
}

async function waitUntil(condition: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 1_200 && !(await condition()); i++)
    await new Promise((resolve) => setTimeout(resolve, 50))
}

/** The root of the supplier's claim for the session, from the ledger's ClaimCreated event. */
async function claimedRoot(sessionId: Hex): Promise<Hex | undefined> {
  const logs = await net.governance.clients.publicClient.getContractEvents({
    address: net.manifest.contracts.claims,
    abi: ledgerContracts.claims.abi,
    eventName: 'ClaimCreated',
    fromBlock: net.manifest.deployBlock,
  })
  return logs.find((entry) => entry.args.header?.sessionId === sessionId)?.args.root
}

describe('relayminer crash safety', () => {
  it('behavior: after kill -9 under load and a restart, the claimed root covers every acknowledged mined relay', async () => {
    const domain: RelayDomain = {
      chainId: net.chain.chainId,
      verifyingContract: net.manifest.contracts.proofs.toLowerCase() as Hex,
    }
    const nonces = { next: 1n }
    const acknowledged: Acknowledged[] = []
    const first = await startProcess()
    let isKilled = false
    const firstLoad = load(first.url, domain, nonces, 4, acknowledged, () => isKilled)
    // Four relays stay in flight at all times: the kill lands in the middle of serving and persisting.
    await waitUntil(() => acknowledged.length >= 40)
    const exited = new Promise((resolve) => first.process.once('exit', resolve))
    first.process.kill('SIGKILL')
    isKilled = true
    await firstLoad
    await exited
    const killedAt = acknowledged.length

    const second = await startProcess()
    let isDone = false
    const secondLoad = load(second.url, domain, nonces, 2, acknowledged, () => isDone)
    await waitUntil(() => acknowledged.length >= killedAt + 10)
    isDone = true
    await secondLoad

    const header = await net.header(net.firstSession)
    await net.mineTo(header.sessionEndHeight + 3n)
    await waitUntil(async () => (await claimedRoot(header.sessionId)) !== undefined)
    const root = await claimedRoot(header.sessionId)
    const stopped = new Promise((resolve) => second.process.once('exit', resolve))
    second.process.kill('SIGTERM')
    await stopped
    child = undefined

    const store = await openSessionTreeStore({ dir: join(dir, 'trees') })
    const [info] = store.listTrees()
    const tree = store.getTree(info!.sessionKey)!
    expect(killedAt).toBeGreaterThanOrEqual(40)
    expect(root).toBe(bytesToHex(tree.rebuild(new SparseMerkleSumTrie({ valueHasher: 'none' })).root()))
    const missing = acknowledged.filter(
      (relay) => !equalBytes(tree.get(relay.relayHash)?.value ?? new Uint8Array(), relay.relayBytes),
    )
    expect(missing).toEqual([])
    expect(tree.count).toBeGreaterThanOrEqual(acknowledged.length)
    await store.close()
  })
})
