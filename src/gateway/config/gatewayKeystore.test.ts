import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encryptKeystore } from '../../chain/keystore/encryptKeystore.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { loadGatewayConfig, parseGatewayConfig } from './loadGatewayConfig.ts'

// A gateway key made by `decai keys create` is a version-3 keystore: the gateway runs on it directly.
const gatewayKey = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
const password = 'correct horse battery staple'
const application = '0x00000000000000000000000000000000000000aa'
const config = `mode: delegated
gatewayKeystore: { keystoreFile: keys/gateway.json, passwordEnv: GW_PASSWORD }
applications: [{ address: "${application}", serviceId: llama-tiny }]
chain: { rpcUrl: "http://127.0.0.1:8545", manifestFile: deployment.json }
store: { dir: data }
`

describe('gateway key from a keystore', () => {
  let dir: string
  let file: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'decai-gw-keystore-'))
    file = join(dir, 'gateway.yaml')
    const keystore = encryptKeystore(gatewayKey, password, { n: 1024, r: 8, p: 1 })
    await writeFile(file, config)
    await mkdir(join(dir, 'keys'))
    await writeFile(join(dir, 'keys', 'gateway.json'), JSON.stringify(keystore))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('behavior: the keystore (relative to the config) decrypts to the key that signs for delegated applications', async () => {
    const loaded = await loadGatewayConfig({ file, env: { GW_PASSWORD: password } })
    expect(loaded.gatewayAddress).toBe(privateKeyToAddress(gatewayKey))
    expect(loaded.applications).toHaveLength(1)
    expect(loaded.applications[0]!.address).toBe(application)
    expect(loaded.applications[0]!.signerAddress).toBe(privateKeyToAddress(gatewayKey))
    expect(loaded.applications[0]!.signerKey.reveal()).toBe(gatewayKey)
    // The key stays wrapped: printing the config shows no secret.
    expect(inspect(loaded, { depth: 10 })).not.toContain(gatewayKey.slice(2))
  })

  it('error: an unset password variable is GATEWAY_MISSING_SECRET', async () => {
    await expect(loadGatewayConfig({ file, env: {} })).rejects.toMatchObject({
      code: 'GATEWAY_MISSING_SECRET',
    })
  })

  it('error: a wrong password is GATEWAY_INVALID_CONFIG caused by the keystore, never echoing the password', async () => {
    const wrong = 'not the password'
    const error = await loadGatewayConfig({ file, env: { GW_PASSWORD: wrong } }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'GATEWAY_INVALID_CONFIG',
      cause: { code: 'RELAYMINER_KEYSTORE_DECRYPT_FAILED' },
    })
    expect(inspect(error, { depth: 10 })).not.toContain(wrong)
  })

  it('invalid: both gatewayKeyEnv and gatewayKeystore, or a keystore given to the file-less parser', () => {
    const both = config.replace('mode: delegated', 'mode: delegated\ngatewayKeyEnv: GW')
    expect(() => parseGatewayConfig({ text: both, baseDir: dir, env: { GW: gatewayKey } })).toThrow(
      expect.objectContaining({ code: 'GATEWAY_INVALID_CONFIG' }),
    )
    expect(() => parseGatewayConfig({ text: config, baseDir: dir, env: {} })).toThrow(
      expect.objectContaining({ code: 'GATEWAY_INVALID_CONFIG' }),
    )
  })
})
