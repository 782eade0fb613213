/**
 * The default k (suppliers per session, spec §3.4 and docs/protocol.md §3.4 "As built"). A session is empty
 * with probability `(1 − k/n)^n < e^{−k}`; with k = 12 that is below 6.2·10⁻⁶ (one session in ~160 000),
 * while each supplier still gets 1/12 of an application's per-session budget to serve.
 *
 * @example
 * isSupplierInSession({ sessionId, supplierOperator, numSuppliers, suppliersPerSession: defaultSuppliersPerSession })
 */
export const defaultSuppliersPerSession = 12n
