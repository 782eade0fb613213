import { describe, expect, it } from 'vitest'
import { secp256k1 } from './secp256k1Native.ts'

describe('secp256k1Native', () => {
  it('behavior: the native addon is loaded, not the pure-JS elliptic fallback', async () => {
    const { createRequire } = await import('node:module')
    const require = createRequire(import.meta.url)
    const bindingsPath = require.resolve('secp256k1/bindings')
    expect(require.cache[bindingsPath]?.exports).toBe(secp256k1)
    const loadedNative = Object.keys(require.cache).some(
      (path) => path.endsWith('.node') && path.includes('secp256k1'),
    )
    const loadedElliptic = Object.keys(require.cache).some((path) =>
      /secp256k1[\\/]lib[\\/]elliptic\.js$/.test(path),
    )
    expect({ loadedNative, loadedElliptic }).toEqual({ loadedNative: true, loadedElliptic: false })
  })
})
