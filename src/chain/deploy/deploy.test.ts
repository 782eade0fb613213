import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDecaiClients, type DecaiClients } from '../client/createDecaiClients.ts'
import { contractsSourceHash, ledgerParamsPresets } from '../contracts.generated.ts'
import {
  ChainDeployFailedError,
  ChainManifestInvalidError,
  ChainNotDeployedError,
  ChainWrongChainError,
} from '../errors/deployment.ts'
import { ChainNoAccountError } from '../errors/transaction.ts'
import { anvilDevPrivateKeys } from '../localChain/devAccounts.ts'
import { type StartLocalChainReturnType, startLocalChain } from '../localChain/startLocalChain.ts'
import { deployDecai } from './deployDecai.ts'
import type { DeploymentManifest } from './deploymentManifestSchema.ts'
import { listLedgerContracts } from './listLedgerContracts.ts'
import { parseDeploymentManifest, readDeploymentManifest } from './readDeploymentManifest.ts'
import { verifyDeployment } from './verifyDeployment.ts'
import { toDeploymentManifestJson } from './writeDeploymentManifest.ts'

const dir = mkdtempSync(join(tmpdir(), 'decai-deploy-'))
let chain: StartLocalChainReturnType
let clients: DecaiClients
let manifest: DeploymentManifest
const manifestPath = join(dir, 'nested', 'deployment.json')

beforeAll(async () => {
  chain = await startLocalChain({ chainId: 4_242 })
  clients = createDecaiClients({ rpcUrl: chain.rpcUrl, account: anvilDevPrivateKeys[0] })
  manifest = await deployDecai({ clients, manifestPath, dao: '0x000000000000000000000000000000000000da00' })
})
afterAll(async () => {
  await chain?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('deployDecai', () => {
  it('default: deploys the devnet ledger, wired, and writes its manifest', async () => {
    expect(manifest).toMatchObject({
      version: 1,
      chainId: 4_242,
      preset: 'devnet',
      numBlocksPerSession: ledgerParamsPresets.devnet.numBlocksPerSession,
      deployer: clients.account!.address,
      governance: clients.account!.address,
      sourceHash: contractsSourceHash,
      params: { dao: '0x000000000000000000000000000000000000da00', supplierMinStake: '100000000' },
    })
    expect(manifest.genesisHeight).toBe(manifest.deployBlock)
    expect(await readDeploymentManifest(manifestPath)).toEqual(manifest)
    expect(await verifyDeployment(clients, manifest)).toBe(true)
    expect(listLedgerContracts(manifest).map((c) => c.name)).toEqual([
      'DecaiParams',
      'DecaiToken',
      'Sessions',
      'Services',
      'Gateways',
      'Applications',
      'Suppliers',
      'Claims',
      'Proofs',
      'Settlement',
      'WatcherReports',
    ])
  })

  it('behavior: a second deployment from the same key lands at fresh addresses', async () => {
    const second = await deployDecai({ clients, params: 'production' })
    expect(second.preset).toBe('production')
    expect(second.numBlocksPerSession).toBe(ledgerParamsPresets.production.numBlocksPerSession)
    expect(second.contracts.params).not.toBe(manifest.contracts.params)
    expect(await verifyDeployment(clients, second)).toBe(true)
  })

  it('error: invalid parameters name the contract and the rule', async () => {
    const bad = {
      ...ledgerParamsPresets.devnet,
      params: { ...ledgerParamsPresets.devnet.params, suppliersPerSession: 0 },
    }
    const error = await deployDecai({ clients, params: bad }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChainDeployFailedError)
    expect((error as ChainDeployFailedError).cause).toMatchObject({
      errorName: 'InvalidParam',
      errorArgs: ['suppliersPerSession'],
    })
  })

  it('error: deploying without an account', async () => {
    const readOnly = createDecaiClients({ rpcUrl: chain.rpcUrl })
    await expect(deployDecai({ clients: readOnly })).rejects.toBeInstanceOf(ChainNoAccountError)
  })

  it('error: a manifest for another chain, or for contracts that are not there', async () => {
    await expect(verifyDeployment(clients, { ...manifest, chainId: 1 })).rejects.toBeInstanceOf(
      ChainWrongChainError,
    )
    const missing = {
      ...manifest,
      contracts: { ...manifest.contracts, claims: '0x00000000000000000000000000000000000c1a10' as const },
    }
    const error = await verifyDeployment(clients, missing).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChainNotDeployedError)
    expect((error as Error).message).toContain('claims')
  })
})

describe('readDeploymentManifest', () => {
  const valid = () => toDeploymentManifestJson(manifest) as Record<string, unknown>
  it.each([
    ['valid: as written', (m: Record<string, unknown>) => m, true],
    ['invalid: not JSON', () => '{', false],
    ['invalid: another version', (m: Record<string, unknown>) => ({ ...m, version: 2 }), false],
    ['invalid: a bigint as a JSON number', (m: Record<string, unknown>) => ({ ...m, deployBlock: 1 }), false],
    [
      'invalid: a short address',
      (m: Record<string, unknown>) => ({ ...m, contracts: { ...(m.contracts as object), token: '0x12' } }),
      false,
    ],
    [
      'invalid: a missing contract',
      (m: Record<string, unknown>) => ({
        ...m,
        contracts: { ...(m.contracts as object), proofs: undefined },
      }),
      false,
    ],
    ['invalid: no source hash', (m: Record<string, unknown>) => ({ ...m, sourceHash: undefined }), false],
  ] as const)('%s', (_name, edit, isValid) => {
    const edited = edit(valid())
    const text = typeof edited === 'string' ? edited : JSON.stringify(edited)
    if (isValid) expect(parseDeploymentManifest(text)).toEqual(manifest)
    else expect(() => parseDeploymentManifest(text)).toThrow(ChainManifestInvalidError)
  })

  it('error: a missing file', async () => {
    const error = await readDeploymentManifest(join(dir, 'absent.json')).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'CHAIN_MANIFEST_INVALID' })
  })

  it('behavior: the file on disk is stable, readable JSON with decimal strings', () => {
    const json = JSON.parse(readFileSync(manifestPath, 'utf8'))
    expect(typeof json.deployBlock).toBe('string')
    expect(json.contracts.params).toBe(manifest.contracts.params)
  })
})
