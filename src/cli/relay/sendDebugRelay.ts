import type { Address } from 'viem'
import { getDifficulty, getSession, type Ledger } from '../../chain/index.ts'
import { buildRelayEnvelope } from '../../gateway/relay/buildRelayEnvelope.ts'
import { verifyRelayResponse } from '../../gateway/relay/verifyRelayResponse.ts'
import { relayUrlOf } from '../../gateway/transport/createHttpSupplierTransport.ts'
import { bytesToHex, type Hex } from '../../protocol/bytes/bytes.ts'
import { isRelayMined } from '../../protocol/difficulty/isRelayMined.ts'
import { computeRelayHash } from '../../protocol/relay/computeRelayHash.ts'
import { encodeRelay } from '../../protocol/relay/encodeRelay.ts'
import { hashResponsePayload } from '../../protocol/relay/hashResponsePayload.ts'
import { CliRelayFailedError } from '../context/cliErrors.ts'

export type SendDebugRelayParameters = {
  ledger: Ledger
  signerKey: Hex
  application: Address
  serviceId: string
  supplier: Address
  /** The relayminer's endpoint (as registered on-chain, or any URL that reaches it). */
  endpoint: string
  body: Record<string, unknown>
  maxInputTokens: number
  maxOutputTokens: number
}

/**
 * Sends one signed, non-streaming relay straight to a relayminer, the way a gateway does, and checks its
 * signed answer: for debugging a supplier without a gateway in between.
 *
 * @returns the answer body, the verified response header, the relay hash and whether it was mined
 * @throws {CliRelayFailedError} on an error answer or a response that does not verify
 * @example
 * const result = await sendDebugRelay({ ledger, signerKey, application, serviceId, supplier, endpoint, body, … })
 */
export async function sendDebugRelay(parameters: SendDebugRelayParameters) {
  const { ledger, serviceId } = parameters
  const session = await getSession(ledger, { application: parameters.application, serviceId })
  const domain = {
    chainId: await ledger.clients.getChainId(),
    verifyingContract: ledger.contracts.proofs.toLowerCase() as Hex,
  }
  const relay = buildRelayEnvelope({
    domain,
    header: session.header,
    supplier: parameters.supplier.toLowerCase() as Hex,
    payload: { method: 'POST', path: '/v1/chat/completions', body: parameters.body },
    maxInputTokens: parameters.maxInputTokens,
    maxOutputTokens: parameters.maxOutputTokens,
    signerKey: parameters.signerKey,
  })
  const answer = await postRelay(relayUrlOf(parameters.endpoint), relay.json)
  const payload = answer.payload as {
    status: number
    body: { usage?: { prompt_tokens?: number; completion_tokens?: number } }
  }
  let response: ReturnType<typeof verifyRelayResponse>
  try {
    response = verifyRelayResponse({
      domain,
      request: relay.request,
      requestHash: relay.requestHash,
      receivedPayloadHash: hashResponsePayload(payload),
      signed: answer,
      reportedUsage: payload.body?.usage,
    })
  } catch (cause) {
    throw new CliRelayFailedError({
      reason: 'the signed response does not verify',
      details: (cause as Error).message,
    })
  }
  const relayHash = computeRelayHash(
    encodeRelay({
      request: relay.request,
      requestSignature: relay.json.requestSignature,
      response,
      responseSignature: (answer as { responseSignature: Hex }).responseSignature,
    }),
  )
  const { target } = await getDifficulty(ledger, { serviceId, session: session.session })
  return {
    session: session.session,
    body: payload.body,
    response,
    relayHash: bytesToHex(relayHash),
    isMined: isRelayMined(relayHash, target),
  }
}

async function postRelay(url: string, envelope: unknown): Promise<Record<string, unknown>> {
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(envelope),
    })
  } catch (cause) {
    throw new CliRelayFailedError({ reason: `cannot reach ${url}`, details: (cause as Error).message })
  }
  const text = await response.text()
  let body: Record<string, unknown>
  try {
    body = JSON.parse(text) as Record<string, unknown>
  } catch {
    throw new CliRelayFailedError({
      reason: `the relayminer answered ${response.status} with a body that is not JSON`,
      details: text.slice(0, 300),
    })
  }
  if (!response.ok)
    throw new CliRelayFailedError({
      reason: `the relayminer answered ${response.status}`,
      details: JSON.stringify(body).slice(0, 500),
    })
  return body
}
