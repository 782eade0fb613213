import { anvilDevPrivateKeys } from '../../chain/localChain/devAccounts.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { baseTarget } from '../../protocol/difficulty/baseTarget.ts'
import { hashRequestPayload } from '../../protocol/relay/hashRequestPayload.ts'
import type { RelayRequest, SessionHeader } from '../../protocol/relay/types.ts'
import type { SessionParams } from '../../protocol/session/SessionParams.ts'
import { sessionParamsPresets } from '../../protocol/session/sessionParamsPresets.ts'
import { devnetEconomics } from '../../protocol/settlement/devnetEconomics.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import { signRelayRequest } from '../../protocol/signature/signRelayRequest.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import { Secret } from '../config/secret.ts'
import { relayRequestToJson } from '../relay/parseRelayEnvelope.ts'
import { createMemoryLedger, type MemoryLedger } from './createMemoryLedger.ts'

/** A small network on a memory ledger: one service, one supplier, an application and its gateway. */
export type TestNetwork = {
  domain: RelayDomain
  ledger: MemoryLedger
  serviceId: string
  keys: { application: Hex; gateway: Hex; supplier: Hex; stranger: Hex }
  addresses: { application: Hex; gateway: Hex; supplier: Hex; stranger: Hex }
  supplier: { operatorAddress: Hex; privateKey: Secret<Hex>; serviceIds: string[] }
  /** The current session header of the application (as the chain computes it). */
  currentHeader(): Promise<SessionHeader>
  /** A signed relay envelope (JSON-ready) for a chat body. */
  envelope(
    options?: EnvelopeOptions,
  ): Promise<{ json: Record<string, unknown>; request: RelayRequest; requestSignature: Hex }>
}

/** What to vary in a test relay. */
export type EnvelopeOptions = {
  body?: unknown
  path?: string
  signerKey?: Hex
  maxInputTokens?: number
  maxOutputTokens?: number
  nonce?: bigint
  header?: Partial<SessionHeader>
  /** Sign this payload hash instead of the payload's. */
  payloadHash?: Hex
}

let nonceCounter = 0n

/**
 * Builds the test network. Keys are anvil's public dev keys; every relay is mined unless a harder
 * `difficultyTarget` is given.
 *
 * @param options - session params, target, application stake
 * @returns the network and a relay signer
 * @example
 * const net = createTestNetwork()
 * const { json } = await net.envelope({ body: { messages: [{ role: 'user', content: 'hi' }] } })
 */
export function createTestNetwork(
  options: {
    sessionParams?: SessionParams
    difficultyTarget?: bigint
    appStake?: bigint
    startHeight?: bigint
  } = {},
): TestNetwork {
  const keys = {
    application: anvilDevPrivateKeys[1],
    gateway: anvilDevPrivateKeys[2],
    supplier: anvilDevPrivateKeys[3],
    stranger: anvilDevPrivateKeys[4],
  }
  const addresses = {
    application: privateKeyToAddress(keys.application),
    gateway: privateKeyToAddress(keys.gateway),
    supplier: privateKeyToAddress(keys.supplier),
    stranger: privateKeyToAddress(keys.stranger),
  }
  const domain: RelayDomain = {
    chainId: 31337,
    verifyingContract: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
  }
  const serviceId = 'llama-tiny'
  const sessionParams = options.sessionParams ?? sessionParamsPresets.devnet
  const ledger = createMemoryLedger({
    domain,
    sessionParams,
    startHeight: options.startHeight ?? sessionParams.genesisHeight + 1n,
    services: [
      {
        id: serviceId,
        pricing: devnetEconomics.pricing,
        difficultyTarget: options.difficultyTarget ?? baseTarget,
        cuToToken: devnetEconomics.cuToToken,
        suppliers: [addresses.supplier],
      },
    ],
    applications: [
      {
        address: addresses.application,
        serviceId,
        stake: options.appStake ?? 10n ** 15n,
        delegatedGateways: [addresses.gateway],
      },
    ],
    proofRequestProbability: { numerator: 1n, denominator: 1n },
  })
  const currentHeader = async () => {
    const sessionNumber =
      1n + (ledger.height - sessionParams.genesisHeight) / sessionParams.numBlocksPerSession
    const session = await ledger.getSession({
      application: addresses.application,
      serviceId,
      sessionNumber,
      supplier: addresses.supplier,
    })
    return session.header
  }
  return {
    domain,
    ledger,
    serviceId,
    keys,
    addresses,
    supplier: {
      operatorAddress: addresses.supplier,
      privateKey: new Secret(keys.supplier),
      serviceIds: [serviceId],
    },
    currentHeader,
    async envelope(envelopeOptions = {}) {
      const payload = {
        method: 'POST',
        path: envelopeOptions.path ?? '/v1/chat/completions',
        body: envelopeOptions.body ?? { messages: [{ role: 'user', content: 'Hello' }], temperature: 0 },
      }
      const request: RelayRequest = {
        session: { ...(await currentHeader()), ...envelopeOptions.header },
        supplier: addresses.supplier,
        payloadHash: envelopeOptions.payloadHash ?? hashRequestPayload(payload),
        maxInputTokens: envelopeOptions.maxInputTokens ?? 512,
        maxOutputTokens: envelopeOptions.maxOutputTokens ?? 16,
        nonce: envelopeOptions.nonce ?? ++nonceCounter,
      }
      const requestSignature = signRelayRequest(envelopeOptions.signerKey ?? keys.gateway, domain, request)
      return {
        json: { request: relayRequestToJson(request), requestSignature, payload },
        request,
        requestSignature,
      }
    },
  }
}
