import { createRequire } from 'node:module'
import type * as Secp256k1 from 'secp256k1'

/**
 * The native libsecp256k1 binding. `secp256k1/bindings` loads the prebuilt addon and throws if it cannot,
 * instead of falling back silently to the package's pure-JS elliptic path (about 25× slower), so a missing
 * native module is a startup error rather than a quiet throughput collapse.
 */
export const secp256k1: typeof Secp256k1 = createRequire(import.meta.url)('secp256k1/bindings')
