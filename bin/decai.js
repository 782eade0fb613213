#!/usr/bin/env node
// Runs the CLI from its bundle in dist/cli (`npm run build`, also run by `npm ci`) while the bundle is fresh,
// i.e. no file it was built from has changed since; otherwise registers the TypeScript loader and runs the
// sources, so an edit in src/ always takes effect (run `npm run build` again for the faster start).
import { fileURLToPath, pathToFileURL } from 'node:url'
import { findFreshCliBuild } from '../scripts/build-cli.mjs'

const bundle = findFreshCliBuild(fileURLToPath(new URL('..', import.meta.url)))
if (bundle) {
  await import(pathToFileURL(bundle).href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/main.ts')
}
