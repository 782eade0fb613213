import { join, resolve } from 'node:path'

/** Where `decai devnet` keeps its state unless `--data-dir` says otherwise (gitignored). */
export const defaultDevnetDir = '.data/devnet'

/** Every file and folder of a devnet data directory, so that no other file spells a path. */
export type DevnetPaths = ReturnType<typeof getDevnetPaths>

/**
 * Lays out a devnet data directory (docs/devnet.md, "Data directory").
 *
 * @param dataDir - the directory (relative paths are resolved against the working directory)
 * @returns absolute paths
 * @example
 * getDevnetPaths('.data/devnet').manifest // '/…/.data/devnet/deployment.json'
 */
export function getDevnetPaths(dataDir: string) {
  const root = resolve(dataDir)
  return {
    root,
    lock: join(root, 'devnet.lock'),
    keys: join(root, 'keys.json'),
    chainState: join(root, 'chain', 'state.json'),
    manifest: join(root, 'deployment.json'),
    modelDir: join(root, 'model'),
    modelRecord: join(root, 'model', 'model.json'),
    status: join(root, 'status.json'),
    logs: join(root, 'logs'),
    logOf: (role: string) => join(root, 'logs', `${role}.log`),
    relayMinerDir: (index: number) => join(root, `relayminer-${index + 1}`),
    gatewayDir: join(root, 'gateway'),
    watcherDir: join(root, 'watcher'),
    explorerDir: join(root, 'explorer'),
  }
}
