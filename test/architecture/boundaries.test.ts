import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The architecture as a rule: which component may import which (docs/architecture.md).
const allowed: Record<string, string[]> = {
  protocol: ['protocol'],
  chain: ['protocol', 'chain'],
  inference: ['protocol', 'inference'],
  relayminer: ['protocol', 'chain', 'inference', 'relayminer'],
  gateway: ['protocol', 'chain', 'inference', 'gateway'],
  watcher: ['protocol', 'chain', 'inference', 'watcher'],
  sdk: ['protocol', 'chain', 'sdk'],
  explorer: ['protocol', 'explorer'],
  cli: ['protocol', 'chain', 'inference', 'relayminer', 'gateway', 'watcher', 'sdk', 'explorer', 'cli'],
}
// protocol/ is pure: no file system, network, processes or clocks.
const ioModules =
  /^(node:)?(fs|fs\/promises|net|http|https|http2|dgram|dns|child_process|worker_threads|tls|readline)$/

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory())
      return name === 'node_modules' || name === 'dist' ? [] : sourceFiles(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!)
  const dynamic = [...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!)
  return [...specifiers, ...dynamic]
}

const componentOf = (file: string) => relative(root, file).split(sep)[0]!

describe('architecture', () => {
  const files = sourceFiles(root)

  it('behavior: dependencies point down the component list, never up or sideways', () => {
    const violations: string[] = []
    for (const file of files) {
      const from = componentOf(file)
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue
        const target = resolve(dirname(file), spec)
        // Tests may read shared vectors and fixtures outside src/.
        if (relative(root, target).startsWith('..') && file.endsWith('.test.ts')) continue
        const to = componentOf(target)
        if (!allowed[from]?.includes(to)) violations.push(`${relative(root, file)} → ${spec}`)
      }
    }
    expect(violations).toEqual([])
  })

  it('behavior: src/protocol does no I/O', () => {
    const violations = files
      .filter((file) => componentOf(file) === 'protocol' && !file.endsWith('.test.ts'))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => ioModules.test(spec))
          .map((s) => `${file}: ${s}`),
      )
    expect(violations).toEqual([])
  })
})
