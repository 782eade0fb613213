import { BaseError } from '../protocol/errors/BaseError.ts'

// Every error the SDK raises (docs/errors.md, SDK). Messages never contain keys or prompts.

/** The client was created with a bad option. */
export class SdkInvalidOptionsError extends BaseError {
  constructor({ option, reason }: { option: string; reason: string }) {
    super(`Invalid SDK option ${option}: ${reason}.`, {
      code: 'SDK_INVALID_OPTIONS',
      fault: 'client',
      name: 'SdkInvalidOptionsError',
    })
  }
}

/** The SDK's fetch got a method or path it does not relay. */
export class SdkUnsupportedRequestError extends BaseError {
  constructor({ method, path }: { method: string; path: string }) {
    super(`${method} ${path} is not relayed by the decai SDK.`, {
      code: 'SDK_UNSUPPORTED_REQUEST',
      fault: 'client',
      name: 'SdkUnsupportedRequestError',
    })
  }
}

/** The current session has no supplier for the service. */
export class SdkNoSupplierError extends BaseError {
  constructor({ serviceId }: { serviceId: string }) {
    super(`The current session has no supplier for '${serviceId}'.`, {
      code: 'SDK_NO_SUPPLIER',
      fault: 'supplier',
      name: 'SdkNoSupplierError',
    })
  }
}

/** Every supplier tried failed; the last failure is the cause. */
export class SdkRelayFailedError extends BaseError {
  readonly status: number | undefined
  constructor({ attempts, status, cause }: { attempts: number; status?: number; cause?: unknown }) {
    super(`The relay failed on ${attempts} supplier${attempts === 1 ? '' : 's'}.`, {
      code: 'SDK_RELAY_FAILED',
      fault: 'supplier',
      name: 'SdkRelayFailedError',
      cause,
    })
    this.status = status
  }
}

/** A supplier's signed response did not verify. */
export class SdkInvalidRelayResponseError extends BaseError {
  readonly check: string
  constructor({ check }: { check: string }) {
    super(`A supplier's signed response failed verification (${check}).`, {
      code: 'SDK_INVALID_RELAY_RESPONSE',
      fault: 'supplier',
      name: 'SdkInvalidRelayResponseError',
    })
    this.check = check
  }
}
