import { createHash } from 'node:crypto'
import { type FileHandle, open, rename, rm } from 'node:fs/promises'
import { InvalidModelOptionsError } from '../errors.ts'
import { buildMetadata } from './buildMetadata.ts'
import { alignUp, encodeGgufHeader } from './encodeGgufHeader.ts'
import { encodeWeights } from './encodeWeights.ts'
import { computeLogitBiases } from './logitBiases.ts'
import { countParameters, type ModelSize, modelShapes } from './modelShapes.ts'
import { ggmlTypes, type ModelDtype, planTensors, rowByteLength, type TensorPlan } from './tensorPlan.ts'
import { buildVocabulary } from './vocabulary.ts'
import { createWeightStream } from './weights.ts'

/** What to generate; see `modelShapes` for the sizes. */
export type GenerateModelParameters = {
  /** Any safe non-negative integer; same seed → same weights, whatever the dtype. */
  seed: number
  size: ModelSize
  dtype: ModelDtype
  /** Where to write the GGUF; written to a temporary name first and renamed when complete. */
  outPath: string
  /** Logit bias of EOS, an integer in [−30, 30]. Default −30: the model never ends on its own. */
  eosBias?: number
}

/** The written file and its identity. */
export type GenerateModelReturnType = {
  path: string
  /** Lower-case hex sha256 of the file, computed while writing. */
  sha256: string
  byteLength: number
  parameterCount: number
}

// About 4 MB of binary32 weights per chunk keeps memory flat for the ~100 M-parameter sizes.
const chunkWeights = 1 << 20

/**
 * Writes a deterministic llama GGUF v3 model with random weights: the same parameters give the same bytes
 * on every machine (see docs/inference.md for the argument).
 *
 * @param parameters - seed, size, dtype, output path and optional EOS bias.
 * @returns the path, sha256, file size and parameter count.
 * @example
 * const { sha256 } = await generateModel({ seed: 42, size: 'tiny', dtype: 'f16', outPath: 'tiny.gguf' })
 */
export async function generateModel(parameters: GenerateModelParameters): Promise<GenerateModelReturnType> {
  const { seed, size, dtype, outPath, eosBias = -30 } = parameters
  validateParameters(parameters)
  const shape = modelShapes[size]
  const vocabulary = buildVocabulary(shape.vocabularySize)
  const logitBiases = computeLogitBiases(vocabulary, eosBias)
  const tensors = planTensors(shape, dtype)
  const byteLengths = tensors.map((t) => rowByteLength(t.type, t.rowLength) * t.rows)
  const metadata = buildMetadata(shape, vocabulary, { seed, size, dtype, eosBias })
  const header = encodeGgufHeader(metadata, tensors, byteLengths)

  const tempPath = `${outPath}.partial-${process.pid}`
  const file = await open(tempPath, 'w')
  const hash = createHash('sha256')
  let written = 0
  const write = async (bytes: Uint8Array) => {
    hash.update(bytes)
    await file.write(bytes)
    written += bytes.length
  }
  try {
    await write(header)
    for (const tensor of tensors) {
      await write(new Uint8Array(alignUp(written) - written))
      await writeTensor(write, createWeightStream({ seed, tensor, logitBiases }), tensor)
    }
  } catch (error) {
    await file.close()
    await rm(tempPath, { force: true })
    throw error
  }
  await closeAndRename(file, tempPath, outPath)
  return {
    path: outPath,
    sha256: hash.digest('hex'),
    byteLength: written,
    parameterCount: countParameters(shape),
  }
}

async function writeTensor(
  write: (bytes: Uint8Array) => Promise<void>,
  stream: ReturnType<typeof createWeightStream>,
  tensor: TensorPlan,
): Promise<void> {
  const rowsPerChunk = Math.max(1, Math.floor(chunkWeights / tensor.rowLength))
  for (let row = 0; row < tensor.rows; row += rowsPerChunk) {
    const count = Math.min(rowsPerChunk, tensor.rows - row)
    await write(encodeWeights(stream.readRows(count), tensor.type, tensor.rowLength))
  }
}

async function closeAndRename(file: FileHandle, tempPath: string, outPath: string): Promise<void> {
  await file.sync()
  await file.close()
  await rename(tempPath, outPath)
}

function validateParameters({ seed, size, dtype }: GenerateModelParameters): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new InvalidModelOptionsError({ field: 'seed', reason: 'must be a safe non-negative integer' })
  }
  if (!Object.hasOwn(modelShapes, size)) {
    const sizes = Object.keys(modelShapes).join(', ')
    throw new InvalidModelOptionsError({ field: 'size', reason: `must be one of ${sizes}` })
  }
  if (!Object.hasOwn(ggmlTypes, dtype)) {
    const dtypes = Object.keys(ggmlTypes).join(', ')
    throw new InvalidModelOptionsError({ field: 'dtype', reason: `must be one of ${dtypes}` })
  }
}
