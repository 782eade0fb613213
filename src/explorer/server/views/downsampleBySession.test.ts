import { describe, expect, it } from 'vitest'
import { downsampleBySession } from './downsampleBySession.ts'

// A cumulative series with uneven sessions: several points in some sessions, gaps between others.
function cumulativeSeries(points: number) {
  let cumulative = 0n
  let session = 1
  return Array.from({ length: points }, (_, i) => {
    session += i % 7 === 0 ? 3 : i % 3 === 0 ? 1 : 0
    cumulative += BigInt((i * 37) % 11)
    return { blockNumber: String(i * 10), session: String(session), cumulative: cumulative.toString() }
  })
}

describe('downsampleBySession', () => {
  it('behavior: a long series is bounded and keeps the first and last points', () => {
    const full = cumulativeSeries(10_000)
    const sampled = downsampleBySession(full, 200)
    expect(sampled.length).toBeLessThanOrEqual(200)
    expect(sampled.length).toBeGreaterThan(100)
    expect(sampled[0]).toEqual(full[0])
    expect(sampled.at(-1)).toEqual(full.at(-1))
  })

  it('behavior: every kept point equals the full series at that point, in order, and ends its session', () => {
    const full = cumulativeSeries(5_000)
    const sampled = downsampleBySession(full, 300)
    const byBlock = new Map(full.map((point, i) => [point.blockNumber, i]))
    let previous = -1
    for (const point of sampled) {
      const index = byBlock.get(point.blockNumber) ?? -1
      expect(point).toEqual(full[index])
      expect(index).toBeGreaterThan(previous)
      previous = index
      // A bucket ends at a session boundary, so the cumulative there is the session's closing value.
      if (index !== 0 && index !== full.length - 1) expect(full[index + 1]?.session).not.toBe(point.session)
    }
  })

  it('default: a series within the bound is returned whole', () => {
    const full = cumulativeSeries(50)
    expect(downsampleBySession(full, 50)).toEqual(full)
    expect(downsampleBySession([], 10)).toEqual([])
  })
})
