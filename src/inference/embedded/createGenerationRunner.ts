import type { LlamaContextSequence, LlamaModel } from 'node-llama-cpp'
import { BackendClosedError } from '../errors.ts'
import type { SequencePool } from './createSequencePool.ts'
import type { TokenLogprobBuilder } from './createTokenLogprobs.ts'
import {
  type GenerationParameters,
  type GenerationStep,
  type GenerationSummary,
  generateTokens,
} from './generateTokens.ts'

/** Runs generations on pooled sequences and shuts them down cleanly. */
export type GenerationRunner = {
  /** A generation that waits for a free sequence, runs, and always gives the sequence back. */
  run(parameters: GenerationParameters): AsyncGenerator<GenerationStep, GenerationSummary, undefined>
  /** Runs `task` on a pooled sequence (e.g. scoring), giving the sequence back afterwards. */
  withSequence<T>(task: (sequence: LlamaContextSequence) => Promise<T>, signal?: AbortSignal): Promise<T>
  /** Refuses new work, aborts running generations and waits until every sequence is back. */
  close(): Promise<void>
  readonly isClosed: boolean
}

/**
 * A runner over a sequence pool. Closing aborts in-flight generations before the caller disposes the
 * context, so no generation ever touches a disposed llama.cpp object.
 *
 * @param pool - the context's sequences.
 * @param tools - the model and the logprob builder.
 * @returns the runner.
 * @example
 * const runner = createGenerationRunner(pool, { model, logprobs }); for await (const s of runner.run(p)) …
 */
export function createGenerationRunner(
  pool: SequencePool<LlamaContextSequence>,
  tools: { model: LlamaModel; logprobs: TokenLogprobBuilder },
): GenerationRunner {
  const closing = new AbortController()
  return {
    get isClosed() {
      return closing.signal.aborted
    },
    async *run(parameters) {
      if (closing.signal.aborted) throw new BackendClosedError()
      const signal = parameters.signal ? AbortSignal.any([parameters.signal, closing.signal]) : closing.signal
      const sequence = await pool.acquire(signal)
      try {
        return yield* generateTokens(sequence, tools, { ...parameters, signal })
      } finally {
        pool.release(sequence)
      }
    },
    async withSequence(task, signal) {
      if (closing.signal.aborted) throw new BackendClosedError()
      const sequence = await pool.acquire(signal ? AbortSignal.any([signal, closing.signal]) : closing.signal)
      try {
        return await task(sequence)
      } finally {
        pool.release(sequence)
      }
    },
    async close() {
      if (closing.signal.aborted) return
      closing.abort(new BackendClosedError())
      pool.close()
      await pool.whenIdle()
    },
  }
}
