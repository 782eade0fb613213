import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeploymentManifest } from '../../chain/index.ts'
import { loadOrCreateDevnetKeys } from './devnetKeys.ts'
import { getDevnetPaths } from './devnetPaths.ts'
import { buildDevnetStatus, type DevnetStatus } from './devnetStatus.ts'
import type { DemoModel } from './ensureDemoModel.ts'
import { printDevnetBanner } from './printDevnetBanner.ts'

const ports = {
  rpc: 18545,
  gateway: 18080,
  relayMiners: [18081, 18082, 18083],
  watcher: 18090,
  explorer: 18088,
}
const loopback = (port: number) => `http://127.0.0.1:${port}`
const sha256 = 'cd'.repeat(32)

let dir: string
let statusInput: Parameters<typeof buildDevnetStatus>[0]

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-devnet-status-'))
  const paths = getDevnetPaths(dir)
  const { keys } = await loadOrCreateDevnetKeys({ file: paths.keys, supplierCount: 3 })
  statusInput = {
    paths,
    rpcUrl: loopback(ports.rpc),
    blockTimeSec: 1,
    manifest: { chainId: 31337, contracts: {} } as unknown as DeploymentManifest,
    keys,
    model: { path: join(dir, 'model', 'tiny.gguf'), sha256, size: 'tiny' } as unknown as DemoModel,
    serviceId: 'decai-tiny',
    gateway: { url: loopback(ports.gateway), configFile: join(dir, 'gateway', 'config.yaml') },
    apiKey: 'sk-decai-demo-key',
    relayMiners: ports.relayMiners.map((port, i) => ({
      url: loopback(port),
      configFile: join(dir, `relayminer-${i + 1}`, 'config.yaml'),
    })),
    watcher: { url: loopback(ports.watcher), configFile: join(dir, 'watcher', 'config.yaml') },
    explorer: { url: loopback(ports.explorer) },
  }
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

function urlsOf(value: unknown): string[] {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? [value] : []
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(urlsOf)
  return []
}

describe('buildDevnetStatus', () => {
  it('behavior: every URL of the status is on 127.0.0.1, at the port each role was given', () => {
    const status = buildDevnetStatus(statusInput)
    const urls = urlsOf(status)
    // chain, gateway API and metrics, three relayminers and their metrics, watcher and its reports, explorer
    expect(urls).toHaveLength(12)
    for (const url of urls) expect(new URL(url).hostname).toBe('127.0.0.1')
    expect(status.gateway.url).toBe(`${loopback(ports.gateway)}/v1`)
    expect(status.gateway.metricsUrl).toBe(`${loopback(ports.gateway)}/metrics`)
    expect(status.suppliers.map((s) => s.endpoint)).toEqual(ports.relayMiners.map(loopback))
    expect(status.watcher?.reportsUrl).toBe(`${loopback(ports.watcher)}/reports`)
    expect(status.explorer?.url).toBe(loopback(ports.explorer))
  })

  it.each([
    ['the gateway', { gateway: { url: 'http://0.0.0.0:8080', configFile: 'g.yaml' } }],
    ['a relayminer', { relayMiners: [{ url: 'http://192.168.1.7:8081', configFile: 'r.yaml' }] }],
    ['the chain', { rpcUrl: 'http://localhost.example:8545' }],
  ])('error: %s off loopback is refused (CLI_DEVNET_FAILED)', (_name, override) => {
    expect(() => buildDevnetStatus({ ...statusInput, ...override })).toThrow(
      expect.objectContaining({ code: 'CLI_DEVNET_FAILED' }),
    )
  })
})

describe('printDevnetBanner', () => {
  function banner(status: DevnetStatus): string {
    let text = ''
    printDevnetBanner(status, (chunk) => {
      text += chunk
    })
    return text
  }

  it('behavior: prints the URLs, the API key and curl and openai SDK examples that use them', () => {
    const status = buildDevnetStatus(statusInput)
    const text = banner(status)
    const api = `${loopback(ports.gateway)}/v1`
    expect(text).toContain(`OpenAI-compatible API   ${api}`)
    expect(text).toContain('API key (dev only)      sk-decai-demo-key')
    expect(text).toContain(`model                   decai-tiny  (sha256 ${sha256.slice(0, 16)}…)`)
    expect(text).toContain(`chain RPC               ${loopback(ports.rpc)}  (chain id 31337, 1 block / 1 s)`)
    for (const [i, supplier] of status.suppliers.entries())
      expect(text).toContain(
        `supplier ${i + 1}              ${supplier.endpoint}  operator ${supplier.operator}`,
      )
    expect(text).toContain(`explorer                ${loopback(ports.explorer)}`)
    expect(text).toContain(`watcher reports         ${loopback(ports.watcher)}/reports`)
    // The curl example posts to the gateway's chat endpoint with the key and the model.
    expect(text).toContain(`curl -N ${api}/chat/completions \\`)
    expect(text).toContain('-H "Authorization: Bearer sk-decai-demo-key"')
    expect(text).toContain(`'{"model":"decai-tiny","stream":true,`)
    // The SDK example points the client at the same API and key.
    expect(text).toContain(`new OpenAI({ baseURL: '${api}', apiKey: 'sk-decai-demo-key' })`)
    expect(text).toContain("client.chat.completions.create({ model: 'decai-tiny', stream: true,")
  })

  it('behavior: without the watcher and the explorer, no line for them', () => {
    const text = banner(buildDevnetStatus({ ...statusInput, watcher: undefined, explorer: undefined }))
    expect(text).not.toContain('explorer ')
    expect(text).not.toContain('watcher reports')
    expect(text).toContain('OpenAI-compatible API')
  })
})
