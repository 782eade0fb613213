/**
 * @module relayminer
 *
 * The supplier's sidecar (docs/relayminer.md): an HTTP endpoint for signed relays that validates them
 * against the chain, meters them against the application's off-chain budget, forwards them to an
 * inference backend (streaming without buffering), signs the response, mines it and makes mined relays
 * durable before acknowledging them; then, following the chain, claims, proves and settles each session's
 * relays and deletes what was paid. `runRelayMiner` runs it from a config file; `createRelayMiner` wires
 * it from parts (tests and benchmarks use the memory ledger and instant backend in `testing/`).
 */

export { decryptKeystore } from '../chain/keystore/decryptKeystore.ts'
export { encryptKeystore, type Keystore } from '../chain/keystore/encryptKeystore.ts'
export { createBackends } from './backend/createBackends.ts'
export type { RelayMinerFileConfig, RelayMinerFileConfigInput } from './config/configSchema.ts'
export { relayMinerConfigSchema } from './config/configSchema.ts'
export { exportConfigJsonSchema } from './config/exportConfigJsonSchema.ts'
export {
  type LoadConfigParameters,
  loadConfig,
  parseConfigText,
  type RelayMinerConfig,
} from './config/loadConfig.ts'
export { Secret } from './config/secret.ts'
export {
  type CreateRelayMinerParameters,
  createRelayMiner,
  type RelayMiner,
  type RelayMinerSupplier,
} from './createRelayMiner.ts'
export * from './errors.ts'
export { type CreateChainLedgerParameters, createChainLedger } from './ledger/createChainLedger.ts'
export type {
  ClaimKey,
  ClaimState,
  ClaimSubmission,
  GetSessionParameters,
  IsAuthorizedSignerParameters,
  Ledger,
  LedgerInfo,
  LedgerReader,
  LedgerWriter,
  OnchainSession,
  ProofSubmission,
} from './ports.ts'
export {
  parseRelayEnvelope,
  type RelayEnvelope,
  type RelayPayload,
  relayRequestToJson,
} from './relay/parseRelayEnvelope.ts'
export { RELAY_RESPONSE_EVENT } from './relay/streamRelay.ts'
export type { RelayErrorBody } from './relay/toErrorBody.ts'
export { type RunningRelayMiner, runRelayMiner } from './runRelayMiner.ts'
export { type HttpServerHandle, startHttpServer } from './server/startHttpServer.ts'
