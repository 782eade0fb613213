import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import { computeUiSourceHash } from '../build/computeUiSourceHash.ts'

const uiDir = fileURLToPath(new URL('.', import.meta.url))
const rootDir = fileURLToPath(new URL('../../..', import.meta.url))

// Records what the bundle was built from (see computeUiSourceHash): the staleness test reads it.
function buildInfo(): Plugin {
  return {
    name: 'decai-build-info',
    generateBundle() {
      const info = computeUiSourceHash({ uiDir, rootDir })
      this.emitFile({
        type: 'asset',
        fileName: 'build-info.json',
        source: `${JSON.stringify(info, null, 2)}\n`,
      })
    },
  }
}

// Fixed file names (no content hashes): the bundle is committed, and stable names keep its diffs readable;
// the server revalidates with ETags instead.
export default defineConfig({
  root: uiDir,
  base: './',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    rollupOptions: {
      output: {
        entryFileNames: 'assets/app.js',
        chunkFileNames: 'assets/[name].js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
  plugins: [buildInfo()],
})
