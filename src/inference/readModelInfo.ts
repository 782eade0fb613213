import { stat } from 'node:fs/promises'
import { readGgufFileInfo } from 'node-llama-cpp'
import { InvalidGgufError } from './errors.ts'

/** What `decai model info` shows about a GGUF file. */
export type ModelInfo = {
  path: string
  fileBytes: number
  ggufVersion: number
  architecture: string
  name: string | undefined
  /** llama.cpp `general.file_type`. */
  fileType: number | undefined
  tensorCount: number
  parameterCount: number
  vocabularySize: number | undefined
  contextLength: number | undefined
  /** `decai.*` keys of a generated model (generator version, seed, size, EOS bias); empty otherwise. */
  generator: Record<string, string | number>
}

/**
 * Reads a GGUF file's header (not its weights) and summarises it.
 *
 * @param path - the model file.
 * @returns the summary.
 * @throws {InvalidGgufError} when the file is missing, not GGUF, or truncated.
 * @example
 * (await readModelInfo('tiny.gguf')).parameterCount // 533120
 */
export async function readModelInfo(path: string): Promise<ModelInfo> {
  let info: Awaited<ReturnType<typeof readGgufFileInfo>>
  let fileBytes: number
  try {
    fileBytes = (await stat(path)).size
    info = await readGgufFileInfo(path, { readTensorInfo: true })
  } catch (error) {
    throw new InvalidGgufError({ path, reason: error instanceof Error ? error.message : String(error) })
  }
  const metadata = info.metadata as Record<string, Record<string, unknown> | undefined>
  const architecture = String(metadata.general?.architecture ?? 'unknown')
  const architectureMetadata = metadata[architecture] as Record<string, unknown> | undefined
  const tensors = info.fullTensorInfo ?? []
  return {
    path,
    fileBytes,
    ggufVersion: info.version,
    architecture,
    name: metadata.general?.name as string | undefined,
    fileType: metadata.general?.file_type as number | undefined,
    tensorCount: tensors.length,
    parameterCount: tensors.reduce(
      (sum, t) => sum + t.dimensions.reduce<number>((a, b) => a * Number(b), 1),
      0,
    ),
    vocabularySize: (architectureMetadata?.vocab_size as number | undefined) ?? tokenCount(metadata),
    contextLength: architectureMetadata?.context_length as number | undefined,
    generator: generatorKeys(metadata.decai),
  }
}

function tokenCount(metadata: Record<string, Record<string, unknown> | undefined>): number | undefined {
  const tokens = (metadata.tokenizer?.ggml as { tokens?: unknown[] } | undefined)?.tokens
  return tokens?.length
}

// bigint (u64 seed) is shown as a number when it is safe, else as a decimal string.
function generatorKeys(decai: Record<string, unknown> | undefined): Record<string, string | number> {
  const entries = Object.entries(decai ?? {}).map(([key, value]) => {
    if (typeof value === 'bigint')
      return [key, value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : `${value}`]
    return [key, typeof value === 'number' ? value : String(value)]
  })
  return Object.fromEntries(entries)
}
