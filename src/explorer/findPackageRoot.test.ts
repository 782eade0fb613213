import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { findPackageRoot } from './findPackageRoot.ts'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const temp = mkdtempSync(join(tmpdir(), 'decai-package-root-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

describe('findPackageRoot', () => {
  it('behavior: from its own module, the folder of decai’s package.json', () => {
    expect(join(findPackageRoot(), '/')).toBe(repoRoot)
  })

  it('behavior: walks past other packages’ package.json (a bundle in dist/cli sits two folders down)', () => {
    const root = join(temp, 'decai')
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true })
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'decai' }))
    writeFileSync(join(root, 'dist', 'package.json'), JSON.stringify({ name: 'other' }))
    writeFileSync(join(root, 'dist', 'cli', 'package.json'), '{ not json')
    expect(findPackageRoot(join(root, 'dist', 'cli', 'chunk-A.js'))).toBe(root)
  })

  it('error: no decai package.json above the start says where it looked', () => {
    const lone = join(temp, 'lone', 'dist')
    mkdirSync(lone, { recursive: true })
    expect(() => findPackageRoot(lone)).toThrow(`No decai package.json in any folder above ${lone}.`)
  })
})
