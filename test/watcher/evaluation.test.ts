import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { quickOptions } from '../../scripts/eval-watcher.ts'
import {
  type EvaluationResult,
  evaluateWatcher,
} from '../../src/watcher/testing/evaluation/evaluateWatcher.ts'

// The small version of `npm run eval -- watcher`: tiny models, 20 prompts, 32-token answers. The full
// evaluation (docs/watcher.md) runs the `small` model on 160 prompts and is kept out of CI.
let directory: string
let result: EvaluationResult

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'decai-eval-watcher-test-'))
  result = await evaluateWatcher(quickOptions(directory, () => {}))
}, 180_000)

afterAll(async () => {
  await rm(directory, { recursive: true, force: true })
})

const scenario = (name: string) => result.cheats.find((cheat) => cheat.name.startsWith(name))!

describe('watcher evaluation (quick)', () => {
  it('behavior: honest configurations are not failed', () => {
    expect(result.honest.runs).toBeGreaterThanOrEqual(300)
    expect(result.honest.falsePositiveRate).toBeLessThanOrEqual(0.01)
  })

  it('behavior: another model is caught on the first probe, inflated usage too', () => {
    expect(scenario('other seed').probesTo95).toBe(1)
    expect(scenario('inflated usage').probesTo95).toBe(1)
  })

  it('behavior: billing +1 or +2 completion tokens per answer (prompt honest) is caught by metering', () => {
    // Quick-evaluation answers run to max_tokens, so the extra tokens bill above it: a proof, first probe.
    for (const name of ['inflated completion (+1)', 'inflated completion (+2)']) {
      expect(scenario(name).probesTo95).toBe(1)
      expect(Object.keys(scenario(name).failedBy)).toEqual(['metering'])
    }
  })

  it('behavior: 4-bit weights within 20 probes, 10 % substitution within 40', () => {
    expect(scenario('q4_0').probesTo95).not.toBeNull()
    expect(scenario('q4_0').probesTo95!).toBeLessThanOrEqual(20)
    expect(scenario('10 % substitution').probesTo95).not.toBeNull()
    expect(scenario('10 % substitution').probesTo95!).toBeLessThanOrEqual(40)
  })

  it('behavior: a router that recognises shipped prompts is caught only through private prompts', () => {
    expect(scenario('router, probes with private prompts').probesTo95).not.toBeNull()
    expect(scenario('router, shipped prompts only').failed).toBe(0)
  })
})
