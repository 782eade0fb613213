/**
 * Encodes the head of a GGUF v3 file: magic, version, counts, the metadata key–value pairs and the tensor
 * infos, padded to the data alignment. All integers are little-endian; strings are a u64 byte length
 * followed by UTF-8 bytes.
 */
import { ggmlTypes, type TensorPlan } from './tensorPlan.ts'

/** A typed GGUF metadata value. */
export type GgufValue =
  | { type: 'u32'; value: number }
  | { type: 'i32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'u64'; value: bigint }
  | { type: 'stringArray'; value: readonly string[] }
  | { type: 'f32Array'; value: readonly number[] }
  | { type: 'i32Array'; value: readonly number[] }

/** Alignment of the data section and of every tensor in it (GGUF's default). */
export const ggufAlignment = 32

const valueTypes = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9, u64: 10 } as const

/**
 * The header bytes (already padded to `ggufAlignment`) for these metadata and tensors; tensor data
 * offsets are the running sum of `tensorByteLengths`, each padded to the alignment.
 *
 * @param metadata - ordered key → value pairs.
 * @param tensors - tensor plans in file order.
 * @param tensorByteLengths - data bytes of each tensor, same order.
 * @returns the header bytes.
 * @example
 * encodeGgufHeader([['general.architecture', { type: 'string', value: 'llama' }]], [], [])
 */
export function encodeGgufHeader(
  metadata: ReadonlyArray<readonly [string, GgufValue]>,
  tensors: readonly TensorPlan[],
  tensorByteLengths: readonly number[],
): Uint8Array {
  const out = createByteWriter()
  out.bytes(new TextEncoder().encode('GGUF'))
  out.u32(3)
  out.u64(BigInt(tensors.length))
  out.u64(BigInt(metadata.length))
  for (const [key, value] of metadata) {
    out.string(key)
    writeValue(out, value)
  }
  let offset = 0
  tensors.forEach((tensor, i) => {
    out.string(tensor.name)
    out.u32(tensor.dims.length)
    for (const dim of tensor.dims) out.u64(BigInt(dim))
    out.u32(ggmlTypes[tensor.type])
    out.u64(BigInt(offset))
    offset = alignUp(offset + tensorByteLengths[i]!)
  })
  out.pad(alignUp(out.length) - out.length)
  return out.finish()
}

/**
 * `n` rounded up to the GGUF alignment.
 *
 * @param n - a byte count.
 * @returns the smallest multiple of 32 ≥ n.
 * @example
 * alignUp(33) // 64
 */
export function alignUp(n: number): number {
  return Math.ceil(n / ggufAlignment) * ggufAlignment
}

function writeValue(out: ByteWriter, value: GgufValue): void {
  if (value.type === 'stringArray') writeArray(out, 'string', value.value, (v) => out.string(v))
  else if (value.type === 'f32Array') writeArray(out, 'f32', value.value, (v) => out.f32(v))
  else if (value.type === 'i32Array') writeArray(out, 'i32', value.value, (v) => out.i32(v))
  else {
    out.u32(valueTypes[value.type])
    writeScalar(out, value)
  }
}

function writeScalar(out: ByteWriter, value: Exclude<GgufValue, { value: readonly unknown[] }>): void {
  if (value.type === 'u32') out.u32(value.value)
  else if (value.type === 'i32') out.i32(value.value)
  else if (value.type === 'f32') out.f32(value.value)
  else if (value.type === 'u64') out.u64(value.value)
  else if (value.type === 'bool') out.u8(value.value ? 1 : 0)
  else out.string(value.value)
}

function writeArray<T>(
  out: ByteWriter,
  itemType: keyof typeof valueTypes,
  items: readonly T[],
  write: (v: T) => void,
) {
  out.u32(valueTypes.array)
  out.u32(valueTypes[itemType])
  out.u64(BigInt(items.length))
  for (const item of items) write(item)
}

type ByteWriter = ReturnType<typeof createByteWriter>

// A growable little-endian writer; the header of a 16k-token vocabulary is a few hundred kB.
function createByteWriter() {
  let buffer = new Uint8Array(1 << 16)
  let view = new DataView(buffer.buffer)
  let length = 0
  const reserve = (n: number) => {
    if (length + n <= buffer.length) return
    const next = new Uint8Array(Math.max(buffer.length * 2, length + n))
    next.set(buffer)
    buffer = next
    view = new DataView(buffer.buffer)
  }
  const fixed = (n: number, write: (at: number) => void) => {
    reserve(n)
    write(length)
    length += n
  }
  const bytes = (b: Uint8Array) => fixed(b.length, (at) => buffer.set(b, at))
  return {
    get length() {
      return length
    },
    bytes,
    u8: (v: number) => fixed(1, (at) => view.setUint8(at, v)),
    u32: (v: number) => fixed(4, (at) => view.setUint32(at, v, true)),
    i32: (v: number) => fixed(4, (at) => view.setInt32(at, v, true)),
    f32: (v: number) => fixed(4, (at) => view.setFloat32(at, v, true)),
    u64: (v: bigint) => fixed(8, (at) => view.setBigUint64(at, v, true)),
    string(v: string) {
      const encoded = new TextEncoder().encode(v)
      this.u64(BigInt(encoded.length))
      bytes(encoded)
    },
    pad: (n: number) => fixed(n, () => {}),
    finish: () => buffer.slice(0, length),
  }
}
