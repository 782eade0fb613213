/**
 * What the SDK reads from the ledger, as a port so tests (and other chains' adapters) can supply it.
 * `session/createChainApplicationSessions.ts` implements it with `src/chain`.
 */
import type { Hex } from '../protocol/bytes/bytes.ts'
import type { SessionHeader } from '../protocol/relay/types.ts'
import type { RelayDomain } from '../protocol/signature/typedData.ts'

/** A supplier of the application's current session. */
export type SdkSupplier = { operator: Hex; endpoint: string }

/** The application's current session as the SDK uses it. */
export type SdkSession = {
  header: SessionHeader
  sessionNumber: bigint
  suppliers: readonly SdkSupplier[]
}

/** The service as `/v1/models` reports it. */
export type SdkService = { serviceId: string; champion: Hex; modelSha256: Hex; modelUris: readonly string[] }

/** Reads of the ledger the SDK needs. */
export interface ApplicationSessions {
  /** The EIP-712 domain relays are signed under. */
  getDomain(): Promise<RelayDomain>
  /** The current session of (application, service), with its suppliers. */
  getCurrentSession(parameters: { application: Hex; serviceId: string }): Promise<SdkSession>
  /** The service the application is staked for. */
  getApplicationService(application: Hex): Promise<SdkService>
}
