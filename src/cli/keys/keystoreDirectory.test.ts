import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import {
  lightScryptParams,
  listKeystoreEntries,
  readKeystoreEntry,
  writeKeystoreEntry,
} from './keystoreDirectory.ts'

const dir = await mkdtemp(join(tmpdir(), 'decai-keystore-'))
afterAll(() => rm(dir, { recursive: true, force: true }))
const privateKey = `0x${'11'.repeat(32)}` as const

describe('keystore directory', () => {
  it('behavior: a key written encrypted is listed and decrypts with its password', async () => {
    const entry = await writeKeystoreEntry({
      dir,
      name: 'champion',
      privateKey,
      password: 'pw',
      scryptParams: lightScryptParams,
    })
    expect(entry.address).toBe(privateKeyToAddress(privateKey))
    expect((await stat(entry.path)).mode & 0o777).toBe(0o600)
    expect(await listKeystoreEntries(dir)).toEqual([entry])
    expect(await readKeystoreEntry({ dir, name: 'champion', password: 'pw' })).toBe(privateKey)
  })

  it('error: a wrong password, an existing name, an unknown name, a bad name', async () => {
    await expect(readKeystoreEntry({ dir, name: 'champion', password: 'wrong' })).rejects.toMatchObject({
      code: 'RELAYMINER_KEYSTORE_DECRYPT_FAILED',
    })
    await expect(
      writeKeystoreEntry({ dir, name: 'champion', privateKey, password: 'x' }),
    ).rejects.toMatchObject({
      code: 'CLI_KEY_EXISTS',
    })
    await expect(readKeystoreEntry({ dir, name: 'nobody', password: 'pw' })).rejects.toMatchObject({
      code: 'CLI_KEY_NOT_FOUND',
    })
    await expect(
      writeKeystoreEntry({ dir, name: '../evil', privateKey, password: 'x' }),
    ).rejects.toMatchObject({
      code: 'CLI_INVALID_ARGUMENT',
    })
  })

  it('behavior: a missing directory lists nothing', async () => {
    expect(await listKeystoreEntries(join(dir, 'missing'))).toEqual([])
  })
})
