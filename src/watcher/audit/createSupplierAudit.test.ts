import { describe, expect, it } from 'vitest'
import type { IdentityObservation } from '../identity/checkIdentity.ts'
import type { QosObservation } from '../qos/checkQos.ts'
import { mulberry32 } from '../testing/mulberry32.ts'
import { type AuditSettings, createSupplierAudit, type ProbeOutcome } from './createSupplierAudit.ts'
import { exactMetering } from './exactMetering.test-util.ts'

const settings: AuditSettings = {
  alpha: 0.01,
  identity: { tokenViolationRate: 0.001, logprobDeviationRate: 0.001 },
  meteringExcessRate: 0.01,
  objectives: { maxErrorRate: 0.05 },
  minProbesForPass: 5,
}

const qos: QosObservation = {
  isError: false,
  ttftMs: undefined,
  tpotMs: undefined,
  e2eMs: 100,
  isTtftExceeded: undefined,
  isTpotExceeded: undefined,
}
const metering = exactMetering(48)

function greedy(positions: number, violations: number): IdentityObservation {
  return {
    mode: 'greedy',
    positions,
    violations,
    maxMarginNats: violations > 0 ? 1 : 0,
    logprobPositions: 0,
    logprobDeviations: 0,
    maxLogprobDeviationNats: 0,
  }
}

// Violations of an honest supplier: each position flips past τ independently at the null rate.
function honestOutcome(random: () => number, rate: number): ProbeOutcome {
  let violations = 0
  for (let i = 0; i < 48; i++) if (random() < rate) violations++
  return { identity: greedy(48, violations), metering, qos }
}

// An answer billed `bias` completion tokens above the re-count, plus honest noise: the re-count differs
// by one token either way on a fifth of the answers, symmetrically.
function billedOutcome(random: () => number, bias: number): ProbeOutcome {
  const draw = random()
  const noise = draw < 0.1 ? -1 : draw < 0.2 ? 1 : 0
  const completionExcess = noise + bias
  const counts = { ...metering.counts!, completionReported: 48 + completionExcess }
  return {
    identity: greedy(48, 0),
    metering: { ...metering, completionExcess, isExcessive: completionExcess > 2, counts },
    qos,
  }
}

function failedAtProbes(random: () => number, bias: number, runs: number, probes: number): number[] {
  const failedAt: number[] = []
  for (let run = 0; run < runs; run++) {
    const audit = createSupplierAudit(settings)
    for (let probe = 1; probe <= probes; probe++)
      if (audit.observe(billedOutcome(random, bias)).verdict === 'fail') {
        failedAt.push(probe)
        break
      }
  }
  return failedAt
}

describe('createSupplierAudit', () => {
  it('default: pending until enough clean probes, then pass', () => {
    const audit = createSupplierAudit(settings)
    expect(audit.state()).toMatchObject({ verdict: 'pending', probes: 0, decidedBy: null })
    for (let i = 0; i < 5; i++) audit.observe({ identity: greedy(48, 0), metering, qos })
    const state = audit.state()
    expect(state.verdict).toBe('pass')
    expect(state.checks.map((check) => check.name)).toEqual([
      'identity',
      'metering',
      'metering.overbilling',
      'qos.errors',
    ])
    expect(state.checks[0]!.log10Threshold).toBeCloseTo(Math.log10(400), 12)
  })

  it('behavior: probes that cannot check the model (sampled, no logprobs) never make a pass', () => {
    const audit = createSupplierAudit(settings)
    for (let i = 0; i < 50; i++) audit.observe({ identity: undefined, metering, qos })
    expect(audit.state()).toMatchObject({ verdict: 'pending', probes: 50, tally: { identityProbes: 0 } })
    // A sampled answer with logprobs does check it.
    const sampledWithLogprobs = {
      ...greedy(48, 0),
      mode: 'sampled' as const,
      positions: 0,
      violations: 0,
      logprobPositions: 48,
      logprobDeviations: 0,
    }
    for (let i = 0; i < 4; i++) audit.observe({ identity: greedy(48, 0), metering, qos })
    expect(audit.state().verdict).toBe('pending')
    audit.observe({ identity: sampledWithLogprobs, metering, qos })
    expect(audit.state()).toMatchObject({ verdict: 'pass', probes: 55, tally: { identityProbes: 5 } })
  })

  it('behavior: honest suppliers at the null rate are failed in at most α of simulated audits', () => {
    const random = mulberry32(3)
    let failed = 0
    for (let run = 0; run < 1000; run++) {
      const audit = createSupplierAudit(settings)
      for (let probe = 0; probe < 60; probe++) audit.observe(honestOutcome(random, 0.001))
      if (audit.state().verdict === 'fail') failed++
    }
    expect(failed / 1000).toBeLessThanOrEqual(0.01)
  })

  it('behavior: another model (every token off) fails on the first probe', () => {
    const audit = createSupplierAudit(settings)
    const state = audit.observe({ identity: greedy(48, 48), metering, qos })
    expect(state).toMatchObject({ verdict: 'fail', decidedBy: 'identity', decidedAtProbe: 1 })
  })

  it('behavior: one substituted probe among clean ones is enough', () => {
    const audit = createSupplierAudit(settings)
    for (let i = 0; i < 25; i++) audit.observe({ identity: greedy(48, 0), metering, qos })
    expect(audit.observe({ identity: greedy(48, 40), metering, qos }).verdict).toBe('fail')
  })

  it('behavior: a metering proof fails at once and the verdict stays fail', () => {
    const audit = createSupplierAudit(settings)
    const proof = { ...metering, proofs: ['prompt_tokens 23, re-counted 21'] }
    expect(audit.observe({ identity: greedy(48, 0), metering: proof, qos })).toMatchObject({
      verdict: 'fail',
      decidedBy: 'metering',
      reason: 'proof: prompt_tokens 23, re-counted 21',
    })
    expect(audit.observe({ identity: greedy(48, 0), metering, qos }).verdict).toBe('fail')
  })

  it('behavior: repeated supplier errors above the objective fail qos.errors', () => {
    const audit = createSupplierAudit(settings)
    const error = { identity: undefined, metering: undefined, qos: { ...qos, isError: true } }
    let state = audit.observe(error)
    for (let i = 0; i < 5 && state.verdict !== 'fail'; i++) state = audit.observe(error)
    expect(state).toMatchObject({ verdict: 'fail', decidedBy: 'qos.errors' })
    expect(state.tally.failedProbes).toBe(state.probes)
  })

  it('behavior: honest re-count noise (±1 token, symmetric) is failed in at most α of audits', () => {
    const failedAt = failedAtProbes(mulberry32(11), 0, 1000, 100)
    expect(failedAt.length / 1000).toBeLessThanOrEqual(0.01)
  })

  it.each([1, 2])('behavior: billing +%i completion tokens per answer fails metering.overbilling', (bias) => {
    const random = mulberry32(7 + bias)
    const failedAt = failedAtProbes(random, bias, 200, 40).sort((a, b) => a - b)
    // Under the tolerance of 2 on every answer (+2 with noise reaches 3 on a tenth of them), yet caught.
    expect(failedAt).toHaveLength(200)
    expect(failedAt[Math.ceil(0.95 * 200) - 1]).toBeLessThanOrEqual(20)
  })

  it('behavior: +1 per answer never crosses the per-answer tolerance; only the sign test catches it', () => {
    const random = mulberry32(5)
    const audit = createSupplierAudit(settings)
    let state = audit.observe(billedOutcome(random, 1))
    while (state.verdict !== 'fail') state = audit.observe(billedOutcome(random, 1))
    expect(state).toMatchObject({ decidedBy: 'metering.overbilling' })
    expect(state.tally.excessiveCompletions).toBe(0)
  })
})
