import type { Hex } from '../protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../protocol/signature/privateKeyToAddress.ts'
import type { RelayDomain } from '../protocol/signature/typedData.ts'
import { createDecaiFetch } from './createDecaiFetch.ts'
import { SdkInvalidOptionsError } from './errors.ts'
import type { ApplicationSessions, SdkService, SdkSession } from './ports.ts'
import { type SdkJsonAnswer, type SdkStreamAnswer, sendRelay } from './relay/sendRelay.ts'
import { applicationKeyBytes } from './relay/signRelay.ts'

export type CreateDecaiClientParameters = {
  /** The application's private key: it signs its own relays (no gateway sees them). */
  applicationKey: Hex
  /** The ledger reads (e.g. `createChainApplicationSessions(ledger)`). */
  sessions: ApplicationSessions
  /** The service to use; default: the one the application is staked for. */
  serviceId?: string
  /** How suppliers are reached (default: global `fetch`). */
  fetch?: typeof fetch
  /** Suppliers tried before giving up (default 3). */
  maxAttempts?: number
  /** Limit per attempt, first byte included (default 120 000 ms). */
  timeoutMs?: number
  /** Output-token bound signed when a request names none (default 512). */
  defaultMaxOutputTokens?: number
  /** Upper bound on the signed input-token bound (default 8 192). */
  maxInputTokens?: number
}

/** One OpenAI-style call, relayed directly. */
export type DecaiRequest = {
  path: '/v1/chat/completions' | '/v1/completions' | '/v1/embeddings'
  body: Record<string, unknown>
  signal?: AbortSignal
}

/** Direct application access to decai suppliers. */
export type DecaiClient = {
  application: Hex
  /** The service in use (read from the chain on first use when not given). */
  getService(): Promise<SdkService>
  /** The application's current session and its suppliers. */
  getSession(): Promise<SdkSession>
  /** Relays a request; a stream resolves once its first chunk arrived. */
  relay(request: DecaiRequest): Promise<SdkJsonAnswer | SdkStreamAnswer>
  /** Non-streaming chat completion (the OpenAI body). */
  chatCompletion(
    body: Record<string, unknown>,
    options?: { signal?: AbortSignal },
  ): Promise<Record<string, unknown>>
  /** Streaming chat completion: chunks as they come; throws at the end if the signed trailer fails. */
  streamChatCompletion(
    body: Record<string, unknown>,
    options?: { signal?: AbortSignal },
  ): AsyncGenerator<Record<string, unknown>>
  /** A `fetch` the official `openai` SDK accepts: `new OpenAI({ apiKey: 'unused', baseURL: 'http://decai/v1', fetch: client.fetch })`. */
  fetch: typeof fetch
}

/**
 * Creates a client that uses decai without a gateway (the litepaper's privacy and sovereignty path):
 * it looks up the application's current session on the ledger, picks a supplier, signs each relay
 * with the application's own key, verifies every signed response (signer, request hash, payload hash,
 * usage) and streams. Prompts go only to the chosen supplier.
 *
 * @param parameters - application key, ledger reads, service, transport and limits
 * @returns the client
 * @throws {SdkInvalidOptionsError} a bad key or limit
 * @example
 * const decai = createDecaiClient({ applicationKey, sessions: createChainApplicationSessions(ledger) })
 * const openai = new OpenAI({ apiKey: 'unused', baseURL: 'http://decai.local/v1', fetch: decai.fetch })
 */
export function createDecaiClient(parameters: CreateDecaiClientParameters): DecaiClient {
  const key = validKey(parameters.applicationKey)
  const application = privateKeyToAddress(parameters.applicationKey)
  const maxInputTokens = parameters.maxInputTokens ?? 8_192
  const defaultMaxOutputTokens = parameters.defaultMaxOutputTokens ?? 512
  let service: Promise<SdkService> | undefined
  let domain: Promise<RelayDomain> | undefined
  const failures = new Map<Hex, number>()
  const getService = () => {
    service ??= parameters.serviceId
      ? Promise.resolve({
          serviceId: parameters.serviceId,
          champion: '0x' as Hex,
          modelSha256: '0x' as Hex,
          modelUris: [],
        })
      : parameters.sessions.getApplicationService(application)
    service.catch(() => {
      service = undefined
    })
    return service
  }
  const getSession = async () =>
    parameters.sessions.getCurrentSession({ application, serviceId: (await getService()).serviceId })
  const relay = async ({ path, body, signal }: DecaiRequest) => {
    domain ??= parameters.sessions.getDomain()
    const [session, relayDomain] = await Promise.all([getSession(), domain])
    const isStream = path !== '/v1/embeddings' && body.stream === true
    const streamOptions = (body.stream_options ?? {}) as Record<string, unknown>
    const payloadBody = isStream
      ? { ...body, stream_options: { ...streamOptions, include_usage: true } }
      : body
    const requested = (body.max_completion_tokens ?? body.max_tokens) as number | undefined
    const bodyBytes = Buffer.byteLength(JSON.stringify(body))
    return sendRelay(
      {
        domain: relayDomain,
        key,
        fetch: parameters.fetch ?? fetch,
        maxAttempts: parameters.maxAttempts ?? 3,
        timeoutMs: parameters.timeoutMs ?? 120_000,
        failures,
      },
      {
        session,
        payload: { method: 'POST', path, body: payloadBody },
        maxInputTokens: Math.min(maxInputTokens, bodyBytes + 64),
        maxOutputTokens: path === '/v1/embeddings' ? 0 : (requested ?? defaultMaxOutputTokens),
        isStream,
        shouldForwardUsage: streamOptions.include_usage === true,
        signal,
      },
    )
  }
  const client: DecaiClient = {
    application,
    getService,
    getSession,
    relay,
    async chatCompletion(body, options = {}) {
      const answer = await relay({
        path: '/v1/chat/completions',
        body: { ...body, stream: false },
        signal: options.signal,
      })
      return (answer as SdkJsonAnswer).body as Record<string, unknown>
    },
    async *streamChatCompletion(body, options = {}) {
      const answer = await relay({
        path: '/v1/chat/completions',
        body: { ...body, stream: true },
        signal: options.signal,
      })
      yield* (answer as SdkStreamAnswer).chunks
    },
    fetch: undefined as unknown as typeof fetch,
  }
  client.fetch = createDecaiFetch(client)
  return client
}

function validKey(key: Hex): Uint8Array {
  try {
    return applicationKeyBytes(key)
  } catch {
    throw new SdkInvalidOptionsError({
      option: 'applicationKey',
      reason: 'not a 32-byte secp256k1 private key',
    })
  }
}
