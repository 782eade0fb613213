/**
 * The command line, walked through as an operator would: the real `bin/decai.js`, one process per command,
 * against a fresh anvil, in a temporary directory. Each step reads back from the chain what the previous
 * one wrote (through `decai` itself), and bad input fails with a message that says what to do.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { getAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ledgerParamsPresets } from '../../src/chain/contracts.generated.ts'
import {
  anvilDevPrivateKeys,
  type StartLocalChainReturnType,
  startLocalChain,
} from '../../src/chain/index.ts'
import { findFreePort } from '../../src/chain/localChain/findFreePort.ts'
import { getDevnetPaths } from '../../src/cli/devnet/devnetPaths.ts'
import { roleKeyEnv, writeRelayMinerConfig } from '../../src/cli/devnet/writeRoleConfigs.ts'
import { privateKeyToAddress } from '../../src/protocol/signature/privateKeyToAddress.ts'

const decaiBin = fileURLToPath(new URL('../../bin/decai.js', import.meta.url))
const password = 'correct horse battery staple'
const serviceId = 'walk-tiny'
const numBlocksPerSession = 10 // the devnet preset `chain deploy` uses by default
const maxTarget = (2n ** 256n - 1n).toString()

type Run = { code: number; stdout: string; stderr: string }

let chain: StartLocalChainReturnType
let dir: string
let ledger: string[]
const keystore = ['--keystore-dir', 'keystore']
const addresses: Record<string, `0x${string}`> = {}
// The relayminer's key: the supplier's owner stakes it by address; only the relayminer signs with it.
const operatorKey = anvilDevPrivateKeys[1]
const operator = privateKeyToAddress(operatorKey)
let relayMinerPort: number
let modelSha256: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-cli-walkthrough-'))
  chain = await startLocalChain({ port: 0 })
  relayMinerPort = await findFreePort('127.0.0.1')
  ledger = ['--rpc-url', chain.rpcUrl, '--manifest', 'deployment.json']
})

afterAll(async () => {
  await chain?.stop()
  await rm(dir, { recursive: true, force: true })
})

// Runs `decai <args>` in the temporary directory (HOME too, so nothing outside it is read or written).
function decai(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [decaiBin, ...args],
      { cwd: dir, env: { ...process.env, HOME: dir, DECAI_KEY_PASSWORD: password, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

// Runs `decai <args> --json`, expects success and returns the parsed document.
// biome-ignore lint/suspicious/noExplicitAny: each test checks the fields it reads
async function json(args: readonly string[], env: Record<string, string> = {}): Promise<any> {
  const run = await decai([...args, '--json'], env)
  expect(run.code, `decai ${args.join(' ')}\n${run.stderr}`).toBe(0)
  return JSON.parse(run.stdout)
}

// A failure as a user sees it: non-zero exit, a message on stderr, and no stack trace.
function expectCleanFailure(run: Run, message: RegExp): void {
  expect(run.code).not.toBe(0)
  expect(run.stderr).toMatch(message)
  expect(run.stderr).not.toMatch(/^\s+at /m)
}

// Session n starts at genesis + (n − 1) · blocks per session (spec §3); the session queries below check it
// through the ledger.
async function sessionStartHeight(session: bigint): Promise<bigint> {
  const manifest = JSON.parse(await readFile(join(dir, 'deployment.json'), 'utf8'))
  return BigInt(manifest.genesisHeight) + (session - 1n) * BigInt(manifest.numBlocksPerSession)
}

async function currentSession(): Promise<bigint> {
  const height = BigInt(await chain.request<string>('eth_blockNumber'))
  let session = 1n
  while ((await sessionStartHeight(session + 1n)) <= height) session += 1n
  return session
}

// Mines blocks until the chain is in session `session`.
async function mineUntilSession(session: bigint): Promise<void> {
  const start = await sessionStartHeight(session)
  const height = BigInt(await chain.request<string>('eth_blockNumber'))
  if (height < start) await chain.mine(Number(start - height))
}

// Each step starts a few `decai` processes (about 2 s of CPU each, mostly loading viem through tsx): generous
// limits keep a busy machine from failing the walk.
describe('decai, walked through on a fresh chain', { timeout: 180_000 }, () => {
  const modelFile = () => join(dir, 'tiny.gguf')

  it('keys: import and create encrypted keys, then list them', async () => {
    const deployerKey = anvilDevPrivateKeys[0]
    const imported = await json(
      ['keys', 'import', '--name', 'deployer', '--private-key-env', 'DEV_KEY', ...keystore, '--light'],
      { DEV_KEY: deployerKey },
    )
    expect(imported.address).toBe(privateKeyToAddress(deployerKey))
    addresses.deployer = imported.address
    const created = await Promise.all(
      ['application', 'gateway', 'owner'].map((name) =>
        json(['keys', 'create', '--name', name, ...keystore, '--light']),
      ),
    )
    for (const entry of created) addresses[entry.name] = entry.address
    expect(new Set(Object.values(addresses)).size).toBe(4)
    const file = await readFile(join(dir, 'keystore', 'deployer.json'), 'utf8')
    expect(JSON.parse(file)).toMatchObject({ version: 3, crypto: { kdf: 'scrypt' } })
    expect(file).not.toContain(deployerKey.slice(2))
    const listed = await json(['keys', 'list', ...keystore])
    const byName = Object.fromEntries(
      listed.keys.map((key: { name: string; address: string }) => [key.name, key.address]),
    )
    expect(byName).toEqual(addresses)
  })

  it('chain: deploy the ledger, read its status, fund the roles from the faucet', async () => {
    const manifest = await json([
      'chain',
      'deploy',
      '--key',
      'deployer',
      ...keystore,
      '--rpc-url',
      chain.rpcUrl,
      '--out',
      'deployment.json',
    ])
    expect(manifest).toMatchObject({ chainId: chain.chainId, preset: 'devnet' })
    const status = await json(['chain', 'status', ...ledger])
    expect(status).toMatchObject({
      rpcUrl: chain.rpcUrl,
      chainId: chain.chainId,
      contracts: manifest.contracts,
      numBlocksPerSession: String(numBlocksPerSession),
    })
    expect(BigInt(status.blockNumber)).toBeGreaterThanOrEqual(BigInt(manifest.deployBlock))
    const { minted } = await json([
      'chain',
      'faucet',
      '--key',
      'deployer',
      ...keystore,
      ...ledger,
      ...['application', 'gateway', 'owner'].flatMap((role) => ['--to', addresses[role]!]),
      '--amount',
      '1000',
      '--eth',
      '10',
    ])
    expect(minted.map((m: { to: string; amount: string }) => [m.to, m.amount])).toEqual(
      ['application', 'gateway', 'owner'].map((role) => [getAddress(addresses[role]!), '1000000000']),
    )
  })

  it('model: generate a tiny model, hash it, publish it as a service, update its pricing', async () => {
    const generated = await json(['model', 'generate', '--seed', '7', '--out', 'tiny.gguf'])
    modelSha256 = createHash('sha256')
      .update(await readFile(modelFile()))
      .digest('hex')
    expect(generated.sha256).toBe(modelSha256)
    expect((await json(['model', 'hash', 'tiny.gguf'])).sha256).toBe(modelSha256)
    const published = await json([
      'model',
      'publish',
      'tiny.gguf',
      '--id',
      serviceId,
      '--champion-bps',
      '1500',
      '--key',
      'deployer',
      ...keystore,
      ...ledger,
    ])
    expect(published).toMatchObject({ serviceId, modelSha256: `0x${modelSha256}` })
    const updated = await json([
      'service',
      'update',
      '--id',
      serviceId,
      '--cu-per-request',
      '250',
      '--key',
      'deployer',
      ...keystore,
      ...ledger,
    ])
    await mineUntilSession(BigInt(updated.pricing.fromSession))
    const { services } = await json(['service', 'list', ...ledger])
    expect(services).toEqual([
      expect.objectContaining({
        serviceId,
        owner: getAddress(addresses.deployer!),
        modelSha256: `0x${modelSha256}`,
        modelUris: [pathToFileURL(modelFile()).href],
        license: 'MIT',
        // The update changed the price per request and kept the champion's share it was published with.
        pricing: { cuPerRequest: '250', cuPerInputToken: '1', cuPerOutputToken: '3', championBps: 1500 },
      }),
    ])
  })

  it('service add: a second service by its model commitment alone, listed with its pricing', async () => {
    const added = await json([
      'service',
      'add',
      '--id',
      'walk-other',
      '--model-sha256',
      modelSha256,
      '--uri',
      'https://models.example/tiny.gguf',
      '--license',
      'apache-2.0',
      '--cu-per-request',
      '10',
      '--key',
      'gateway',
      ...keystore,
      ...ledger,
    ])
    expect(added).toMatchObject({ serviceId: 'walk-other', modelSha256: `0x${modelSha256}` })
    // Its pricing is in force from the session the ledger named.
    await mineUntilSession(BigInt(added.activeFromSession))
    const { services } = await json(['service', 'list', ...ledger])
    expect(services).toContainEqual(
      expect.objectContaining({
        serviceId: 'walk-other',
        owner: getAddress(addresses.gateway!),
        modelUris: ['https://models.example/tiny.gguf'],
        license: 'apache-2.0',
        pricing: expect.objectContaining({ cuPerRequest: '10' }),
      }),
    )
  })

  it('relay send: with no supplier in the session, --endpoint without --supplier is a typed error', async () => {
    const run = await decai([
      'relay',
      'send',
      '--prompt',
      'Hello',
      '--application',
      addresses.application!,
      '--service',
      serviceId,
      '--endpoint',
      'http://127.0.0.1:9',
      '--key',
      'gateway',
      ...keystore,
      ...ledger,
      '--json',
    ])
    expectCleanFailure(run, /CLI_INVALID_ARGUMENT[\s\S]*Pass --supplier <operator> with --endpoint/)
    expect(JSON.parse(run.stdout).error).toMatchObject({
      code: 'CLI_INVALID_ARGUMENT',
      message: expect.stringMatching(/has no supplier/),
    })
  })

  it('stakes: application, gateway and supplier stake; the application delegates; the session draws the supplier', async () => {
    const signer = (role: string) => ['--key', role, ...keystore, ...ledger]
    const endpoint = `http://127.0.0.1:${relayMinerPort}`
    // Three signers, three independent transactions.
    const [app, gateway, supplier] = await Promise.all([
      json(['app', 'stake', '--service', serviceId, '--amount', '100', ...signer('application')]),
      json(['gateway', 'stake', '--amount', '50', ...signer('gateway')]),
      json([
        'supplier',
        'stake',
        '--operator',
        operator,
        '--amount',
        '200',
        '--service',
        `${serviceId}=${endpoint}`,
        ...signer('owner'),
      ]),
    ])
    expect(app.stake).toBe('100000000')
    expect(gateway.stake).toBe('50000000')
    expect(supplier.transactionHash).toMatch(/^0x[0-9a-f]{64}$/)
    const delegated = await json([
      'app',
      'delegate',
      '--gateway',
      addresses.gateway!,
      ...signer('application'),
    ])
    await mineUntilSession(BigInt(delegated.fromSession))

    const session = await json([
      'query',
      'session',
      '--application',
      addresses.application!,
      '--service',
      serviceId,
      ...ledger,
    ])
    expect(session.header).toMatchObject({ application: getAddress(addresses.application!), serviceId })
    expect(BigInt(session.session)).toBe(await currentSession())
    expect(session.suppliers).toEqual([{ operator: getAddress(operator), endpoint }])

    const [balances, difficulty] = await Promise.all([
      json(['query', 'balances', addresses.application!, addresses.gateway!, addresses.owner!, ...ledger]),
      json(['query', 'difficulty', '--service', serviceId, ...ledger]),
    ])
    // 1 000 from the faucet, less what each staked.
    expect(balances.rows.map((row: { balance: string }) => row.balance)).toEqual([
      '900000000',
      '950000000',
      '800000000',
    ])
    // No session has settled: every relay is mined, and no change was made yet.
    expect(difficulty).toMatchObject({ serviceId, target: maxTarget, history: [] })
  })

  it("relay send: one relay signed by the gateway reaches the supplier's relayminer and its answer verifies", async () => {
    const relayMiner = await startRelayMiner()
    try {
      const sent = await json([
        'relay',
        'send',
        '--prompt',
        'Hello',
        '--max-tokens',
        '8',
        '--application',
        addresses.application!,
        '--service',
        serviceId,
        '--key',
        'gateway',
        ...keystore,
        ...ledger,
      ])
      expect(sent.session).toBe(String(await currentSession()))
      expect(sent.relayHash).toMatch(/^0x[0-9a-f]{64}$/)
      // No session has settled, so the target is the maximum: every relay is mined.
      expect(sent.isMined).toBe(true)
      expect(typeof sent.body.choices[0].message.content).toBe('string')
      // The usage is what the supplier signed, within the bound the relay carried.
      expect(Number(sent.response.outputTokens)).toBeGreaterThan(0)
      expect(Number(sent.response.outputTokens)).toBeLessThanOrEqual(8)
      expect(Number(sent.response.inputTokens)).toBeGreaterThan(0)
    } finally {
      // Stopped before its claim window: no claim stays pending for the unstaking below.
      await relayMiner.stop()
    }
  })

  it('app unstake: unbonding, then the stake comes back after the unbonding period', async () => {
    const signer = ['--key', 'application', ...keystore, ...ledger]
    await json(['app', 'unstake', ...signer])
    expectCleanFailure(
      await decai(['app', 'unstake', '--withdraw', ...signer]),
      /StillBonded[\s\S]*unbonding period is not over/,
    )
    const { applicationUnbondingSessions } = ledgerParamsPresets.devnet.params
    await mineUntilSession((await currentSession()) + BigInt(applicationUnbondingSessions) + 1n)
    await json(['app', 'unstake', '--withdraw', ...signer])
    const balances = await json(['query', 'balances', addresses.application!, ...ledger])
    expect(balances.rows[0].balance).toBe('1000000000')
  })

  it('supplier and gateway unstake: both start unbonding, shown by query balances', async () => {
    const signer = (role: string) => ['--key', role, ...keystore, ...ledger]
    await Promise.all([
      json(['supplier', 'unstake', '--operator', operator, ...signer('owner')]),
      json(['gateway', 'unstake', ...signer('gateway')]),
    ])
    const { rows } = await json(['query', 'balances', addresses.gateway!, addresses.owner!, ...ledger])
    expect(rows[0].gateway.unbonding).toMatchObject({ amount: '50000000' })
    expect(rows[1].suppliers).toEqual([
      expect.objectContaining({
        operator: getAddress(operator),
        unbonding: expect.objectContaining({ amount: '200000000' }),
      }),
    ])
    expectCleanFailure(
      await decai(['gateway', 'unstake', '--withdraw', ...signer('gateway')]),
      /StillBonded[\s\S]*unbonding period is not over/,
    )
  })

  it('error: bad input exits non-zero and says what to do, without a stack trace', async () => {
    const [badAddress, unknownService, wrongPassword] = await Promise.all([
      decai(['app', 'delegate', '--gateway', '0x1234', '--key', 'application', ...keystore, ...ledger]),
      decai([
        'app',
        'stake',
        '--service',
        'no-such-service',
        '--amount',
        '10',
        '--key',
        'gateway',
        ...keystore,
        ...ledger,
      ]),
      decai(['gateway', 'stake', '--amount', '1', '--key', 'gateway', ...keystore, ...ledger], {
        DECAI_KEY_PASSWORD: 'not the password',
      }),
    ])
    expectCleanFailure(
      badAddress,
      /'--gateway <address>' argument '0x1234' is invalid\. expected a 0x-prefixed 20-byte address/,
    )
    expectCleanFailure(unknownService, /ServiceNotFound[\s\S]*decai service list/)
    expectCleanFailure(wrongPassword, /the password in DECAI_KEY_PASSWORD does not open key gateway/)
  })
})

// Runs the supplier's relayminer (embedded llama.cpp on the published model) from a config written the way
// the devnet writes it, and waits until it says it is ready.
async function startRelayMiner(): Promise<{ stop: () => Promise<void> }> {
  const file = await writeRelayMinerConfig({
    paths: getDevnetPaths(dir),
    index: 0,
    port: relayMinerPort,
    rpcUrl: chain.rpcUrl,
    serviceId,
    model: { path: join(dir, 'tiny.gguf'), sha256: modelSha256 },
  })
  const child = spawn(process.execPath, [decaiBin, 'relayminer', 'start', '--config', file], {
    cwd: dir,
    env: { ...process.env, HOME: dir, [roleKeyEnv.operator]: operatorKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: unknown) => {
    output += String(chunk)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await waitUntilReady(child, `http://127.0.0.1:${relayMinerPort}/readyz`, () => output)
  return {
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}

async function waitUntilReady(child: ChildProcess, url: string, log: () => string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the relayminer exited (${child.exitCode}):\n${log()}`)
    const response = await fetch(url).catch(() => undefined)
    if (response?.ok) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
