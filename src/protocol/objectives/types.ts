import type { Hex } from '../bytes/bytes.ts'

/**
 * A service's quality objectives as a supplier promises them. The p90 targets follow the usual SLO form
 * ("90 % of requests see TTFT ≤ X"): a watcher asks whether more than 10 % of its probes exceed X.
 */
export type ServiceObjectives = {
  /** Time to first token, client side (network, queue and prefill included). */
  ttftP90Ms?: number | undefined
  /** Time per output token after the first. */
  tpotP90Ms?: number | undefined
  /** Largest share of failed requests (supplier's fault) promised. */
  maxErrorRate?: number | undefined
}

/** What one supplier operator advertises, per service id it serves (absent: nothing promised). */
export type SupplierObjectives = {
  version: 1
  /** The operator address whose key signs the advertisement (lower case). */
  supplier: Hex
  services: Record<string, ServiceObjectives>
  /** When it was signed (ms since the epoch). */
  issuedAt: number
}

/** An advertisement with the operator's EIP-191 signature over its digest, as served on `GET /v1/objectives`. */
export type SignedSupplierObjectives = {
  objectives: SupplierObjectives
  /** 65 bytes r ‖ s ‖ v by `objectives.supplier`. */
  signature: Hex
}
