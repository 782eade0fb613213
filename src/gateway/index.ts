/**
 * @module gateway
 *
 * The gateway: an OpenAI-compatible HTTP API in front of decai's suppliers. It holds API keys with
 * per-key limits, budgets and a usage ledger; maps each model to its on-chain service; signs relays for
 * its applications (delegated mode: with its own key, for applications that delegated to it on-chain;
 * centralized mode: with the applications' keys); picks suppliers from the current session by score
 * (latency, TTFT, TPOT, error classes, integrity failures, watcher verdicts) under a per-owner cap;
 * retries and hedges before the first byte; resumes a stream that breaks mid-way on another supplier
 * under the same id; and verifies every supplier signature, payload hash and usage claim. It talks to
 * suppliers only over their HTTP relay API and to the ledger through the ports in `ports.ts`.
 * See docs/gateway.md.
 */
export { createChainServiceCatalog } from './chain/createChainServiceCatalog.ts'
export { createChainSessionSource } from './chain/createChainSessionSource.ts'
export { createSupplierDirectory, type SupplierDirectory } from './chain/createSupplierDirectory.ts'
export {
  type GatewayFileConfig,
  type GatewayFileConfigInput,
  gatewayConfigSchema,
} from './config/configSchema.ts'
export {
  type GatewayApplication,
  type GatewayConfig,
  loadGatewayConfig,
  parseGatewayConfig,
  type RoutingConfig,
} from './config/loadGatewayConfig.ts'
export { type CreateGatewayParameters, createGateway, type Gateway } from './createGateway.ts'
export * from './errors.ts'
export { type ApiKeyRecord, type KeyStore, type KeyUsage, openKeyStore } from './keys/openKeyStore.ts'
export type {
  GatewayLedgerInfo,
  GatewaySession,
  ServiceCatalog,
  ServiceInfo,
  SessionSource,
  SessionSupplier,
  SseEvent,
  SupplierReply,
  SupplierTransport,
  VerdictSource,
  WatcherVerdict,
} from './ports.ts'
export { createHttpSupplierTransport } from './transport/createHttpSupplierTransport.ts'
export { relayUrlOf } from './transport/relayUrlOf.ts'
