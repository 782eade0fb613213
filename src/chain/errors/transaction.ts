import { BaseError } from '../../protocol/errors/BaseError.ts'

/** Fields shared by the two revert errors: which contract call failed and the decoded custom error. */
export type RevertInfo = {
  contract: string
  functionName: string
  /** The contract's custom error name (e.g. `ClaimWindowClosed`), or `undefined` when the data is unknown. */
  errorName: string | undefined
  /** The custom error's decoded arguments, in ABI order. */
  errorArgs: readonly unknown[]
  /** The raw revert data, for errors the ABI does not know. */
  data: `0x${string}` | undefined
}

function describeRevert(info: RevertInfo): string {
  const reason =
    info.errorName ??
    (info.data && info.data !== '0x' ? `unknown error ${info.data.slice(0, 10)}` : 'no reason')
  return `${info.contract}.${info.functionName} reverted: ${reason}`
}

/** A read (`eth_call`) reverted. */
export class ChainCallRevertedError extends BaseError implements RevertInfo {
  readonly contract: string
  readonly functionName: string
  readonly errorName: string | undefined
  readonly errorArgs: readonly unknown[]
  readonly data: `0x${string}` | undefined
  constructor(info: RevertInfo & { cause?: unknown }) {
    super(`${describeRevert(info)}.`, {
      code: 'CHAIN_CALL_REVERTED',
      name: 'ChainCallRevertedError',
      fault: 'client',
      details: formatArgs(info.errorArgs),
      cause: info.cause,
    })
    this.contract = info.contract
    this.functionName = info.functionName
    this.errorName = info.errorName
    this.errorArgs = info.errorArgs
    this.data = info.data
  }
}

/** A transaction reverted, in simulation before sending or once mined (`transactionHash` is then set). */
export class ChainTxRevertedError extends BaseError implements RevertInfo {
  readonly contract: string
  readonly functionName: string
  readonly errorName: string | undefined
  readonly errorArgs: readonly unknown[]
  readonly data: `0x${string}` | undefined
  readonly transactionHash: `0x${string}` | undefined
  constructor(info: RevertInfo & { transactionHash?: `0x${string}`; cause?: unknown }) {
    super(`${describeRevert(info)}.`, {
      code: 'CHAIN_TX_REVERTED',
      name: 'ChainTxRevertedError',
      fault: 'client',
      details: formatArgs(info.errorArgs),
      cause: info.cause,
    })
    this.contract = info.contract
    this.functionName = info.functionName
    this.errorName = info.errorName
    this.errorArgs = info.errorArgs
    this.data = info.data
    this.transactionHash = info.transactionHash
  }
}

function formatArgs(args: readonly unknown[]): string | undefined {
  if (args.length === 0) return undefined
  return `error arguments: ${JSON.stringify(args, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`
}

/** A sent transaction was not mined within the wait limit. */
export class ChainTxTimeoutError extends BaseError {
  readonly transactionHash: `0x${string}`
  constructor({
    transactionHash,
    timeoutMs,
    cause,
  }: { transactionHash: `0x${string}`; timeoutMs: number; cause?: unknown }) {
    super(`Transaction ${transactionHash} was not mined within ${timeoutMs} ms.`, {
      code: 'CHAIN_TX_TIMEOUT',
      name: 'ChainTxTimeoutError',
      metaMessages: ['Check that the chain mines blocks; the transaction may still land.'],
      cause,
    })
    this.transactionHash = transactionHash
  }
}

/** A write was attempted by clients created without an account. */
export class ChainNoAccountError extends BaseError {
  constructor({ operation }: { operation: string }) {
    super(`${operation} needs an account; the chain clients were created without one.`, {
      code: 'CHAIN_NO_ACCOUNT',
      name: 'ChainNoAccountError',
      metaMessages: ['Pass `account` (a private key or a local account) to createDecaiClients.'],
    })
  }
}
