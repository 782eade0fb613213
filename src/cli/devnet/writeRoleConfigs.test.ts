import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { encryptKeystore } from '../../chain/keystore/encryptKeystore.ts'
import { loadGatewayConfig } from '../../gateway/config/loadGatewayConfig.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { relayMinerConfigSchema } from '../../relayminer/config/configSchema.ts'
import { loadWatcherConfig } from '../../watcher/config/loadWatcherConfig.ts'
import { getDevnetPaths } from './devnetPaths.ts'
import { writeGatewayConfig, writeRelayMinerConfig, writeWatcherConfig } from './writeRoleConfigs.ts'

// The header of each config the devnet writes tells an operator how to run it with a keystore made by
// `decai keys create`; following it must give a config the role accepts.
const key = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
const password = 'role password'
const application = `0x${'aa'.repeat(20)}`
const common = { rpcUrl: 'http://127.0.0.1:8545', serviceId: 'decai-tiny' }

async function readConfig(file: string): Promise<{ header: string; config: Record<string, unknown> }> {
  const text = await readFile(file, 'utf8')
  const header = text
    .split('\n')
    .filter((line) => line.startsWith('#'))
    .join('\n')
  return { header, config: parse(text) as Record<string, unknown> }
}

describe('role configs written by the devnet', () => {
  let root: string
  let paths: ReturnType<typeof getDevnetPaths>
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'decai-role-configs-'))
    paths = getDevnetPaths(root)
  })
  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  async function writeKeystoreNextTo(file: string): Promise<void> {
    const keystore = encryptKeystore(key, password, { n: 1024, r: 8, p: 1 })
    await writeFile(join(file, '..', 'key.json'), JSON.stringify(keystore))
  }

  it('behavior: the gateway header names gatewayKeystore, and a config switched to it signs with the keystore key', async () => {
    const file = await writeGatewayConfig({ paths, port: 8080, application, ...common })
    const { header, config } = await readConfig(file)
    expect(header).toContain('DECAI_DEVNET_GATEWAY_KEY')
    expect(header).toContain('gatewayKeystore: { keystoreFile: <file>, passwordEnv: <VAR> }')
    await writeKeystoreNextTo(file)
    delete config.gatewayKeyEnv
    config.gatewayKeystore = { keystoreFile: 'key.json', passwordEnv: 'PASSWORD' }
    await writeFile(file, stringify(config))
    const loaded = await loadGatewayConfig({ file, env: { PASSWORD: password } })
    expect(loaded.gatewayAddress).toBe(privateKeyToAddress(key))
  })

  it('behavior: the watcher header names signer.keystoreFile, and a config switched to it signs with the keystore key', async () => {
    const file = await writeWatcherConfig({
      paths,
      port: 8090,
      application,
      modelPath: join(root, 'm.gguf'),
      ...common,
    })
    const { header, config } = await readConfig(file)
    expect(header).toContain('signer.keystoreFile: <file> and signer.passwordEnv: <VAR>')
    await writeKeystoreNextTo(file)
    const signer = config.signer as Record<string, unknown>
    delete signer.privateKeyEnv
    Object.assign(signer, { keystoreFile: 'key.json', passwordEnv: 'PASSWORD' })
    await writeFile(file, stringify(config))
    const loaded = await loadWatcherConfig({ file, env: { PASSWORD: password } })
    expect(loaded.signer.address).toBe(privateKeyToAddress(key))
  })

  it('behavior: the relayminer header names keystoreFile, and the switched config passes its schema', async () => {
    const model = { path: join(root, 'm.gguf'), sha256: 'ab'.repeat(32) }
    const file = await writeRelayMinerConfig({ paths, index: 0, port: 8081, model, ...common })
    const { header, config } = await readConfig(file)
    expect(header).toContain('DECAI_DEVNET_OPERATOR_KEY')
    expect(header).toContain(
      "replace the key entry's privateKeyEnv with keystoreFile: <file> and passwordEnv: <VAR>",
    )
    config.keys = [{ name: 'operator', keystoreFile: 'key.json', passwordEnv: 'PASSWORD' }]
    expect(relayMinerConfigSchema.safeParse(config).success).toBe(true)
  })
})
