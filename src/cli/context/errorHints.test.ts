import { describe, expect, it } from 'vitest'
import * as generated from '../../chain/contracts.generated.ts'
import { ChainManifestInvalidError } from '../../chain/errors/deployment.ts'
import { ChainCallRevertedError, ChainTxRevertedError } from '../../chain/errors/transaction.ts'
import { CliInvalidArgumentError } from './cliErrors.ts'
import { errorHint, hintedRevertNames } from './errorHints.ts'

const revert = (errorName: string | undefined) => ({
  contract: 'Applications',
  functionName: 'stake',
  errorName,
  errorArgs: [],
  data: undefined,
})

describe('errorHint', () => {
  it('behavior: a ledger revert gets the command that gets past it', () => {
    expect(errorHint(new ChainTxRevertedError(revert('ServiceNotFound')))).toContain('decai service list')
    expect(errorHint(new ChainCallRevertedError(revert('GatewayNotStaked')))).toContain('decai gateway stake')
  })

  it('behavior: a bad manifest names the option to fix', () => {
    expect(
      errorHint(new ChainManifestInvalidError({ path: 'x.json', details: 'cannot read the file' })),
    ).toContain('--manifest')
  })

  it('default: nothing for reverts without a hint, unknown reverts and errors that say enough', () => {
    expect(errorHint(new ChainTxRevertedError(revert('ClaimExists')))).toBeUndefined()
    expect(errorHint(new ChainTxRevertedError(revert(undefined)))).toBeUndefined()
    expect(errorHint(new CliInvalidArgumentError({ option: '--x', reason: 'bad' }))).toBeUndefined()
  })

  it('behavior: every hinted revert is an error the ledger contracts can raise', () => {
    const abiErrors = new Set(
      Object.entries(generated)
        .filter(([name]) => name.endsWith('Abi'))
        .flatMap(([, abi]) =>
          (abi as ReadonlyArray<{ type: string; name?: string }>).filter((item) => item.type === 'error'),
        )
        .map((item) => item.name),
    )
    expect(hintedRevertNames.filter((name) => !abiErrors.has(name))).toEqual([])
  })
})
