import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hashApiKey, openKeyStore } from './openKeyStore.ts'

const freshDir = () => mkdtempSync(join(tmpdir(), 'decai-keys-'))

describe('openKeyStore', () => {
  it('default: a created key authenticates; only its sha256 is stored', async () => {
    const dir = freshDir()
    const store = openKeyStore({ dir })
    const { key, record } = await store.create({ name: 'ci', requestsPerMinute: 60, budgetBaseUnits: 1_000 })
    expect(key).toMatch(/^dk-[A-Za-z0-9_-]{43}$/)
    expect(record.keyHash).toBe(hashApiKey(key))
    expect(store.findByKey(key)?.id).toBe(record.id)
    expect(store.findByKey(`${key}x`)).toBeUndefined()
    await store.close()
    const bytes = readdirSync(dir)
      .map((name) => readFileSync(join(dir, name)).toString('latin1'))
      .join('')
    expect(bytes).not.toContain(key)
  })

  it('behavior: usage accumulates and survives a reopen', async () => {
    const dir = freshDir()
    const store = openKeyStore({ dir })
    const { record } = await store.create({ name: 'a' })
    store.addUsage(record.id, { requests: 1, inputTokens: 10, outputTokens: 5, costBaseUnits: 2.5 }, 1)
    store.addUsage(record.id, { requests: 1, inputTokens: 1, outputTokens: 2, costBaseUnits: 0.5 }, 2)
    expect(store.usage(record.id)).toEqual({
      requests: 2,
      inputTokens: 11,
      outputTokens: 7,
      costBaseUnits: 3,
      lastUsedAtMs: 2,
    })
    await store.close()
    const reopened = openKeyStore({ dir })
    expect(reopened.list()).toMatchObject([
      { record: { id: record.id }, usage: { requests: 2, outputTokens: 7 } },
    ])
    await reopened.close()
  })

  it('behavior: revoking keeps the record, marked revoked', async () => {
    const store = openKeyStore({ dir: freshDir(), nowMs: () => 42 })
    const { key, record } = await store.create({ name: 'a' })
    await store.revoke(record.id)
    expect(store.findByKey(key)?.revokedAtMs).toBe(42)
    await store.close()
  })

  it('behavior: a key revoked through another handle on the store (the CLI) is refused on its next lookup', async () => {
    const dir = freshDir()
    const gateway = openKeyStore({ dir })
    const cli = openKeyStore({ dir, nowMs: () => 7 })
    const { key, record } = await cli.create({ name: 'a' })
    expect(gateway.findByKey(key)?.revokedAtMs).toBeUndefined()
    expect(gateway.findByKey(key)?.revokedAtMs).toBeUndefined()
    await cli.revoke(record.id)
    // lmdb renews a handle's read snapshot on the next macrotask; a request always arrives on one.
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(gateway.findByKey(key)?.revokedAtMs).toBe(7)
    await cli.close()
    await gateway.close()
  })

  it('error: revoking an unknown id → GATEWAY_KEY_NOT_FOUND', async () => {
    const store = openKeyStore({ dir: freshDir() })
    await expect(store.revoke('key_nope')).rejects.toMatchObject({ code: 'GATEWAY_KEY_NOT_FOUND' })
    await store.close()
  })
})
