import { type Logger, pino } from 'pino'
import {
  type Chain,
  createPublicClient,
  type Hex,
  http,
  type LocalAccount,
  type PublicClient,
  type Transport,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { createNonceManager, type NonceManager } from './createNonceManager.ts'
import { createRetryingFetch } from './createRetryingFetch.ts'

export type CreateDecaiClientsParameters = {
  rpcUrl: string
  /** Who signs writes: a 32-byte private key or a viem local account. Omit for a read-only client. */
  account?: Hex | LocalAccount | undefined
  /** A viem chain definition; optional, the chain id is then read from the node once. */
  chain?: Chain | undefined
  logger?: Logger | undefined
  /** Treat as a dev chain: no caching, fast polling. Default: a loopback URL or chain id 31337/1337. */
  isDevChain?: boolean | undefined
  /** How often to poll for receipts and new blocks. Default 100 ms on dev chains, 2 000 ms otherwise. */
  pollingIntervalMs?: number | undefined
  /** Transport retries on transient failures (refused, reset, 429, 5xx). Default 5. */
  retryCount?: number | undefined
  /** First retry backoff, doubled each time. Default 100 ms. */
  retryDelayMs?: number | undefined
  /** Per-request limit including retries. Default 10 000 ms. */
  requestTimeoutMs?: number | undefined
  /** How long writes wait for their receipt. Default 60 000 ms. */
  receiptTimeoutMs?: number | undefined
}

export type DecaiClients = {
  rpcUrl: string
  publicClient: PublicClient<Transport, Chain | undefined>
  account: LocalAccount | undefined
  isDevChain: boolean
  pollingIntervalMs: number
  receiptTimeoutMs: number
  nonceManager: NonceManager
  logger: Logger
  /** The node's chain id, read once and cached. */
  getChainId: () => Promise<number>
}

const devChainIds = new Set([31337, 1337])

/**
 * Creates the clients every chain action takes: a viem public client over a retrying, batching HTTP
 * transport, the signing account, and a nonce manager for concurrent writes from that account.
 *
 * Why these settings: requests issued in the same tick go out as one JSON-RPC batch (anvil has no
 * multicall contract, and a batch needs none); dev chains get `cacheTime: 0` because viem otherwise serves a
 * block number up to 4 s stale, which breaks session arithmetic right after `evm_mine`.
 *
 * @param parameters RPC URL, optional account, chain, logger and timing knobs
 * @returns the {@link DecaiClients} bundle
 * @example
 * const clients = createDecaiClients({ rpcUrl: chain.rpcUrl, account: anvilDevPrivateKeys[0] })
 */
export function createDecaiClients(parameters: CreateDecaiClientsParameters): DecaiClients {
  const { rpcUrl, chain } = parameters
  const logger = (parameters.logger ?? pino({ level: 'silent' })).child({ component: 'chain' })
  const isDevChain = parameters.isDevChain ?? (isLoopback(rpcUrl) || devChainIds.has(chain?.id ?? -1))
  const pollingIntervalMs = parameters.pollingIntervalMs ?? (isDevChain ? 100 : 2_000)
  const fetchFn = createRetryingFetch({
    retryCount: parameters.retryCount,
    retryDelayMs: parameters.retryDelayMs,
    logger,
  })
  const transport = http(rpcUrl, {
    batch: { wait: 0 },
    fetchFn,
    // Retries happen in fetchFn, for transport failures only (see createRetryingFetch).
    retryCount: 0,
    timeout: parameters.requestTimeoutMs ?? 10_000,
  })
  const publicClient = createPublicClient({
    chain,
    transport,
    pollingInterval: pollingIntervalMs,
    ...(isDevChain ? { cacheTime: 0 } : {}),
  }) as PublicClient<Transport, Chain | undefined>
  const account =
    typeof parameters.account === 'string' ? privateKeyToAccount(parameters.account) : parameters.account
  let chainId: Promise<number> | undefined = chain ? Promise.resolve(chain.id) : undefined
  const getChainId = () => {
    chainId ??= publicClient.getChainId().catch((error: unknown) => {
      chainId = undefined
      throw error
    })
    return chainId
  }
  const nonceManager = createNonceManager({
    getPendingNonce: (address) => publicClient.getTransactionCount({ address, blockTag: 'pending' }),
  })
  const receiptTimeoutMs = parameters.receiptTimeoutMs ?? 60_000
  return {
    rpcUrl,
    publicClient,
    account,
    isDevChain,
    pollingIntervalMs,
    receiptTimeoutMs,
    nonceManager,
    logger,
    getChainId,
  }
}

function isLoopback(rpcUrl: string): boolean {
  const host = new URL(rpcUrl).hostname
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.')
}
