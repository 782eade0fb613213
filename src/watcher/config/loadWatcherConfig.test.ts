import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import { BaseError } from '../../protocol/errors/BaseError.ts'
import { loadWatcherConfig, parseEmbeddedWatcherConfig, parseWatcherConfig } from './loadWatcherConfig.ts'

const minimal = `
signer:
  privateKeyEnv: WATCHER_KEY
  application: "0x${'Ab'.repeat(20)}"
chain:
  rpcUrl: http://127.0.0.1:8545
  manifestFile: deployment.json
services:
  tiny-chat:
    referenceModel: models/tiny.gguf
`

function codeOf(run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    return error instanceof BaseError ? error.code : 'not a BaseError'
  }
  return undefined
}

describe('parseWatcherConfig', () => {
  it('default: every section but signer, chain and services has defaults', () => {
    const config = parseWatcherConfig(minimal)
    expect(config.server).toEqual({ host: '127.0.0.1', port: 8090 })
    expect(config.audit).toEqual({ alpha: 0.01, minProbesForPass: 20 })
    expect(config.probes).toMatchObject({ meanInterval: 30_000, timeout: 120_000, maxConcurrent: 1 })
    expect(config.probes.profile.greedyShare).toBe(0.8)
    expect(config.calibration.marginNats).toBeGreaterThan(0)
    expect(config.signer.application).toBe(`0x${'ab'.repeat(20)}`)
  })

  it.each<[string, Record<string, unknown>, string | undefined]>([
    ['valid: durations in units', { probes: { meanInterval: '2m', timeout: '1500ms' } }, undefined],
    [
      'valid: objectives',
      { services: { 'tiny-chat': { referenceModel: 'a.gguf', objectives: { ttftP90Ms: 800 } } } },
      undefined,
    ],
    ['invalid: unknown field', { surprise: 1 }, 'WATCHER_INVALID_CONFIG'],
    ['invalid: no service', { services: {} }, 'WATCHER_INVALID_CONFIG'],
    ['invalid: alpha out of range', { audit: { alpha: 1.5 } }, 'WATCHER_INVALID_CONFIG'],
    ['invalid: duration without unit', { probes: { meanInterval: '30' } }, 'WATCHER_INVALID_CONFIG'],
    ['invalid: a share above 1', { probes: { profile: { greedyShare: 2 } } }, 'WATCHER_INVALID_CONFIG'],
  ])('%s', (_name, overrides, code) => {
    const text = stringifyYaml({ ...parseYaml(minimal), ...overrides })
    expect(codeOf(() => parseWatcherConfig(text))).toBe(code)
  })

  it('invalid: not YAML', () => {
    expect(codeOf(() => parseWatcherConfig(':\n  - ['))).toBe('WATCHER_INVALID_CONFIG')
  })
})

describe('loadWatcherConfig', () => {
  let directory: string
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'decai-watcher-config-'))
    await writeFile(
      join(directory, 'prompts.txt'),
      '# private prompts\nWhat should I cook tonight?\n\nHow do I fix a bike chain?\n',
    )
    await writeFile(join(directory, 'watcher.yaml'), `${minimal}\nprobes:\n  extraPromptsFile: prompts.txt\n`)
  })
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('behavior: paths resolve against the file, the key comes from the environment, prompts are read', async () => {
    const key = `0x${'5a'.repeat(32)}`
    const config = await loadWatcherConfig({
      file: join(directory, 'watcher.yaml'),
      env: { WATCHER_KEY: key },
    })
    expect(config.services).toEqual([
      { serviceId: 'tiny-chat', referenceModelPath: join(directory, 'models/tiny.gguf'), threads: 1 },
    ])
    expect(config.chain.manifestFile).toBe(join(directory, 'deployment.json'))
    expect(config.signer.privateKey).toBe(key)
    expect(config.settings.probes.extraPrompts).toEqual([
      'What should I cook tonight?',
      'How do I fix a bike chain?',
    ])
    expect(Object.isFrozen(config.settings.probes)).toBe(true)
  })

  it('error: a missing key or file is a typed error', async () => {
    await expect(loadWatcherConfig({ file: join(directory, 'watcher.yaml'), env: {} })).rejects.toMatchObject(
      {
        code: 'WATCHER_MISSING_SECRET',
      },
    )
    await expect(loadWatcherConfig({ file: join(directory, 'nope.yaml'), env: {} })).rejects.toMatchObject({
      code: 'WATCHER_INVALID_CONFIG',
    })
  })
})

describe('parseEmbeddedWatcherConfig', () => {
  const raw = { services: { 'tiny-chat': { referenceModel: 'models/tiny.gguf' } } }

  it('valid: the gateway section needs only services; paths resolve against the gateway config', async () => {
    const config = await parseEmbeddedWatcherConfig({ raw, baseDir: '/etc/decai' })
    expect(config.isEnabled).toBe(true)
    expect(config.services).toEqual([
      { serviceId: 'tiny-chat', referenceModelPath: '/etc/decai/models/tiny.gguf', threads: 1 },
    ])
    expect(config.settings.probes).toMatchObject({ meanIntervalMs: 30_000, extraPrompts: [] })
    expect(config.settings.minProbesForPass).toBe(20)
  })

  it('valid: enabled: false keeps the section without running a watcher', async () => {
    const config = await parseEmbeddedWatcherConfig({ raw: { ...raw, enabled: false }, baseDir: '/' })
    expect(config.isEnabled).toBe(false)
  })

  it('invalid: signer, chain and server belong to the gateway', async () => {
    for (const extra of [{ signer: {} }, { chain: {} }, { server: {} }, { probes: { maxInputTokens: 9 } }])
      await expect(
        parseEmbeddedWatcherConfig({ raw: { ...raw, ...extra }, baseDir: '/' }),
      ).rejects.toMatchObject({
        code: 'WATCHER_INVALID_CONFIG',
      })
  })

  it('invalid: no service to audit', async () => {
    await expect(parseEmbeddedWatcherConfig({ raw: { services: {} }, baseDir: '/' })).rejects.toMatchObject({
      code: 'WATCHER_INVALID_CONFIG',
    })
  })
})

describe('probe settings', () => {
  const key = `0x${'5a'.repeat(32)}`
  let directory: string
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'decai-watcher-probes-'))
  })
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true })
  })
  const load = async (probes: string) => {
    const file = join(directory, 'watcher.yaml')
    await writeFile(file, `${minimal}${probes}`)
    return loadWatcherConfig({ file, env: { WATCHER_KEY: key } })
  }
  it('default: a standalone watcher relays with the default gateway routing settings', async () => {
    const config = await load('')
    // The gateway's routing defaults (test/watcher/probeWire.test.ts checks they stay the same).
    expect(config.relayRouting).toEqual({
      maxInputTokens: 8_192,
      maxOutputTokens: 4_096,
      defaultMaxOutputTokens: 512,
      acknowledgeTimeoutMs: 5_000,
    })
    expect(config.settings.probes.maxPromptUses).toBe(3)
  })

  it('valid: the gateway routing values are copied as written (durations in units)', async () => {
    const config = await load(
      'probes:\n  acknowledgeTimeout: 0\n  defaultMaxOutputTokens: 256\n  maxOutputTokens: 1024\n  maxPromptUses: 1\n',
    )
    expect(config.relayRouting).toMatchObject({
      acknowledgeTimeoutMs: 0,
      defaultMaxOutputTokens: 256,
      maxOutputTokens: 1024,
    })
    expect(config.settings.probes.maxPromptUses).toBe(1)
  })

  it('invalid: maxPromptUses below 1', async () => {
    await expect(load('probes:\n  maxPromptUses: 0\n')).rejects.toMatchObject({
      code: 'WATCHER_INVALID_CONFIG',
    })
  })

  it('valid: inside a gateway, maxPromptUses applies and the relay settings are the gateway’s own', async () => {
    const raw = { services: { 'tiny-chat': { referenceModel: 'm.gguf' } }, probes: { maxPromptUses: 7 } }
    expect((await parseEmbeddedWatcherConfig({ raw, baseDir: '/' })).settings.probes.maxPromptUses).toBe(7)
    const withRouting = { ...raw, probes: { acknowledgeTimeout: '1s' } }
    await expect(parseEmbeddedWatcherConfig({ raw: withRouting, baseDir: '/' })).rejects.toMatchObject({
      code: 'WATCHER_INVALID_CONFIG',
    })
  })
})
