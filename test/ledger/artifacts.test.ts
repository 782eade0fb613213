import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { computeSourceHash, listSolidityFiles } from '../../contracts/sourceHash.ts'
import { contractsSourceHash } from '../../src/chain/contracts.generated.ts'
import { contractsSourceHash as harnessSourceHash } from './harnesses.generated.ts'

describe('generated contract artifacts', () => {
  it('behavior: were generated from the current sources (run `node --import tsx contracts/build.ts`)', () => {
    const hash = computeSourceHash()
    expect(contractsSourceHash, 'src/chain/contracts.generated.ts is stale').toBe(hash)
    expect(harnessSourceHash, 'test/ledger/harnesses.generated.ts is stale').toBe(hash)
  })

  it('behavior: every deployable contract is under the 24 KB code-size limit (EIP-170)', () => {
    const names = [
      'DecaiToken',
      'DecaiParams',
      'Sessions',
      'Sha3Hasher',
      'Services',
      'Gateways',
      'Applications',
    ]
    names.push('Suppliers', 'Claims', 'Proofs', 'Settlement')
    for (const name of names) {
      const artifact = JSON.parse(
        readFileSync(new URL(`../../contracts/artifacts/${name}.json`, import.meta.url), 'utf8'),
      )
      expect(artifact.deployedBytes, name).toBeLessThanOrEqual(24_576)
    }
    expect(listSolidityFiles().length).toBeGreaterThan(names.length)
  })
})
