/**
 * The content hash of everything that determines the generated modules: our Solidity sources and presets, the
 * compiler version, the compiler settings and the OpenZeppelin version. `build.ts` stores it in the
 * generated module; a test recomputes it so that a source changed without regenerating fails CI.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder that holds the Solidity sources. */
export const contractsDir = fileURLToPath(new URL('.', import.meta.url))

/** solc-js version the artifacts are built with (package.json pins it). */
export const solcVersion = '0.8.37'

/** Compiler settings, part of the hash: changing one must regenerate the artifacts. */
export const compilerSettings = {
  optimizer: { enabled: true, runs: 200 },
  viaIR: true,
  // set explicitly: solc ≥ 0.8.30 defaults to prague; cancun runs on every current EVM chain and has MCOPY
  evmVersion: 'cancun',
  metadata: { bytecodeHash: 'none' },
} as const

/** Lists `*.sol` files below `dir`, sorted, as paths relative to the contracts folder. */
export function listSolidityFiles(dir = join(contractsDir, 'src')): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listSolidityFiles(path))
    else if (entry.name.endsWith('.sol')) out.push(relative(contractsDir, path))
  }
  return out.sort()
}

function openZeppelinVersion(): string {
  const manifest = fileURLToPath(
    new URL('../node_modules/@openzeppelin/contracts/package.json', import.meta.url),
  )
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
}

/**
 * sha256 over the sorted sources (path and content), the compiler version and settings, and the
 * OpenZeppelin version.
 *
 * @returns `0x`-prefixed hex digest.
 * @example
 * computeSourceHash() // '0x3f…'
 */
export function computeSourceHash(): `0x${string}` {
  const hash = createHash('sha256')
  hash.update(`solc ${solcVersion}\0${JSON.stringify(compilerSettings)}\0oz ${openZeppelinVersion()}\0`)
  for (const file of [...listSolidityFiles(), 'presets.ts']) {
    hash.update(`${file}\0`)
    hash.update(readFileSync(join(contractsDir, file)))
    hash.update('\0')
  }
  return `0x${hash.digest('hex')}`
}
