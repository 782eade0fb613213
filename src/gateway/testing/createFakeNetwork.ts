import { anvilDevPrivateKeys } from '../../chain/localChain/devAccounts.ts'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import { privateKeyToAddress } from '../../protocol/signature/privateKeyToAddress.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import { type GatewayConfig, parseGatewayConfig } from '../config/loadGatewayConfig.ts'
import type {
  GatewayLedgerInfo,
  GatewaySession,
  ServiceCatalog,
  SessionSource,
  SupplierTransport,
} from '../ports.ts'
import { createFakeSupplier, type FakeSupplier, type FakeSupplierBehavior } from './createFakeSupplier.ts'

/** An in-memory network for gateway tests: a ledger view, fake suppliers and a transport to them. */
export type FakeNetwork = {
  domain: RelayDomain
  ledgerInfo: GatewayLedgerInfo
  serviceId: string
  application: Hex
  gatewayKey: Hex
  suppliers: FakeSupplier[]
  sessionSource: SessionSource & { setHeight(height: bigint): void; readonly sessionReads: number }
  transport: SupplierTransport & { readonly calls: number }
  catalog: ServiceCatalog
  /** A delegated-mode config for this network (YAML overrides merged in). */
  config(overrides?: string): GatewayConfig
}

/**
 * Builds the fake network: `suppliers` fake suppliers (each its own owner unless `owners` groups them),
 * one application delegated to the gateway, sessions of 10 blocks with a grace period of 2.
 *
 * @param options - supplier count, behaviors, owners, starting height
 * @returns the network
 * @example
 * const net = createFakeNetwork({ suppliers: 3 })
 * const gateway = await createGateway({ config: net.config(), sessionSource: net.sessionSource, catalog: net.catalog, transport: net.transport, logger })
 */
export function createFakeNetwork(
  options: {
    suppliers?: number
    behaviors?: FakeSupplierBehavior[]
    owners?: Hex[]
    height?: bigint
    /** Blocks each supplier's view of the chain lags behind (enables session checks at the suppliers). */
    supplierLags?: number[]
    /** Real endpoints (e.g. from `serveFakeSupplier`) instead of in-process `fake://` ones. */
    endpoints?: string[]
    /** Keep every relay the fake suppliers receive (default true; benchmarks turn it off). */
    shouldRecord?: boolean
  } = {},
): FakeNetwork {
  const domain: RelayDomain = { chainId: 31337, verifyingContract: `0x${'ab'.repeat(20)}` }
  const ledgerInfo: GatewayLedgerInfo = { domain, numBlocksPerSession: 10n, genesisHeight: 1n }
  const serviceId = 'llama-tiny'
  const gatewayKey = anvilDevPrivateKeys[1] as Hex
  const application = privateKeyToAddress(anvilDevPrivateKeys[2] as Hex)
  let height = options.height ?? 25n
  const suppliers = Array.from({ length: options.suppliers ?? 3 }, (_, i) => {
    const lag = options.supplierLags?.[i]
    return createFakeSupplier({
      operatorKey: anvilDevPrivateKeys[3 + i] as Hex,
      domain,
      behavior: options.behaviors?.[i] ?? {},
      shouldRecord: options.shouldRecord ?? true,
      ...(lag === undefined ? {} : { heightView: () => height - BigInt(lag) }),
    })
  })
  let sessionReads = 0
  let calls = 0
  const sessionSource = {
    getLedgerInfo: async () => ledgerInfo,
    getBlockNumber: async () => height,
    async getSession({
      application: app,
      sessionNumber,
    }: {
      application: Hex
      sessionNumber: bigint
    }): Promise<GatewaySession> {
      sessionReads++
      const start = ledgerInfo.genesisHeight + (sessionNumber - 1n) * ledgerInfo.numBlocksPerSession
      if (start > height) throw new Error('session not started')
      const end = start + ledgerInfo.numBlocksPerSession - 1n
      return {
        header: {
          application: app,
          serviceId,
          sessionId: `0x${sessionNumber.toString(16).padStart(64, '0')}`,
          sessionStartHeight: start,
          sessionEndHeight: end,
        },
        sessionNumber,
        graceEndHeight: end + 2n,
        suppliers: suppliers.map((supplier, i) => ({
          operator: supplier.operator,
          endpoint: options.endpoints?.[i] ?? `fake://supplier-${i}`,
          owner: options.owners?.[i] ?? supplier.operator,
        })),
        pricing: { cuPerRequest: 100n, cuPerInputToken: 1n, cuPerOutputToken: 3n },
        cuToToken: { numerator: 1n, denominator: 10n },
        isApplicationActive: true,
        isSignerAuthorized: true,
      }
    },
    setHeight(next: bigint) {
      height = next
    },
    get sessionReads() {
      return sessionReads
    },
  }
  const transport = {
    async send(endpoint: string, envelope: unknown, { signal }: { signal: AbortSignal }) {
      calls++
      const index = Number(endpoint.split('-').pop())
      const supplier = suppliers[index]
      if (!supplier) throw new TypeError('fetch failed')
      return supplier.handle(envelope, signal)
    },
    get calls() {
      return calls
    },
  }
  const catalog: ServiceCatalog = {
    getService: async (id) =>
      id === serviceId
        ? {
            serviceId,
            owner: `0x${'cc'.repeat(20)}`,
            modelSha256: `0x${'dd'.repeat(32)}`,
            modelUris: ['ipfs://fake'],
            license: 'Apache-2.0',
            pricing: { cuPerRequest: 100n, cuPerInputToken: 1n, cuPerOutputToken: 3n },
          }
        : undefined,
  }
  const config = (overrides = '') =>
    parseGatewayConfig({
      text: [
        'mode: delegated',
        'gatewayKeyEnv: GATEWAY_KEY',
        `applications: [{ address: "${application}", serviceId: ${serviceId} }]`,
        'models: { gpt-4o-mini: llama-tiny }',
        'chain: { rpcUrl: "http://127.0.0.1:8545", manifestFile: deployment.json }',
        'store: { dir: ./gateway-data }',
        overrides,
      ].join('\n'),
      baseDir: '/tmp',
      env: { GATEWAY_KEY: gatewayKey },
    })
  return {
    domain,
    ledgerInfo,
    serviceId,
    application,
    gatewayKey,
    suppliers,
    sessionSource,
    transport,
    catalog,
    config,
  }
}
