import { describe, expect, it } from 'vitest'
import { createNonceManager } from './createNonceManager.ts'

const alice = '0x00000000000000000000000000000000000a11ce' as const
const bob = '0x0000000000000000000000000000000000000b0b' as const

describe('createNonceManager', () => {
  it('behavior: concurrent sends get consecutive nonces and read the chain once', async () => {
    let reads = 0
    const nonces = createNonceManager({
      getPendingNonce: async () => {
        reads++
        return 7
      },
    })
    const got = await Promise.all([1, 2, 3].map(() => nonces.withNonce(alice, async (nonce) => nonce)))
    expect(got).toEqual([7, 8, 9])
    expect(reads).toBe(1)
  })

  it('behavior: addresses have independent sequences', async () => {
    const nonces = createNonceManager({ getPendingNonce: async (a) => (a === alice ? 0 : 100) })
    const got = await Promise.all(
      ([alice, bob, alice] as const).map((a) => nonces.withNonce(a, async (n) => n)),
    )
    expect(got).toEqual([0, 100, 1])
  })

  it('error: a failed send re-reads the nonce and the queue keeps going', async () => {
    let chainNonce = 3
    const nonces = createNonceManager({ getPendingNonce: async () => chainNonce })
    const failed = nonces.withNonce(alice, async () => {
      throw new Error('rejected')
    })
    const after = nonces.withNonce(alice, async (nonce) => nonce)
    await expect(failed).rejects.toThrow('rejected')
    expect(await after).toBe(3)
    chainNonce = 10
    nonces.reset(alice)
    expect(await nonces.withNonce(alice, async (nonce) => nonce)).toBe(10)
  })
})
