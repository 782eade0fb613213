import type { Hex } from '../../protocol/bytes/bytes.ts'
import { hashRequestPayload } from '../../protocol/relay/hashRequestPayload.ts'
import type { RelayRequest, SessionHeader } from '../../protocol/relay/types.ts'
import { relayRequestDigestBytes } from '../../protocol/signature/hashRelayRequest.ts'
import { recoverDigestSignerBytes, signatureBytes } from '../../protocol/signature/recoverDigestSigner.ts'
import {
  ApplicationNotStakedError,
  ChainUnavailableError,
  InvalidRelayError,
  InvalidRelaySignatureError,
  PayloadHashMismatchError,
  SessionExpiredError,
  SessionMismatchError,
  SessionNotStartedError,
  SupplierNotInSessionError,
  UnauthorizedSignerError,
  UnknownSupplierError,
} from '../errors.ts'
import type { LedgerInfo, OnchainSession } from '../ports.ts'
import type { SessionCache } from '../session/createSessionCache.ts'
import type { RelayEnvelope } from './parseRelayEnvelope.ts'

/** What validation needs: who we are, the chain's view, and the current height. */
export type RelayVerifierContext = {
  ledgerInfo: LedgerInfo
  /** Operator address (lower case) → the services it serves here. */
  servedServices: ReadonlyMap<Hex, ReadonlySet<string>>
  sessions: SessionCache
  /** The latest height, or `undefined` when the clock is stale (then nothing is served for pay). */
  currentHeight(): bigint | undefined
}

/** A request that passed every check. */
export type VerifiedRelayRequest = {
  session: OnchainSession
  /** The request's EIP-712 digest: the response's `requestHash`. */
  requestDigest: Uint8Array
  signer: Hex
}

/**
 * Validates a relay request before any work is done (docs/relayminer.md, "Validation"): this process
 * serves the supplier and service; the payload hashes to the signed `payloadHash`; the signature
 * recovers; the session header equals the chain's; the session accepts relays at the current height
 * (grace included); the application is staked; the signer is the application or a gateway it delegated
 * to at the session start; the supplier is in the session. Cheap local checks run first.
 *
 * @param context - served suppliers, ledger facts, session cache, height
 * @param envelope - the decoded relay
 * @returns the on-chain session and the request digest
 * @throws the RELAYMINER validation errors (see docs/errors.md)
 * @example
 * const { session, requestDigest } = await verifyRelayRequest(context, parseRelayEnvelope(body))
 */
export async function verifyRelayRequest(
  context: RelayVerifierContext,
  envelope: RelayEnvelope,
): Promise<VerifiedRelayRequest> {
  const { request } = envelope
  const header = request.session
  if (!context.servedServices.get(request.supplier)?.has(header.serviceId))
    throw new UnknownSupplierError({ supplier: request.supplier, serviceId: header.serviceId })
  verifyPayloadHash(envelope)
  const requestDigest = relayRequestDigestBytes(context.ledgerInfo.domain, request)
  const signer = recoverSigner(requestDigest, envelope.requestSignature)
  const height = context.currentHeight()
  if (height === undefined) throw new ChainUnavailableError()
  const sessionNumber = sessionNumberOf(context.ledgerInfo, header)
  if (header.sessionStartHeight > height)
    throw new SessionNotStartedError({ sessionStartHeight: header.sessionStartHeight, height })
  const session = await context.sessions.get({
    application: header.application,
    serviceId: header.serviceId,
    sessionNumber,
    supplier: request.supplier,
  })
  verifySessionHeader(header, session.header)
  if (height > session.timeline.graceEndHeight)
    throw new SessionExpiredError({ lastHeight: session.timeline.graceEndHeight, height })
  verifyParticipants(request, session)
  if (signer !== header.application) {
    const query = { application: header.application, signer, sessionNumber }
    if (!(await context.sessions.isAuthorizedSigner(query))) throw new UnauthorizedSignerError({ signer })
  }
  return { session, requestDigest, signer }
}

function verifyPayloadHash(envelope: RelayEnvelope): void {
  let payloadHash: Hex
  try {
    payloadHash = hashRequestPayload(envelope.payload)
  } catch {
    throw new InvalidRelayError({ field: 'payload', reason: 'has no canonical JSON form' })
  }
  if (payloadHash !== envelope.request.payloadHash) throw new PayloadHashMismatchError()
}

function recoverSigner(digest: Uint8Array, signature: Hex): Hex {
  try {
    return recoverDigestSignerBytes(digest, signatureBytes(signature))
  } catch (cause) {
    throw new InvalidRelaySignatureError({ cause })
  }
}

function sessionNumberOf(info: LedgerInfo, header: SessionHeader): bigint {
  const offset = header.sessionStartHeight - info.genesisHeight
  // A start height off the session grid cannot be a real session: reject before asking the chain.
  if (offset < 0n || offset % info.numBlocksPerSession !== 0n)
    throw new SessionMismatchError({ field: 'sessionStartHeight' })
  return 1n + offset / info.numBlocksPerSession
}

function verifySessionHeader(signed: SessionHeader, onchain: SessionHeader): void {
  // poktroll checks every field, not only the id: a forged end height would later make the proof invalid.
  if (signed.sessionId !== onchain.sessionId.toLowerCase())
    throw new SessionMismatchError({ field: 'sessionId' })
  if (signed.sessionEndHeight !== onchain.sessionEndHeight)
    throw new SessionMismatchError({ field: 'sessionEndHeight' })
  if (signed.sessionStartHeight !== onchain.sessionStartHeight)
    throw new SessionMismatchError({ field: 'sessionStartHeight' })
}

function verifyParticipants(request: RelayRequest, session: OnchainSession): void {
  const { application, serviceId } = request.session
  if (!session.application) throw new ApplicationNotStakedError({ application, serviceId })
  if (!session.isSupplierInSession)
    throw new SupplierNotInSessionError({ supplier: request.supplier, sessionId: session.header.sessionId })
}
