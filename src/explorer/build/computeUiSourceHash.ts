import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

/** The npm packages whose code ends up in the bundle, or which produce it. */
export const bundledPackages = ['preact', 'uplot', 'vite'] as const

/**
 * Hashes what the browser bundle is built from: every file of `src/explorer/ui` except `dist/`, and the
 * versions of the packages that go into it or build it. The build records it in `dist/build-info.json`,
 * and a test recomputes it, so sources changed without `npm run build:explorer` fail CI.
 *
 * @param parameters - the UI directory and the repository root (for `node_modules`)
 * @returns the sha256 as hex, and the package versions it covers
 * @example
 * computeUiSourceHash({ uiDir: 'src/explorer/ui', rootDir: '.' }).sourceHash
 */
export function computeUiSourceHash(parameters: { uiDir: string; rootDir: string }): {
  sourceHash: string
  packages: Record<string, string>
} {
  const hash = createHash('sha256')
  for (const file of listSources(parameters.uiDir)) {
    // Paths in POSIX form, so the hash is the same on every OS.
    hash.update(relative(parameters.uiDir, file).split(sep).join('/'))
    hash.update('\0')
    hash.update(readFileSync(file))
    hash.update('\0')
  }
  const packages: Record<string, string> = {}
  for (const name of bundledPackages) {
    const manifest = readFileSync(join(parameters.rootDir, 'node_modules', name, 'package.json'), 'utf8')
    packages[name] = (JSON.parse(manifest) as { version: string }).version
    hash.update(`${name}@${packages[name]}\0`)
  }
  return { sourceHash: hash.digest('hex'), packages }
}

function listSources(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      if (name === 'dist' || name === 'node_modules') return []
      const path = join(dir, name)
      return statSync(path).isDirectory() ? listSources(path) : [path]
    })
}
