import { z } from 'zod'
import type { Hex } from '../../protocol/bytes/bytes.ts'
import type { ServiceObjectives, SignedSupplierObjectives } from '../../protocol/objectives/types.ts'
import { verifySupplierObjectives } from '../../protocol/objectives/verifySupplierObjectives.ts'

const hex = z.string().regex(/^0x[0-9a-fA-F]*$/) as unknown as z.ZodType<Hex>
const objectivesSchema = z.object({
  ttftP90Ms: z.number().positive().optional(),
  tpotP90Ms: z.number().positive().optional(),
  maxErrorRate: z.number().min(0).max(1).optional(),
})
const advertisementsSchema = z.object({
  advertisements: z
    .array(
      z.object({
        objectives: z.object({
          version: z.literal(1),
          supplier: hex,
          services: z.record(z.string(), objectivesSchema),
          issuedAt: z.number().int().nonnegative(),
        }),
        signature: hex,
      }),
    )
    .max(256),
})

/** A supplier's advertisement, when one verified: its objectives per service id. */
export type AdvertisedObjectives =
  | { isVerified: true; services: Record<string, ServiceObjectives> }
  | { isVerified: false; reason: string }

/**
 * Reads a supplier's advertised objectives from its registered endpoint (`GET /v1/objectives`): the
 * body must pass the schema and the advertisement naming the supplier must carry its operator's
 * signature. Anything else (unreachable, malformed, unsigned, signed by another key) is reported as
 * unverified, never thrown: the watcher then audits against its own configured objectives.
 *
 * @param parameters - the endpoint, the supplier's operator address, fetch and its timeout.
 * @returns the verified objectives per service, or why there are none.
 * @example
 * const advertised = await fetchAdvertisedObjectives({ endpoint: target.endpoint, supplier: target.supplier })
 */
export async function fetchAdvertisedObjectives(parameters: {
  endpoint: string
  supplier: Hex
  fetch?: typeof fetch
  timeoutMs?: number
}): Promise<AdvertisedObjectives> {
  const doFetch = parameters.fetch ?? fetch
  let body: unknown
  try {
    const base = parameters.endpoint.endsWith('/') ? parameters.endpoint : `${parameters.endpoint}/`
    const response = await doFetch(new URL('v1/objectives', base), {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(parameters.timeoutMs ?? 5_000),
    })
    if (!response.ok) return { isVerified: false, reason: `GET /v1/objectives answered ${response.status}` }
    body = await response.json()
  } catch (error) {
    return { isVerified: false, reason: `GET /v1/objectives failed: ${(error as Error).name}` }
  }
  const parsed = advertisementsSchema.safeParse(body)
  if (!parsed.success) return { isVerified: false, reason: 'the advertisement fails its schema' }
  const wanted = parameters.supplier.toLowerCase()
  const signed = parsed.data.advertisements.find(
    (entry) => entry.objectives.supplier.toLowerCase() === wanted,
  )
  if (!signed) return { isVerified: false, reason: 'no advertisement for this supplier' }
  if (!verifySupplierObjectives(signed as SignedSupplierObjectives, parameters.supplier))
    return { isVerified: false, reason: "the advertisement is not signed by the supplier's operator key" }
  return { isVerified: true, services: signed.objectives.services }
}
