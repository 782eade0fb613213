/**
 * @module sdk
 *
 * Direct application access to decai, without a gateway: the application signs its own relays with its
 * own key, so prompts and completions pass only between it and the supplier it picks (the litepaper's
 * privacy and sovereignty path). The SDK looks up the application's current session on the ledger,
 * chooses among its suppliers, signs, verifies every signed response (signer, request hash, payload
 * hash, usage) and streams. It exposes a small typed API and a `fetch` the official `openai` SDK
 * accepts. See docs/sdk.md.
 */
export {
  type CreateDecaiClientParameters,
  createDecaiClient,
  type DecaiClient,
  type DecaiRequest,
} from './createDecaiClient.ts'
export { createDecaiFetch } from './createDecaiFetch.ts'
export * from './errors.ts'
export type { ApplicationSessions, SdkService, SdkSession, SdkSupplier } from './ports.ts'
export type { SdkJsonAnswer, SdkStreamAnswer } from './relay/sendRelay.ts'
export { createChainApplicationSessions } from './session/createChainApplicationSessions.ts'
