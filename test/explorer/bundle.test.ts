/**
 * The browser app is committed built (src/explorer/ui/dist), so that `decai explorer` serves it with no
 * build step and no download. These tests keep that bundle honest.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { computeUiSourceHash } from '../../src/explorer/build/computeUiSourceHash.ts'

const rootDir = fileURLToPath(new URL('../..', import.meta.url))
const uiDir = fileURLToPath(new URL('../../src/explorer/ui', import.meta.url))
const read = (path: string) =>
  readFileSync(new URL(`../../src/explorer/ui/dist/${path}`, import.meta.url), 'utf8')

describe('explorer bundle', () => {
  it('behavior: the committed bundle was built from the current sources (else run npm run build:explorer)', () => {
    const recorded = JSON.parse(read('build-info.json')) as ReturnType<typeof computeUiSourceHash>
    expect(recorded).toEqual(computeUiSourceHash({ uiDir, rootDir }))
  })

  it('behavior: the page loads only its own assets, by relative URL', () => {
    const html = read('index.html')
    const urls = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
    expect(urls.filter((url) => !url.startsWith('./') && url !== 'data:,' && url !== 'api/overview')).toEqual(
      [],
    )
    expect(urls).toContain('./assets/app.js')
  })

  it('behavior: the browser app type-checks with the DOM library', () => {
    const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url))
    // Throws with the compiler's output when there is an error.
    execFileSync(process.execPath, [tsc, '--noEmit', '-p', 'src/explorer/ui/tsconfig.json'], {
      cwd: rootDir,
      encoding: 'utf8',
    })
  })
})
