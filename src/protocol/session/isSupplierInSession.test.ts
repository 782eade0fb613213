import { describe, expect, it } from 'vitest'
import { bytesToHex, type Hex } from '../bytes/bytes.ts'
import { sha256 } from '../bytes/sha256.ts'
import { computeMembershipHash } from './computeMembershipHash.ts'
import { computeMembershipThreshold } from './computeMembershipThreshold.ts'
import { isSupplierInSession } from './isSupplierInSession.ts'

const enc = (text: string) => new TextEncoder().encode(text)
// Deterministic inputs: the test is a fixed experiment, not a flaky sample.
const sessionIdOf = (i: number) => bytesToHex(sha256(enc(`decai membership session ${i}`)))
const supplierOf = (j: number) => bytesToHex(sha256(enc(`decai supplier ${j}`)).subarray(0, 20))

/** log C(n, x) + x log q + (n − x) log(1 − q): the Binomial(n, q) pmf in log space (n ≤ 1000). */
function binomialPmf(n: number, q: number): number[] {
  const logFactorial = [0]
  for (let i = 1; i <= n; i++) logFactorial.push(logFactorial[i - 1]! + Math.log(i))
  return Array.from({ length: n + 1 }, (_, x) =>
    Math.exp(
      logFactorial[n]! - logFactorial[x]! - logFactorial[n - x]! + x * Math.log(q) + (n - x) * Math.log1p(-q),
    ),
  )
}

/** Pearson's statistic after merging sparse bins (expected ≥ 5); returns it with the degrees of freedom. */
function chiSquare(observed: number[], expected: number[]): { statistic: number; df: number } {
  const bins: { o: number; e: number }[] = []
  let o = 0
  let e = 0
  for (let x = 0; x < expected.length; x++) {
    o += observed[x] ?? 0
    e += expected[x]!
    if (e >= 5) {
      bins.push({ o, e })
      o = 0
      e = 0
    }
  }
  if (bins.length > 0) {
    bins[bins.length - 1]!.o += o
    bins[bins.length - 1]!.e += e
  }
  const statistic = bins.reduce((sum, b) => sum + (b.o - b.e) ** 2 / b.e, 0)
  return { statistic, df: bins.length - 1 }
}

/** Wilson–Hilferty upper quantile of χ²(df) at z standard deviations (z = 3.09: p ≈ 0.001). */
const chiSquareCritical = (df: number, z = 3.09) => df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3

describe('isSupplierInSession', () => {
  it('default', () => {
    const sessionId = sessionIdOf(0)
    const supplierOperator = supplierOf(0)
    const hash = BigInt(computeMembershipHash({ sessionId, supplierOperator }))
    const threshold = computeMembershipThreshold({ numSuppliers: 100, suppliersPerSession: 12 })
    expect(
      isSupplierInSession({ sessionId, supplierOperator, numSuppliers: 100, suppliersPerSession: 12 }),
    ).toBe(hash < threshold)
  })

  it('behavior: with n ≤ k every supplier is in every session', () => {
    for (let i = 0; i < 20; i++)
      for (let j = 0; j < 5; j++)
        expect(
          isSupplierInSession({
            sessionId: sessionIdOf(i),
            supplierOperator: supplierOf(j),
            numSuppliers: 5,
            suppliersPerSession: 8,
          }),
        ).toBe(true)
  })

  it('behavior: session sizes are Binomial(n, k/n): mean within 4 standard errors of k, χ² at p > 0.001', () => {
    const sessionsPerN: Record<number, number> = { 5: 2000, 20: 1000, 100: 300, 1000: 100 }
    for (const n of [5, 20, 100, 1000]) {
      const sessions = sessionsPerN[n]!
      const suppliers = Array.from({ length: n }, (_, j) => supplierOf(j))
      const ks = [3, 8].filter((k) => k < n)
      const thresholds = ks.map((k) =>
        computeMembershipThreshold({ numSuppliers: n, suppliersPerSession: k }),
      )
      const histograms = ks.map(() => new Array<number>(n + 1).fill(0))
      for (let i = 0; i < sessions; i++) {
        const sessionId = sessionIdOf(1000 + i) as Hex
        const hashes = suppliers.map((supplierOperator) =>
          BigInt(computeMembershipHash({ sessionId, supplierOperator })),
        )
        thresholds.forEach((t, m) => {
          histograms[m]![hashes.filter((h) => h < t).length]! += 1
        })
      }
      ks.forEach((k, m) => {
        const q = Number(thresholds[m]! >> 200n) / 2 ** 56
        const histogram = histograms[m]!
        const mean = histogram.reduce((sum, count, size) => sum + count * size, 0) / sessions
        const standardError = Math.sqrt((n * q * (1 - q)) / sessions)
        expect(Math.abs(mean - k), `n=${n} k=${k} mean=${mean}`).toBeLessThan(4 * standardError)
        const expected = binomialPmf(n, q).map((p) => p * sessions)
        const { statistic, df } = chiSquare(histogram, expected)
        expect(statistic, `n=${n} k=${k} χ²=${statistic} df=${df}`).toBeLessThan(chiSquareCritical(df))
      })
    }
  })

  it('error: malformed inputs fail even when n ≤ k', () => {
    expect(() =>
      isSupplierInSession({
        sessionId: '0x00',
        supplierOperator: supplierOf(0),
        numSuppliers: 1,
        suppliersPerSession: 3,
      }),
    ).toThrow(expect.objectContaining({ code: 'SESSION_INVALID_SESSION_ID' }))
    expect(() =>
      isSupplierInSession({
        sessionId: sessionIdOf(0),
        supplierOperator: supplierOf(0),
        numSuppliers: 1,
        suppliersPerSession: 0,
      }),
    ).toThrow(expect.objectContaining({ code: 'SESSION_INVALID_PARAMS' }))
  })
})
