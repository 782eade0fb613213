import type { Address } from 'viem'

export type CreateNonceManagerParameters = {
  /** Reads the account's next nonce from the chain, counting pending transactions. */
  getPendingNonce: (address: Address) => Promise<number>
}

export type NonceManager = {
  /**
   * Runs `send` with the next nonce of `address`, one call at a time per address, and advances the nonce
   * only when `send` resolves. When it rejects, the next call re-reads the nonce from the chain.
   */
  withNonce: <T>(address: Address, send: (nonce: number) => Promise<T>) => Promise<T>
  /** Forgets the cached nonce of `address` (e.g. after transactions sent by another process). */
  reset: (address: Address) => void
}

/**
 * Creates a nonce manager for concurrent writes from one key.
 *
 * Why: `eth_getTransactionCount(pending)` races when two writes start together — both read the same
 * nonce and one is rejected. Only signing and sending are serialised (one round-trip each); gas estimation
 * and receipt waits stay concurrent. A failed send leaves no gap because the nonce is re-read.
 *
 * @returns `{ withNonce, reset }`
 * @example
 * const nonces = createNonceManager({ getPendingNonce: (a) => client.getTransactionCount({ address: a, blockTag: 'pending' }) })
 * const hash = await nonces.withNonce(account.address, (nonce) => signAndSend({ nonce }))
 */
export function createNonceManager(parameters: CreateNonceManagerParameters): NonceManager {
  const next = new Map<string, number>()
  const tails = new Map<string, Promise<unknown>>()
  return {
    withNonce<T>(address: Address, send: (nonce: number) => Promise<T>): Promise<T> {
      const key = address.toLowerCase()
      const run = async () => {
        const nonce = next.get(key) ?? (await parameters.getPendingNonce(address))
        try {
          const result = await send(nonce)
          next.set(key, nonce + 1)
          return result
        } catch (error) {
          next.delete(key)
          throw error
        }
      }
      const result = (tails.get(key) ?? Promise.resolve()).then(run, run)
      const tail = result.catch(() => undefined)
      tails.set(key, tail)
      // Drop the chain once idle so that the map does not keep one settled promise per address forever.
      void tail.then(() => tails.get(key) === tail && tails.delete(key))
      return result
    },
    reset(address: Address) {
      next.delete(address.toLowerCase())
    },
  }
}
