import type { Address } from 'viem'
import { z } from 'zod'

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'a 20-byte 0x address')
  .transform((value) => value as Address)
const hash32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'a 32-byte 0x hash')
/** bigints travel as decimal strings: JSON numbers lose precision above 2^53. */
const uint = z
  .string()
  .regex(/^\d+$/, 'a non-negative decimal integer string')
  .transform((value) => BigInt(value))

/** The ledger contracts by role, as in Solidity's `LedgerAddresses`. */
export const ledgerContractNames = [
  'params',
  'token',
  'sessions',
  'services',
  'gateways',
  'applications',
  'suppliers',
  'claims',
  'proofs',
  'settlement',
] as const

export type LedgerContractName = (typeof ledgerContractNames)[number]

/**
 * The deployment manifest: where a decai ledger lives and how it was configured. Written by
 * `deployDecai`, read by every service (`readDeploymentManifest`). Input is JSON (bigints as decimal
 * strings); output has bigints and typed addresses.
 */
export const deploymentManifestSchema = z.object({
  /** Format version of this file. */
  version: z.literal(1),
  chainId: z.number().int().positive(),
  /** The block of the first deployment transaction: where indexers start. */
  deployBlock: uint,
  /** The block the parameters contract was deployed in: session 1 starts there (spec §3.1 `A`). */
  genesisHeight: uint,
  numBlocksPerSession: uint,
  deployer: address,
  governance: address,
  contracts: z.object({
    ...(Object.fromEntries(ledgerContractNames.map((name) => [name, address])) as {
      [K in LedgerContractName]: typeof address
    }),
    /** Where watchers commit report hashes; absent in manifests written before it existed. */
    watcherReports: address.optional(),
  }),
  /** `devnet` or `custom`. */
  preset: z.string().min(1),
  /** The initial governed parameters, by Solidity field name (integers as decimal strings). */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** sha256 of the Solidity sources and compiler settings the bytecode was built from. */
  sourceHash: hash32,
  /** ISO 8601 time of deployment, for people; nothing depends on it. */
  deployedAt: z.string(),
})

/** A parsed deployment manifest. */
export type DeploymentManifest = z.output<typeof deploymentManifestSchema>
/** A deployment manifest as stored in JSON. */
export type DeploymentManifestJson = z.input<typeof deploymentManifestSchema>
