import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { devnetRoleKey } from '../context/signerOptions.ts'
import { acquireDevnetLock } from './acquireDevnetLock.ts'
import { loadOrCreateDevnetKeys } from './devnetKeys.ts'

const dir = await mkdtemp(join(tmpdir(), 'decai-devnet-keys-'))
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('devnet keys', () => {
  it('behavior: created once, then read back identical; more suppliers extend the file', async () => {
    const file = join(dir, 'keys.json')
    const first = await loadOrCreateDevnetKeys({ file, supplierCount: 2 })
    expect(first.isNew).toBe(true)
    const again = await loadOrCreateDevnetKeys({ file, supplierCount: 3 })
    expect(again.isNew).toBe(false)
    expect(again.keys.suppliers.slice(0, 2)).toEqual(first.keys.suppliers)
    expect(again.keys.suppliers).toHaveLength(3)
    expect(JSON.parse(await readFile(file, 'utf8')).warning).toMatch(/^DEV ONLY/)
    expect(devnetRoleKey(again.keys, 'supplier-3-operator')).toBe(
      again.keys.suppliers[2]!.operator.privateKey,
    )
    expect(devnetRoleKey(again.keys, 'champion')).toBe(again.keys.champion.privateKey)
    expect(devnetRoleKey(again.keys, 'supplier-9')).toBeUndefined()
  })

  it('error: a file that is not a devnet key file', async () => {
    const file = join(dir, 'other.json')
    await writeFile(file, '{"keys":[]}')
    await expect(loadOrCreateDevnetKeys({ file, supplierCount: 1 })).rejects.toMatchObject({
      code: 'CLI_DEVNET_FAILED',
    })
  })
})

describe('devnet lock', () => {
  it('behavior: one holder at a time; a stale lock is taken over', async () => {
    const file = join(dir, 'devnet.lock')
    await writeFile(file, '999999999\n')
    const release = acquireDevnetLock(file)
    expect(await readFile(file, 'utf8')).toBe(`${process.pid}\n`)
    release()
    // A live process other than this one holds it: the parent of this test process.
    await writeFile(file, `${process.ppid}\n`)
    expect(() => acquireDevnetLock(file)).toThrowError(expect.objectContaining({ code: 'CLI_DEVNET_LOCKED' }))
  })
})
