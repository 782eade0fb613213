import { mkdtemp, open, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readGgufFileInfo } from 'node-llama-cpp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromFloat16Bits } from './float16.ts'
import { generateModel } from './generateModel.ts'
import { countParameters, modelShapes } from './modelShapes.ts'
import type { ModelDtype } from './tensorPlan.ts'

let dir: string
const dtypes: ModelDtype[] = ['f32', 'f16', 'q8_0', 'q4_0']
const generate = (seed: number, dtype: ModelDtype, name = `${seed}-${dtype}`) =>
  generateModel({ seed, size: 'tiny', dtype, outPath: join(dir, `${name}.gguf`) })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decai-gguf-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

// Reads one tensor's raw bytes, located through node-llama-cpp's own GGUF parser.
async function readTensor(path: string, name: string, byteLength: number): Promise<Buffer> {
  const info = await readGgufFileInfo(path)
  const tensor = info.fullTensorInfo!.find((t) => t.name === name)!
  const file = await open(path)
  const buffer = Buffer.alloc(byteLength)
  await file.read(buffer, 0, byteLength, Number(tensor.fileOffset))
  await file.close()
  return buffer
}

describe('generateModel', () => {
  it('behavior: the same seed gives the same bytes, for every dtype (hashes pinned)', async () => {
    const hashes: Record<string, string> = {}
    for (const dtype of dtypes) {
      const first = await generate(42, dtype)
      const second = await generate(42, dtype, `again-${dtype}`)
      expect(second.sha256).toBe(first.sha256)
      expect((await readFile(second.path)).equals(await readFile(first.path))).toBe(true)
      hashes[dtype] = first.sha256
    }
    expect(hashes).toMatchInlineSnapshot(`
      {
        "f16": "aa69cd4c087eb0dc2d59ab7ed5b241d4251969d76920410595dab538f8a241bc",
        "f32": "9e3521509821ca57a255248bc6b63f2e3fe56c5194749103e128f802e3d661c1",
        "q4_0": "ef4d9c9a68c44817dc8d1d5730680329712cab9b690dc62d4eeccaa370b55e49",
        "q8_0": "0ef6fcb7b67b9894dd98fff3b8236db32576a2d721ab887e5a1ff30a85c6c2ae",
      }
    `)
  })

  it('behavior: different seeds give different models', async () => {
    const [a, b] = await Promise.all([generate(1, 'f16'), generate(2, 'f16')])
    expect(a.sha256).not.toBe(b.sha256)
  })

  it('behavior: F32 and F16 hold the same weights; Q8_0 and Q4_0 quantise them within half a step', async () => {
    const name = 'blk.0.attn_q.weight'
    const f32 = await readTensor(join(dir, '42-f32.gguf'), name, 32 * 4)
    const f16 = await readTensor(join(dir, '42-f16.gguf'), name, 32 * 2)
    const q8 = await readTensor(join(dir, '42-q8_0.gguf'), name, 34)
    const q4 = await readTensor(join(dir, '42-q4_0.gguf'), name, 18)
    const weights = Array.from({ length: 32 }, (_, j) => f32.readFloatLE(j * 4))
    expect(weights.map((_, j) => fromFloat16Bits(f16.readUInt16LE(j * 2)))).toEqual(weights)
    const d8 = fromFloat16Bits(q8.readUInt16LE(0))
    const d4 = fromFloat16Bits(q4.readUInt16LE(0))
    weights.forEach((w, j) => {
      expect(Math.abs(w - d8 * q8.readInt8(2 + j))).toBeLessThanOrEqual(Math.abs(d8) * 0.5 + 1e-6)
      const nibble = j < 16 ? q4[2 + j]! & 0xf : q4[2 + j - 16]! >> 4
      expect(Math.abs(w - d4 * (nibble - 8))).toBeLessThanOrEqual(Math.abs(d4) * 0.5 + 1e-6)
    })
  })

  it('behavior: node-llama-cpp reads the header; tensor sizes add up to the parameter count', async () => {
    const result = await generate(7, 'q8_0')
    const info = await readGgufFileInfo(result.path)
    expect(info.version).toBe(3)
    expect(info.metadata.general.architecture).toBe('llama')
    const counted = info.fullTensorInfo!.reduce(
      (sum, t) => sum + t.dimensions.reduce<number>((a, b) => a * Number(b), 1),
      0,
    )
    expect(counted).toBe(result.parameterCount)
    expect(result.parameterCount).toBe(countParameters(modelShapes.tiny))
  })

  it('default: sizes span ~0.5 M to ~100 M parameters', () => {
    const counts = Object.values(modelShapes).map((shape) => countParameters(shape))
    expect(counts).toMatchInlineSnapshot(`
      [
        533120,
        5048576,
        31990272,
        100682496,
      ]
    `)
  })

  it('error: an invalid seed, size or dtype is refused before anything is written', async () => {
    const outPath = join(dir, 'never.gguf')
    const code = { code: 'INFERENCE_INVALID_MODEL_OPTIONS' }
    await expect(generateModel({ seed: -1, size: 'tiny', dtype: 'f16', outPath })).rejects.toMatchObject(code)
    await expect(generateModel({ seed: 1.5, size: 'tiny', dtype: 'f16', outPath })).rejects.toMatchObject(
      code,
    )
    // @ts-expect-error an unknown size
    await expect(generateModel({ seed: 1, size: 'huge', dtype: 'f16', outPath })).rejects.toMatchObject(code)
    // @ts-expect-error an unknown dtype
    await expect(generateModel({ seed: 1, size: 'tiny', dtype: 'q2_k', outPath })).rejects.toMatchObject(code)
    await expect(readFile(outPath)).rejects.toThrow()
  })
})
