import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The decai package's root folder: the nearest folder at or above `from` whose package.json is named
 * `decai`. Files that ship with the package (the explorer's built app, `bench/`, `bin/decai.js`) are found
 * from here, not relative to the module that needs them: a module sits at one depth in `src/` (run by tsx,
 * and by the tests) and at another in the bundle in `dist/cli/` (`npm run build`). It lives in the
 * explorer, the lowest component that needs it; the CLI uses it too.
 *
 * @param from - a file or folder inside the package (default: this module)
 * @returns the absolute path of the package root
 * @throws {Error} when no folder above `from` holds decai's package.json (the package's files were moved apart)
 * @example
 * join(findPackageRoot(), 'bench') // the same folder from src/ and from dist/cli/
 */
export function findPackageRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (readPackageName(join(dir, 'package.json')) === 'decai') return dir
    if (dirname(dir) === dir) throw new Error(`No decai package.json in any folder above ${from}.`)
  }
}

function readPackageName(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')).name
  } catch {
    return undefined
  }
}
