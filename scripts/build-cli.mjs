#!/usr/bin/env node
// Bundles the `decai` command line (src/cli/main.ts) into dist/cli with esbuild, npm packages left external,
// so that bin/decai.js starts it without tsx's loader: about half of every command's start-up time.
// `npm ci` runs it (the `prepare` script) with --warn-only: a build that cannot run there prints a warning
// and exits 0, and bin/decai.js keeps running the sources through tsx. `npm run build` runs it strictly.
//
// The bundle must never run stale code: build-stamp.json lists every file the bundle was built from with
// its modification time as the build saw it, and bin/decai.js runs the bundle only while every one of those
// files still has that time (`findFreshCliBuild`); otherwise it runs the sources.
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const stampName = 'build-stamp.json'
const stampVersion = 1
const entry = 'src/cli/main.ts'
// Besides the bundled sources, what shapes the bundle: this script's options and the TypeScript settings.
const buildSettings = ['scripts/build-cli.mjs', 'tsconfig.json']

/**
 * The bundle's entry module, when the bundle under `root` is fresh: every file it was built from (and this
 * script, and tsconfig.json) still has the modification time the build recorded.
 *
 * @param {string} root - the package root
 * @returns {string | undefined} the absolute path of dist/cli/main.js, or undefined (missing or stale)
 */
export function findFreshCliBuild(root) {
  const outdir = join(root, 'dist', 'cli')
  let stamp
  try {
    stamp = JSON.parse(readFileSync(join(outdir, stampName), 'utf8'))
  } catch {
    return undefined
  }
  if (stamp?.version !== stampVersion || !Array.isArray(stamp.inputs)) return undefined
  for (const [path, mtimeMs] of stamp.inputs) {
    if (statSync(join(root, path), { throwIfNoEntry: false })?.mtimeMs !== mtimeMs) return undefined
  }
  const main = join(outdir, 'main.js')
  return existsSync(main) ? main : undefined
}

/**
 * Builds dist/cli under `root`: bundles into a staging folder, writes the stamp, then puts the folder in
 * place, so that bin/decai.js never sees a stamp next to a half-written bundle.
 *
 * @param {string} root - the package root
 * @returns {Promise<{ inputs: number, ms: number }>} how many source files the bundle holds, and how long it took
 */
export async function buildCli(root) {
  const started = performance.now()
  const esbuild = await import('esbuild')
  const outdir = join(root, 'dist', 'cli')
  const staging = join(root, 'dist', `cli.building-${process.pid}`)
  rmSync(staging, { recursive: true, force: true })
  try {
    // Modification times as they were before esbuild read the files: a file saved during the build then
    // differs from its recorded time, and the bundle counts as stale.
    const before = new Map()
    const mtimeOf = (path) => before.get(path) ?? statSync(join(root, path)).mtimeMs
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      splitting: true,
      outdir: staging,
      metafile: true,
      logLevel: 'silent',
      plugins: [
        {
          name: 'record-mtimes',
          setup(build) {
            build.onLoad({ filter: /.*/ }, (args) => {
              const path = relative(root, args.path)
              if (!before.has(path)) before.set(path, statSync(args.path).mtimeMs)
              return undefined
            })
          },
        },
      ],
    })
    const settings = buildSettings.filter((path) => existsSync(join(root, path)))
    const inputs = [...Object.keys(result.metafile.inputs), ...settings].map((path) => [path, mtimeOf(path)])
    writeFileSync(join(staging, stampName), `${JSON.stringify({ version: stampVersion, entry, inputs })}\n`)
    rmSync(outdir, { recursive: true, force: true })
    renameSync(staging, outdir)
    return { inputs: inputs.length, ms: Math.round(performance.now() - started) }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const isWarnOnly = process.argv.includes('--warn-only')
  try {
    const { inputs, ms } = await buildCli(root)
    console.log(`decai: built dist/cli from ${inputs} files in ${ms} ms`)
  } catch (error) {
    // A failed build leaves no bundle behind: bin/decai.js then runs the sources through tsx.
    rmSync(join(root, 'dist', 'cli'), { recursive: true, force: true })
    const message = error instanceof Error ? error.message : String(error)
    if (!isWarnOnly) {
      console.error(`decai: the CLI build failed: ${message}`)
      process.exit(1)
    }
    console.warn(
      `decai: warning: the CLI build failed, bin/decai.js runs the sources through tsx: ${message}`,
    )
  }
}
