import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encryptKeystore } from '../../chain/keystore/encryptKeystore.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { exportConfigJsonSchema } from './exportConfigJsonSchema.ts'
import { loadConfig, parseConfigText } from './loadConfig.ts'

const key = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
const sha = 'ab'.repeat(32)
const base = `
keys:
  - name: op1
    privateKeyEnv: OP1_KEY
suppliers:
  - key: op1
    services: [llama-tiny]
services:
  - id: llama-tiny
    backend: { kind: embedded, modelPath: ./tiny.gguf, sha256: ${sha} }
chain: { rpcUrl: 'http://127.0.0.1:8545', manifestFile: ./deployment.json }
store: { dir: ./trees }
`

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-config-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function load(text: string, env: Record<string, string> = { OP1_KEY: key }) {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.yaml`)
  await writeFile(file, text)
  return loadConfig({ file, env })
}

describe('loadConfig', () => {
  it('default: fills defaults, parses units, resolves paths, derives the operator address', async () => {
    const config = await load(base)
    expect(config.server).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      maxBodyBytes: 1_048_576,
      requestTimeoutMs: 120_000,
    })
    expect(config.chain.pollIntervalMs).toBe(1_000)
    expect(config.store.dir).toBe(join(dir, 'trees'))
    expect(config.services[0]!.backend).toMatchObject({
      kind: 'embedded',
      modelPath: join(dir, 'tiny.gguf'),
      parallelSequences: 2,
    })
    expect(config.suppliers[0]!.operatorAddress).toBe(privateKeyToAddress(key))
    expect(config.claims).toMatchObject({
      minClaimValueBaseUnits: 0n,
      shouldSettle: true,
      drainTimeoutMs: 10_000,
    })
    expect(Object.isFrozen(config.server)).toBe(true)
  })

  it('behavior: keys never show in JSON or inspect output', async () => {
    const config = await load(base)
    expect(JSON.stringify(config.suppliers)).not.toContain(key.slice(2))
    expect(inspect(config, { depth: 10 })).not.toContain(key.slice(2))
    expect(config.suppliers[0]!.privateKey.reveal()).toBe(key)
  })

  it('behavior: reads a key from an encrypted keystore', async () => {
    await writeFile(join(dir, 'op.json'), JSON.stringify(encryptKeystore(key, 'pw', { n: 1024, r: 8, p: 1 })))
    const text = base.replace(
      'privateKeyEnv: OP1_KEY',
      'keystoreFile: ./op.json\n    passwordEnv: OP1_PASSWORD',
    )
    const config = await load(text, { OP1_PASSWORD: 'pw' })
    expect(config.suppliers[0]!.privateKey.reveal()).toBe(key)
  })

  it.each([
    [
      'valid: sizes and durations with units',
      'server: { maxBodyBytes: 2MiB, requestTimeout: 1.5s }',
      { maxBodyBytes: 2_097_152, requestTimeoutMs: 1_500 },
    ],
    [
      'valid: plain numbers are bytes and milliseconds',
      'server: { maxBodyBytes: 1000, requestTimeout: 250 }',
      { maxBodyBytes: 1_000, requestTimeoutMs: 250 },
    ],
  ])('%s', async (_name, extra, expected) => {
    const config = await load(`${base}${extra}\n`)
    expect(config.server).toMatchObject(expected)
  })

  it.each([
    ['invalid: not YAML', 'keys: [', 'RELAYMINER_INVALID_CONFIG'],
    ['invalid: unknown top-level key', `${base}extra: 1\n`, 'RELAYMINER_INVALID_CONFIG'],
    ['invalid: a bad duration', `${base}server: { requestTimeout: soon }\n`, 'RELAYMINER_INVALID_CONFIG'],
    [
      'invalid: a key inline in the file',
      base.replace('privateKeyEnv: OP1_KEY', `privateKey: '${key}'`),
      'RELAYMINER_INVALID_CONFIG',
    ],
    [
      'invalid: a supplier names an unknown key',
      base.replace('- key: op1', '- key: op9'),
      'RELAYMINER_INVALID_CONFIG',
    ],
    [
      'invalid: a supplier names an unknown service',
      base.replace('services: [llama-tiny]', 'services: [other]'),
      'RELAYMINER_INVALID_CONFIG',
    ],
    ['invalid: a bad model sha256', base.replace(sha, 'xyz'), 'RELAYMINER_INVALID_CONFIG'],
  ])('%s', async (_name, text, code) => {
    await expect(load(text)).rejects.toMatchObject({ code })
  })

  it('error: an unset key variable is RELAYMINER_MISSING_SECRET', async () => {
    await expect(load(base, {})).rejects.toMatchObject({ code: 'RELAYMINER_MISSING_SECRET' })
  })

  it('error: schema errors are pretty-printed with their paths', () => {
    expect(() => parseConfigText('keys: []')).toThrow(
      expect.objectContaining({ details: expect.stringContaining('→ at keys') }),
    )
  })

  it('behavior: the exported JSON Schema describes the input side', () => {
    const schema = exportConfigJsonSchema() as { properties: Record<string, unknown>; required: string[] }
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['keys', 'suppliers', 'services', 'chain', 'store', 'server']),
    )
    expect(schema.required).toEqual(
      expect.arrayContaining(['keys', 'suppliers', 'services', 'chain', 'store']),
    )
  })
})
