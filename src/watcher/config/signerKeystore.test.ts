import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encryptKeystore } from '../../chain/keystore/encryptKeystore.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { loadWatcherConfig, parseWatcherConfig } from './loadWatcherConfig.ts'

// A watcher key made by `decai keys create` is a version-3 keystore: the watcher runs on it directly.
const watcherKey = `0x${'5a'.repeat(32)}` as const
const password = 'watcher password'
const withSigner = (signer: string) => `
signer:
${signer}
  application: "0x${'Ab'.repeat(20)}"
chain:
  rpcUrl: http://127.0.0.1:8545
  manifestFile: deployment.json
services:
  tiny-chat:
    referenceModel: models/tiny.gguf
`
const keystoreSigner = withSigner('  keystoreFile: watcher-key.json\n  passwordEnv: WATCHER_PASSWORD')

describe('watcher signer from a keystore', () => {
  let dir: string
  let file: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'decai-watcher-keystore-'))
    file = join(dir, 'watcher.yaml')
    await writeFile(file, keystoreSigner)
    const keystore = encryptKeystore(watcherKey, password, { n: 1024, r: 8, p: 1 })
    await writeFile(join(dir, 'watcher-key.json'), JSON.stringify(keystore))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('behavior: the keystore next to the config decrypts to the signing key and its address', async () => {
    const config = await loadWatcherConfig({ file, env: { WATCHER_PASSWORD: password } })
    expect(config.signer.privateKey).toBe(watcherKey)
    expect(config.signer.address).toBe(privateKeyToAddress(watcherKey))
  })

  it('error: a wrong or missing password is WATCHER_INVALID_CONFIG, never echoing the password', async () => {
    const wrong = 'guessed password'
    const error = await loadWatcherConfig({ file, env: { WATCHER_PASSWORD: wrong } }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'WATCHER_INVALID_CONFIG',
      cause: { code: 'RELAYMINER_KEYSTORE_DECRYPT_FAILED' },
    })
    expect(inspect(error, { depth: 10 })).not.toContain(wrong)
    await expect(loadWatcherConfig({ file, env: {} })).rejects.toMatchObject({
      code: 'WATCHER_INVALID_CONFIG',
    })
  })

  it.each([
    ['neither key source', withSigner('  passwordEnv: WATCHER_PASSWORD')],
    ['both key sources', withSigner('  privateKeyEnv: K\n  keystoreFile: k.json\n  passwordEnv: P')],
    ['a keystore without its password variable', withSigner('  keystoreFile: k.json')],
  ])('invalid: %s', (_name, text) => {
    expect(() => parseWatcherConfig(text)).toThrow(
      expect.objectContaining({ code: 'WATCHER_INVALID_CONFIG' }),
    )
  })
})
