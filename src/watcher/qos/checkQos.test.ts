import { describe, expect, it } from 'vitest'
import type { ProbeExchange } from '../ports.ts'
import { checkQos } from './checkQos.ts'

const answer = (firstContentAtMs: number | undefined, doneAtMs: number, tokens: number): ProbeExchange => ({
  isOk: true,
  content: 'x',
  finishReason: 'length',
  usage: { prompt_tokens: 5, completion_tokens: tokens, total_tokens: tokens + 5 },
  logprobs: undefined,
  timing: { sentAtMs: 1000, firstContentAtMs, doneAtMs },
})

describe('checkQos', () => {
  it('behavior: TTFT to the first content, TPOT over the tokens after it', () => {
    const seen = checkQos(answer(1300, 1930, 64), { ttftP90Ms: 250, tpotP90Ms: 20 }, 64)
    expect(seen).toMatchObject({ isError: false, ttftMs: 300, tpotMs: 10, e2eMs: 930 })
    expect(seen).toMatchObject({ isTtftExceeded: true, isTpotExceeded: false })
  })

  it('behavior: TPOT divides by the re-counted tokens, not by what the supplier reported', () => {
    // 630 ms over 31 re-counted tokens after the first, though the usage claims 64.
    const seen = checkQos(answer(1300, 1930, 64), { tpotP90Ms: 15 }, 32)
    expect(seen).toMatchObject({ tpotMs: 630 / 31, isTpotExceeded: true })
  })

  it('behavior: non-streamed answers have no TTFT; no objective means no verdict', () => {
    expect(checkQos(answer(undefined, 1500, 64), {}, 64)).toMatchObject({
      ttftMs: undefined,
      isTtftExceeded: undefined,
    })
  })

  it("behavior: only the supplier's (or an unknown) fault counts as its error", () => {
    const failure = (fault: 'supplier' | 'client' | 'unknown'): ProbeExchange => ({
      isOk: false,
      code: 'X',
      fault,
      status: 502,
      timing: { sentAtMs: 0, firstContentAtMs: undefined, doneAtMs: 10 },
    })
    expect(checkQos(failure('supplier'), {}, 0).isError).toBe(true)
    expect(checkQos(failure('unknown'), {}, 0).isError).toBe(true)
    expect(checkQos(failure('client'), {}, 0).isError).toBe(false)
  })
})
