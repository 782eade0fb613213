/**
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of iSCSI, ext4 metadata and
 * LevelDB/RocksDB logs. Node has no built-in CRC-32C (`zlib.crc32` is the IEEE polynomial and needs
 * Node ≥ 20.15), so it is computed here, eight bytes per step ("slicing-by-8"): about 1 µs per 1 KB record.
 */

const TABLES = buildTables()

function buildTables(): Int32Array {
  const tables = new Int32Array(8 * 256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1
    tables[n] = c
  }
  // Table t advances a byte through t further zero bytes, so eight lookups consume eight bytes at once.
  for (let t = 1; t < 8; t++) {
    for (let n = 0; n < 256; n++) {
      const previous = tables[(t - 1) * 256 + n]!
      tables[t * 256 + n] = (previous >>> 8) ^ tables[previous & 0xff]!
    }
  }
  return tables
}

/**
 * CRC-32C of `bytes[start..end)`.
 *
 * @param bytes - the data to checksum
 * @param start - first byte (default 0); a range avoids allocating a view per record when scanning a log
 * @param end - end of the range, exclusive (default `bytes.length`)
 * @returns the checksum as an unsigned 32-bit integer
 * @example
 * computeCrc32c(new TextEncoder().encode('123456789')) // 0xe3069283
 */
export function computeCrc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = TABLES
  const b = bytes
  let crc = ~0
  let i = start
  const end8 = end - ((end - start) % 8)
  for (; i < end8; i += 8) {
    const low = (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) ^ crc
    crc =
      t[1792 + (low & 0xff)]! ^
      t[1536 + ((low >>> 8) & 0xff)]! ^
      t[1280 + ((low >>> 16) & 0xff)]! ^
      t[1024 + (low >>> 24)]! ^
      t[768 + b[i + 4]!]! ^
      t[512 + b[i + 5]!]! ^
      t[256 + b[i + 6]!]! ^
      t[b[i + 7]!]!
  }
  for (; i < end; i++) crc = t[(crc ^ b[i]!) & 0xff]! ^ (crc >>> 8)
  return ~crc >>> 0
}
