import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { BaseError } from '../../protocol/errors/BaseError.ts'
import { loadGatewayConfig, parseGatewayConfig, readGatewayStoreSettings } from './loadGatewayConfig.ts'

const gatewayKey = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
const appKey = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a'
const env = { GW: gatewayKey, APP: appKey }
const chain =
  'chain: { rpcUrl: "http://127.0.0.1:8545", manifestFile: deployment.json }\nstore: { dir: data }'
const delegated = `mode: delegated\ngatewayKeyEnv: GW\napplications: [{ address: "0x00000000000000000000000000000000000000AA", serviceId: llama-tiny }]\n${chain}`
const centralized = `mode: centralized\napplications: [{ privateKeyEnv: APP, serviceId: llama-tiny }]\n${chain}`

function codeOf(run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    return error instanceof BaseError ? error.code : 'NOT_A_BASE_ERROR'
  }
  return undefined
}

describe('parseGatewayConfig', () => {
  it('valid: delegated mode signs with the gateway key for listed applications', () => {
    const config = parseGatewayConfig({ text: delegated, baseDir: '/srv/gw', env })
    expect(config.mode).toBe('delegated')
    expect(config.gatewayAddress).toBe('0x70997970c51812dc3a010c7d01b50e0d17dc79c8')
    expect(config.applications[0]).toMatchObject({
      address: '0x00000000000000000000000000000000000000aa',
      signerAddress: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
    })
    expect(config.chain.manifestFile).toBe('/srv/gw/deployment.json')
    expect(config.store.dir).toBe('/srv/gw/data')
    expect(config.models).toEqual({ 'llama-tiny': 'llama-tiny' })
  })

  it('valid: centralized mode signs with each application key; defaults and units are applied', () => {
    const config = parseGatewayConfig({
      text: `${centralized}\nrouting: { hedgeDelay: 1.5s, firstByteTimeout: 10s }\nserver: { maxBodyBytes: 64KiB }\nmodels: { gpt-4o-mini: llama-tiny }`,
      baseDir: '/srv',
      env,
    })
    expect(config.applications[0]!.address).toBe('0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc')
    expect(config.applications[0]!.signerAddress).toBe(config.applications[0]!.address)
    expect(config.routing.hedgeDelayMs).toBe(1_500)
    expect(config.routing.firstByteTimeoutMs).toBe(10_000)
    expect(config.routing.maxAttempts).toBe(3)
    expect(config.server.maxBodyBytes).toBe(65_536)
    expect(config.models['gpt-4o-mini']).toBe('llama-tiny')
    expect(config.watchers).toEqual([])
  })

  it('valid: watchers to follow, with their trusted addresses', () => {
    const text = `${delegated}\nwatchers: [{ url: "http://127.0.0.1:8090", address: "0x00000000000000000000000000000000000000BB", pollInterval: 5s }]`
    expect(parseGatewayConfig({ text, baseDir: '/srv', env }).watchers).toEqual([
      {
        url: 'http://127.0.0.1:8090',
        address: '0x00000000000000000000000000000000000000bb',
        pollIntervalMs: 5_000,
      },
    ])
  })

  it('behavior: the result is deeply frozen and never prints a key', () => {
    const config = parseGatewayConfig({ text: delegated, baseDir: '/srv', env })
    expect(Object.isFrozen(config.routing)).toBe(true)
    expect(() => {
      ;(config.routing as { maxAttempts: number }).maxAttempts = 9
    }).toThrow()
    const printed = `${JSON.stringify(config)} ${inspect(config, { depth: 10 })}`
    expect(printed).not.toContain(gatewayKey.slice(2))
  })

  it.each([
    ['invalid: not YAML', 'mode: [', 'GATEWAY_INVALID_CONFIG'],
    ['invalid: unknown mode', delegated.replace('mode: delegated', 'mode: other'), 'GATEWAY_INVALID_CONFIG'],
    ['invalid: unknown field', `${delegated}\nextra: 1`, 'GATEWAY_INVALID_CONFIG'],
    [
      'invalid: delegated without a gateway key',
      delegated.replace('gatewayKeyEnv: GW\n', ''),
      'GATEWAY_INVALID_CONFIG',
    ],
    [
      'invalid: application keys in delegated mode',
      `${centralized.replace('centralized', 'delegated')}\ngatewayKeyEnv: GW`,
      'GATEWAY_INVALID_CONFIG',
    ],
    [
      'invalid: a duration without a unit',
      `${delegated}\nrouting: { hedgeDelay: soon }`,
      'GATEWAY_INVALID_CONFIG',
    ],
    [
      'invalid: a share cap above 1',
      `${delegated}\nrouting: { operatorShareCap: 1.5 }`,
      'GATEWAY_INVALID_CONFIG',
    ],
    [
      'invalid: an alias to a service nobody pays for',
      `${delegated}\nmodels: { gpt: other }`,
      'GATEWAY_INVALID_CONFIG',
    ],
    ['invalid: unset key variable', delegated.replace('GW', 'UNSET_VAR'), 'GATEWAY_MISSING_SECRET'],
  ])('%s', (_name, text, code) => {
    expect(codeOf(() => parseGatewayConfig({ text, baseDir: '/srv', env }))).toBe(code)
  })

  it('error: a key variable that is not a private key is refused without echoing it', () => {
    try {
      parseGatewayConfig({ text: delegated, baseDir: '/srv', env: { GW: '0xnotakey-secret' } })
      expect.unreachable()
    } catch (error) {
      expect((error as BaseError).code).toBe('GATEWAY_INVALID_CONFIG')
      expect(String((error as Error).message)).not.toContain('notakey-secret')
    }
  })
})

describe('loadGatewayConfig', () => {
  it('default: reads the file and resolves paths against its directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decai-gwcfg-'))
    writeFileSync(join(dir, 'gateway.yaml'), delegated)
    const config = await loadGatewayConfig({ file: join(dir, 'gateway.yaml'), env })
    expect(config.store.dir).toBe(join(dir, 'data'))
    expect((await readGatewayStoreSettings(join(dir, 'gateway.yaml'))).storeDir).toBe(join(dir, 'data'))
  })

  it('error: a missing file → GATEWAY_INVALID_CONFIG', async () => {
    await expect(loadGatewayConfig({ file: join(tmpdir(), 'nope-gateway.yaml'), env })).rejects.toMatchObject(
      {
        code: 'GATEWAY_INVALID_CONFIG',
      },
    )
  })
})
