import type { Logger } from 'pino'
import type { InferenceBackend } from '../../inference/backend.ts'
import { bytesToHex, type Hex } from '../../protocol/bytes/bytes.ts'
import { hashResponsePayload } from '../../protocol/relay/hashResponsePayload.ts'
import type { RelayResponse } from '../../protocol/relay/types.ts'
import { privateKeyBytes } from '../../protocol/signature/privateKeyBytes.ts'
import { Secret } from '../config/secret.ts'
import type { RelayMeter } from '../meter/createRelayMeter.ts'
import type { RelayInstruments, RelayMinerMetrics } from '../metrics/createRelayMinerMetrics.ts'
import type { SessionTrees } from '../session/createSessionTrees.ts'
import { sessionTreeKey } from '../session/sessionTreeKey.ts'
import { acknowledgeRelay } from './acknowledgeRelay.ts'
import { createRelayDeadline, type RelayClient } from './createRelayDeadline.ts'
import { finalizeRelay } from './finalizeRelay.ts'
import { invokeBackend, toRelayBackendError } from './invokeBackend.ts'
import { parseRelayEnvelope, type RelayEnvelope } from './parseRelayEnvelope.ts'
import { type BackendCall, resolveBackendCall } from './resolveBackendCall.ts'
import { type RelayFrames, type StreamRelayContext, streamRelay } from './streamRelay.ts'
import {
  type RelayVerifierContext,
  type VerifiedRelayRequest,
  verifyRelayRequest,
} from './verifyRelayRequest.ts'

/** The body of a non-streaming relay answer (docs/relayminer.md, "Wire format"). */
export type RelayJsonAnswer = {
  payload: { status: number; body: unknown }
  response: RelayResponse
  responseSignature: Hex
}

/** What serving a relay produced: a JSON answer, or SSE frames to send as they come. */
export type RelayOutcome = { kind: 'json'; body: RelayJsonAnswer } | { kind: 'stream'; frames: RelayFrames }

export type RelayServeOptions = RelayClient & {
  requestId?: string
  /**
   * Called once a non-streaming relay is validated and metered, before the backend runs: the server
   * tells the client it is working (`102 Processing`) so that a vanished supplier can be told apart
   * from a long generation. Streams need no such signal: their first event is one.
   */
  onAccepted?: () => void
}

/** Serves relays: validate → meter → backend → sign → mine → persist → acknowledge. */
export type RelayService = {
  /**
   * Serves one relay. Errors before the first byte of an answer are thrown (BaseError with a RELAYMINER
   * or pass-through INFERENCE code); errors during a stream end it with an `error` event.
   */
  serve(body: unknown, options?: RelayServeOptions): Promise<RelayOutcome>
}

export type CreateRelayServiceParameters = {
  verifier: RelayVerifierContext
  /** Operator address (lower case) → signing key. */
  operatorKeys: ReadonlyMap<Hex, Secret<Hex>>
  /** Service id → backend. */
  backends: ReadonlyMap<string, InferenceBackend>
  meter: RelayMeter
  trees: SessionTrees
  metrics: RelayMinerMetrics
  logger: Logger
  requestTimeoutMs: number
}

/** Everything one relay carries through the pipeline once validated and metered. */
export type RelayJob = {
  envelope: RelayEnvelope
  verified: VerifiedRelayRequest
  call: BackendCall
  backend: InferenceBackend
  treeKey: string
  /** The operator's signing key as bytes, parsed and checked once per process. */
  operatorKey: Secret<Uint8Array>
  logger: Logger
  labels: { service: string; supplier: string }
  /** The metrics this relay records, labels bound. */
  instruments: RelayInstruments
}

/**
 * Creates the relay service: the relay path without HTTP (the server maps its outcome and errors).
 * The order matters for crash safety: a mined relay is appended and fsynced before its signed response
 * leaves the process, so every acknowledged mined relay survives `kill -9`.
 *
 * @param parameters - verifier context, keys, backends, meter, trees, metrics, logger, timeout
 * @returns the service
 * @example
 * const outcome = await relays.serve(await c.req.json(), { signal: c.req.raw.signal })
 */
export function createRelayService(parameters: CreateRelayServiceParameters): RelayService {
  const { metrics, meter, trees } = parameters
  const context: StreamRelayContext = { ...parameters, domain: parameters.verifier.ledgerInfo.domain }
  return {
    async serve(body, options = {}) {
      const envelope = parseRelayEnvelope(body)
      const verified = await verifyRelayRequest(parameters.verifier, envelope)
      const job = createJob(parameters, envelope, verified, options.requestId)
      let reservation: ReturnType<RelayMeter['reserve']>
      try {
        reservation = meter.reserve({
          treeKey: job.treeKey,
          session: verified.session,
          bounds: envelope.request,
        })
      } catch (error) {
        metrics.meterRejections.inc({ service: job.labels.service })
        throw error
      }
      const done = trees.beginRelay(job.treeKey)
      if (job.call.isStream)
        return { kind: 'stream', frames: await streamRelay(context, job, reservation, done, options) }
      try {
        options.onAccepted?.()
        return { kind: 'json', body: await serveJson(context, job, reservation, options) }
      } finally {
        done()
      }
    },
  }
}

function createJob(
  parameters: CreateRelayServiceParameters,
  envelope: RelayEnvelope,
  verified: VerifiedRelayRequest,
  requestId: string | undefined,
): RelayJob {
  const { request } = envelope
  const serviceId = request.session.serviceId
  const call = resolveBackendCall(envelope.payload, request)
  let logger: Logger | undefined
  return {
    envelope,
    verified,
    call,
    backend: parameters.backends.get(serviceId)!,
    treeKey: sessionTreeKey(request.supplier, request.session.sessionId),
    operatorKey: operatorKeyBytes(parameters.operatorKeys, request.supplier),
    // pino serialises a child's bindings when it is made: only a relay that logs pays for it.
    get logger() {
      logger ??= parameters.logger.child({
        reqId: requestId,
        sessionId: request.session.sessionId,
        application: request.session.application,
        supplier: request.supplier,
        service: serviceId,
      })
      return logger
    },
    labels: { service: serviceId, supplier: request.supplier },
    instruments: parameters.metrics.forRelay(serviceId, request.supplier),
  }
}

async function serveJson(
  context: StreamRelayContext,
  job: RelayJob,
  reservation: ReturnType<RelayMeter['reserve']>,
  client: RelayClient,
): Promise<RelayJsonAnswer> {
  const deadline = createRelayDeadline(context.requestTimeoutMs, client)
  const startedAt = performance.now()
  try {
    let result: Awaited<ReturnType<typeof invokeBackend>>
    try {
      result = await invokeBackend(job.backend, job.call, deadline.signal)
    } catch (error) {
      throw toRelayBackendError(error, deadline.isTimedOut())
    } finally {
      deadline.clear()
    }
    job.instruments.backendLatency.false.observe((performance.now() - startedAt) / 1000)
    const payload = { status: 200, body: result.body }
    const relay = finalizeRelay({
      domain: context.domain,
      request: job.envelope.request,
      requestSignature: job.envelope.requestSignature,
      requestDigest: job.verified.requestDigest,
      payloadHash: hashResponsePayload(payload),
      usage: result.usage,
      session: job.verified.session,
      operatorKey: job.operatorKey.reveal(),
    })
    await acknowledgeRelay(context, job, relay, 'false')
    reservation.settle(relay.computeUnits)
    return { payload, response: relay.response, responseSignature: relay.responseSignature }
  } catch (error) {
    reservation.release()
    throw error
  }
}

// Parsing a hex key (and checking it is in range) costs a few µs; a relay signs with one of a few keys.
const parsedKeys = new WeakMap<Secret<Hex>, Secret<Uint8Array>>()

function operatorKeyBytes(keys: ReadonlyMap<Hex, Secret<Hex>>, operator: Hex): Secret<Uint8Array> {
  const key = keys.get(operator)!
  let parsed = parsedKeys.get(key)
  if (parsed === undefined) {
    parsed = new Secret(privateKeyBytes(key.reveal()))
    parsedKeys.set(key, parsed)
  }
  return parsed
}

/** Hex of a relay hash, for logs. */
export const relayHashHex = (relayHash: Uint8Array): Hex => bytesToHex(relayHash)
