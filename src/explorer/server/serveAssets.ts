import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join, relative, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import { ExplorerAssetsMissingError } from '../errors.ts'

/** A built file, held in memory: the bundle is small and immutable while the server runs. */
export type Asset = {
  body: Uint8Array
  /** The body gzipped once at load, for clients that accept it (text assets only). */
  gzipped: Uint8Array | undefined
  contentType: string
  etag: string
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
}

/**
 * Loads the built browser app into memory, keyed by URL path (`/index.html`, `/assets/app.js`, …).
 *
 * @param dir - the build output directory (`src/explorer/ui/dist`)
 * @returns the assets
 * @throws {ExplorerAssetsMissingError} when `index.html` is not there
 * @example
 * const assets = loadAssets(join(findPackageRoot(), 'src/explorer/ui/dist'))
 */
export function loadAssets(dir: string): Map<string, Asset> {
  if (!existsSync(join(dir, 'index.html'))) throw new ExplorerAssetsMissingError({ dir })
  const assets = new Map<string, Asset>()
  for (const file of listFiles(dir)) {
    const body = readFileSync(file)
    const urlPath = `/${relative(dir, file).split(sep).join('/')}`
    const contentType = contentTypes[extname(file)] ?? 'application/octet-stream'
    const isText = /^(text\/|application\/json|image\/svg)/.test(contentType)
    assets.set(urlPath, {
      body,
      gzipped: isText ? gzipSync(body, { level: 9 }) : undefined,
      contentType,
      etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`,
    })
  }
  return assets
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? listFiles(path) : [path]
  })
}
