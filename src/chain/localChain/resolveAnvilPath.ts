import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { ChainLocalChainError } from '../errors/localChain.ts'

const archNames: Record<string, string> = { x64: 'amd64', arm64: 'arm64' }

/**
 * Finds the prebuilt anvil binary that `@foundry-rs/anvil` installed for this platform.
 *
 * Why not `node_modules/.bin/anvil`: that is a Node wrapper that spawns the binary in turn, which costs a
 * second process and ~40 ms per start, and it makes signals reach anvil only indirectly.
 *
 * @returns the absolute path of the anvil executable
 * @throws {ChainLocalChainError} when no binary is installed for this platform
 * @example
 * spawn(resolveAnvilPath(), ['--port', '8545'])
 */
export function resolveAnvilPath(): string {
  const arch = archNames[process.arch]
  const binary = process.platform === 'win32' ? 'anvil.exe' : 'anvil'
  const packageName = `@foundry-rs/anvil-${process.platform}-${arch ?? process.arch}`
  try {
    const path = createRequire(import.meta.url).resolve(`${packageName}/bin/${binary}`)
    if (existsSync(path)) return path
  } catch (cause) {
    throw new ChainLocalChainError({ reason: `no anvil binary for this platform (${packageName})`, cause })
  }
  throw new ChainLocalChainError({ reason: `no anvil binary for this platform (${packageName})` })
}
