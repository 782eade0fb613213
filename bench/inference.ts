/**
 * `npm run bench -- inference`: for each generated model size and dtype, the generation time, file size,
 * load time, prompt (prefill) and decode speed of the embedded backend on one thread, greedy.
 * `DECAI_BENCH_SIZES=tiny,small` and `DECAI_BENCH_DTYPES=f16,q8_0` narrow the grid; models are cached in
 * the OS temp directory between runs.
 */
import { existsSync } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createEmbeddedBackend,
  generateModel,
  generatorVersion,
  hashModelFile,
  type ModelDtype,
  type ModelSize,
  modelShapes,
} from '../src/inference/index.ts'

const sizes = (process.env.DECAI_BENCH_SIZES ?? Object.keys(modelShapes).join(',')).split(',') as ModelSize[]
const dtypes = (process.env.DECAI_BENCH_DTYPES ?? 'f16,q8_0,q4_0').split(',') as ModelDtype[]
const decodeTokens = 128
const cacheDir = join(tmpdir(), 'decai-bench-models', generatorVersion.replace('/', '-'))

async function ensureModel(size: ModelSize, dtype: ModelDtype) {
  const outPath = join(cacheDir, `${size}-s1-${dtype}.gguf`)
  if (existsSync(outPath)) return { path: outPath, sha256: await hashModelFile(outPath), generateMs: null }
  const startedMs = performance.now()
  const result = await generateModel({ seed: 1, size, dtype, outPath })
  return { path: outPath, sha256: result.sha256, generateMs: Math.round(performance.now() - startedMs) }
}

async function measure(size: ModelSize, dtype: ModelDtype) {
  const model = await ensureModel(size, dtype)
  const loadStartedMs = performance.now()
  const backend = await createEmbeddedBackend({
    modelPath: model.path,
    expectedSha256: model.sha256,
    parallelSequences: 1,
  })
  const loadMs = performance.now() - loadStartedMs
  const prompt = 'the river ran past the old mill and the children '.repeat(24)
  await backend.completion({ prompt: 'warm up', max_tokens: 4, temperature: 0 })
  const startedMs = performance.now()
  let firstTokenMs = 0
  let promptTokens = 0
  let completionTokens = 0
  for await (const chunk of backend.streamCompletion({ prompt, max_tokens: decodeTokens, temperature: 0 })) {
    if (!firstTokenMs && chunk.choices.length > 0) firstTokenMs = performance.now()
    if (chunk.usage) ({ prompt_tokens: promptTokens, completion_tokens: completionTokens } = chunk.usage)
  }
  const endMs = performance.now()
  await backend.close()
  return {
    size,
    dtype,
    fileMb: Math.round((await stat(model.path)).size / 1e4) / 100,
    generateMs: model.generateMs,
    loadMs: Math.round(loadMs),
    promptTokens,
    prefillTokensPerSec: Math.round(promptTokens / ((firstTokenMs - startedMs) / 1000)),
    decodeTokensPerSec: Math.round((completionTokens - 1) / ((endMs - firstTokenMs) / 1000)),
  }
}

/** Runs the grid, smallest model first. */
export async function run(): Promise<Record<string, unknown>> {
  await mkdir(cacheDir, { recursive: true })
  const rows = []
  for (const size of sizes) for (const dtype of dtypes) rows.push(await measure(size, dtype))
  return { threads: 1, decodeTokens, rows }
}
