import { z } from 'zod'
import { defaultDevnetDir } from './devnetPaths.ts'

const port = z.number().int().min(0).max(65_535)

/**
 * The devnet's options (`decai devnet --help`), parsed once. Ports are on 127.0.0.1; 0 picks a free port
 * (fine for the chain and the gateway; suppliers need stable ports, their endpoints are on the ledger).
 */
export const devnetOptionsSchema = z.object({
  dataDir: z.string().min(1).default(defaultDevnetDir),
  rpcPort: port.default(8545),
  gatewayPort: port.default(8080),
  relayminerPorts: z.array(port.min(1)).min(1).default([8081, 8082, 8083]),
  watcherPort: port.default(8090),
  explorerPort: port.default(8088),
  shouldRunWatcher: z.boolean().default(true),
  shouldRunExplorer: z.boolean().default(true),
  suppliers: z.number().int().min(1).max(8).default(3),
  modelSize: z.enum(['tiny', 'small']).default('tiny'),
  /** Ledger parameters for the first deployment: a preset name or a JSON overrides file. */
  params: z.string().min(1).default('devnet'),
  blockTimeSec: z.number().int().min(1).max(60).default(1),
  shouldReset: z.boolean().default(false),
  isJson: z.boolean().default(false),
})

/** Parsed devnet options. */
export type DevnetOptions = z.output<typeof devnetOptionsSchema>
/** Devnet options as given. */
export type DevnetOptionsInput = z.input<typeof devnetOptionsSchema>
