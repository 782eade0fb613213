import { BaseError } from '../protocol/errors/BaseError.ts'
import type { Fault } from '../protocol/errors/codes.ts'

// Every error the watcher raises (docs/errors.md, WATCHER). Messages never carry prompts, keys or
// supplier URLs with credentials: reports and logs are public.

/** The config file is missing, not YAML, or fails its schema. */
export class WatcherConfigError extends BaseError {
  constructor({ details, cause }: { details: string; cause?: unknown }) {
    super('The watcher config is invalid.', {
      code: 'WATCHER_INVALID_CONFIG',
      fault: 'internal',
      name: 'WatcherConfigError',
      details,
      cause,
    })
  }
}

/** The environment variable that should hold the signing key is unset or not a key. */
export class WatcherMissingSecretError extends BaseError {
  constructor({ variable }: { variable: string }) {
    super(`Environment variable ${variable} (the watcher's signing key) is not set to a private key.`, {
      code: 'WATCHER_MISSING_SECRET',
      fault: 'internal',
      name: 'WatcherMissingSecretError',
    })
  }
}

/** The reference model is not the artifact the service registered (audits would compare to the wrong model). */
export class ReferenceMismatchError extends BaseError {
  constructor({ serviceId, expected, actual }: { serviceId: string; expected: string; actual: string }) {
    super(`The reference model for ${serviceId} is not the registered artifact.`, {
      code: 'WATCHER_REFERENCE_MISMATCH',
      fault: 'internal',
      name: 'ReferenceMismatchError',
      details: `registered sha256 ${expected}, reference file ${actual}`,
    })
  }
}

/** A probe names a service the watcher holds no reference model for. */
export class NoReferenceError extends BaseError {
  constructor({ serviceId }: { serviceId: string }) {
    super(`The watcher has no reference model for service ${serviceId}.`, {
      code: 'WATCHER_NO_REFERENCE',
      fault: 'internal',
      name: 'NoReferenceError',
    })
  }
}

/** A probe could not be sent or its answer could not be read; `fault` says whose fault it was. */
export class ProbeFailedError extends BaseError {
  readonly status: number | undefined
  constructor({
    reason,
    fault,
    status,
    cause,
  }: { reason: string; fault: Fault; status?: number; cause?: unknown }) {
    super(`The probe failed: ${reason}.`, {
      code: 'WATCHER_PROBE_FAILED',
      fault,
      name: 'ProbeFailedError',
      cause,
    })
    this.status = status
  }
}

/** A report's hash or signature does not verify, or its body is not a report. */
export class InvalidReportError extends BaseError {
  constructor({ reason }: { reason: string }) {
    super(`The watcher report is invalid: ${reason}.`, {
      code: 'WATCHER_INVALID_REPORT',
      fault: 'client',
      name: 'InvalidReportError',
    })
  }
}

/** No report for this supplier, or no such route. */
export class WatcherNotFoundError extends BaseError {
  constructor({ what }: { what: string }) {
    super(`Not found: ${what}.`, { code: 'WATCHER_NOT_FOUND', fault: 'client', name: 'WatcherNotFoundError' })
  }
}

/** A calibration input is unusable. */
export class InvalidCalibrationError extends BaseError {
  constructor({ reason }: { reason: string }) {
    super(`The calibration is invalid: ${reason}.`, {
      code: 'WATCHER_INVALID_CALIBRATION',
      fault: 'internal',
      name: 'InvalidCalibrationError',
    })
  }
}
