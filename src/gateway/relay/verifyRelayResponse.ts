import { z } from 'zod'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { RelayRequest, RelayResponse } from '../../protocol/relay/types.ts'
import { recoverRelayResponseSigner } from '../../protocol/signature/recoverRelayResponseSigner.ts'
import type { RelayDomain } from '../../protocol/signature/typedData.ts'
import { InvalidRelayResponseError } from '../errors.ts'

const hex = (bytes: number) =>
  z
    .string()
    .regex(new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`))
    .transform((value) => value.toLowerCase() as Hex)
const uint = (max: number) => z.number().int().min(0).max(max)

/** The signed part every relay answer ends with (JSON answer fields, or a stream's trailer event). */
export const signedResponseSchema = z.object({
  response: z.object({
    requestHash: hex(32),
    payloadHash: hex(32),
    inputTokens: uint(0xffff_ffff),
    outputTokens: uint(0xffff_ffff),
    status: uint(0xffff),
  }),
  responseSignature: hex(65),
})

/** Usage as the OpenAI body reported it (absent when the body had none). */
export type ReportedUsage = { prompt_tokens?: number; completion_tokens?: number } | undefined

export type VerifyRelayResponseParameters = {
  domain: RelayDomain
  request: RelayRequest
  /** The request's EIP-712 digest, computed when it was signed. */
  requestHash: Hex
  /** The payloadHash of what was actually received (spec §2.2). */
  receivedPayloadHash: Hex
  /** The `{ response, responseSignature }` object the supplier sent. */
  signed: unknown
  /** The usage the body carried, checked against the signed usage. */
  reportedUsage: ReportedUsage
}

/**
 * Checks a supplier's signed response against what the gateway sent and received: it is well formed,
 * covers this request (`requestHash`) and the bytes received (`payloadHash`), is signed by the supplier
 * named in the request, reports status 200, stays within the signed token bounds, and claims the usage
 * the body reported (cut to the bounds, as the relayminer does). Any failure is the supplier's fault.
 *
 * @param parameters - domain, request, expected hashes, the signed part, the body's usage
 * @returns the verified response
 * @throws {InvalidRelayResponseError} naming the check that failed
 * @example
 * const response = verifyRelayResponse({ domain, request, requestHash, receivedPayloadHash, signed, reportedUsage })
 */
export function verifyRelayResponse(parameters: VerifyRelayResponseParameters): RelayResponse {
  const parsed = signedResponseSchema.safeParse(parameters.signed)
  if (!parsed.success) throw new InvalidRelayResponseError({ check: 'malformed' })
  const { response, responseSignature } = parsed.data
  const { request } = parameters
  if (response.requestHash !== parameters.requestHash.toLowerCase())
    throw new InvalidRelayResponseError({ check: 'request-hash' })
  if (response.payloadHash !== parameters.receivedPayloadHash.toLowerCase())
    throw new InvalidRelayResponseError({ check: 'payload-hash' })
  if (response.status !== 200)
    throw new InvalidRelayResponseError({ check: 'status', details: `${response.status}` })
  if (response.inputTokens > request.maxInputTokens || response.outputTokens > request.maxOutputTokens)
    throw new InvalidRelayResponseError({ check: 'usage-bounds' })
  verifyReportedUsage(response, request, parameters.reportedUsage)
  let signer: Hex
  try {
    signer = recoverRelayResponseSigner(parameters.domain, response, responseSignature)
  } catch {
    throw new InvalidRelayResponseError({ check: 'signer', details: 'signature does not recover' })
  }
  if (signer !== request.supplier.toLowerCase()) throw new InvalidRelayResponseError({ check: 'signer' })
  return response
}

function verifyReportedUsage(response: RelayResponse, request: RelayRequest, usage: ReportedUsage): void {
  if (!usage) return
  const input = Math.min(usage.prompt_tokens ?? 0, request.maxInputTokens)
  const output = Math.min(usage.completion_tokens ?? 0, request.maxOutputTokens)
  if (input !== response.inputTokens || output !== response.outputTokens)
    throw new InvalidRelayResponseError({
      check: 'usage-mismatch',
      details: `signed ${response.inputTokens}/${response.outputTokens}, body ${input}/${output}`,
    })
}
