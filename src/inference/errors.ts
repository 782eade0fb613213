import { BaseError } from '../protocol/errors/BaseError.ts'
import type { Fault } from '../protocol/errors/codes.ts'

/** A completion request is malformed or out of range; the message names the field. */
export class InvalidInferenceRequestError extends BaseError {
  constructor({ field, reason }: { field: string; reason: string }) {
    super(`Invalid request: ${field} ${reason}.`, {
      code: 'INFERENCE_INVALID_REQUEST',
      fault: 'client',
      name: 'InvalidInferenceRequestError',
    })
  }
}

/** The prompt does not leave room for a single output token in the model's context. */
export class ContextOverflowError extends BaseError {
  constructor({ promptTokens, contextSize }: { promptTokens: number; contextSize: number }) {
    super(`The prompt has ${promptTokens} tokens; the context holds ${contextSize}.`, {
      code: 'INFERENCE_CONTEXT_OVERFLOW',
      fault: 'client',
      name: 'ContextOverflowError',
      metaMessages: ['Shorten the prompt, or run the backend with a larger contextSize.'],
    })
  }
}

/** The backend cannot perform this operation at all. */
export class UnsupportedOperationError extends BaseError {
  constructor({ operation, backend }: { operation: string; backend: string }) {
    super(`The ${backend} backend does not support ${operation}.`, {
      code: 'INFERENCE_UNSUPPORTED',
      fault: 'client',
      name: 'UnsupportedOperationError',
    })
  }
}

/** The caller's AbortSignal fired before the request finished. */
export class InferenceAbortedError extends BaseError {
  constructor({ cause }: { cause?: unknown } = {}) {
    super('The inference request was aborted.', {
      code: 'INFERENCE_ABORTED',
      fault: 'client',
      name: 'InferenceAbortedError',
      cause,
    })
  }
}

/** Every sequence is busy and the wait queue is full. */
export class BackendBusyError extends BaseError {
  constructor({ queued }: { queued: number }) {
    super(`The backend is busy (${queued} requests already waiting).`, {
      code: 'INFERENCE_BACKEND_BUSY',
      fault: 'supplier',
      name: 'BackendBusyError',
      metaMessages: ['Retry later, or raise parallelSequences / maxQueuedRequests.'],
    })
  }
}

/** The backend was used after `close()`. */
export class BackendClosedError extends BaseError {
  constructor() {
    super('The inference backend is closed.', {
      code: 'INFERENCE_BACKEND_CLOSED',
      fault: 'supplier',
      name: 'BackendClosedError',
    })
  }
}

/** The upstream server did not answer, or stopped streaming, within the timeout. */
export class BackendTimeoutError extends BaseError {
  constructor({ timeoutMs }: { timeoutMs: number }) {
    super(`The inference backend did not answer within ${timeoutMs} ms.`, {
      code: 'INFERENCE_BACKEND_TIMEOUT',
      fault: 'supplier',
      name: 'BackendTimeoutError',
    })
  }
}

/** The upstream server answered with an HTTP error or a body that is not OpenAI-shaped. */
export class UpstreamError extends BaseError {
  /** HTTP status of the upstream answer; 0 when the body, not the status, was wrong. */
  readonly status: number

  constructor({ status, details }: { status: number; details?: string }) {
    super(
      status === 0
        ? 'The upstream server sent a malformed answer.'
        : `The upstream server answered ${status}.`,
      {
        code: 'INFERENCE_UPSTREAM_ERROR',
        fault: faultOfStatus(status),
        name: 'UpstreamError',
        details,
      },
    )
    this.status = status
  }
}

// A 400/404/413/422 means the request itself was wrong; auth, throttling and 5xx are the supplier's setup.
function faultOfStatus(status: number): Fault {
  return [400, 404, 413, 422].includes(status) ? 'client' : 'supplier'
}

/** The upstream server could not be reached at all. */
export class UpstreamUnreachableError extends BaseError {
  constructor({ url, cause }: { url: string; cause?: unknown }) {
    super(`The upstream server at ${url} could not be reached.`, {
      code: 'INFERENCE_UPSTREAM_UNREACHABLE',
      fault: 'supplier',
      name: 'UpstreamUnreachableError',
      cause,
    })
  }
}

/** The model file's sha256 is not the one the service registered. */
export class ModelHashMismatchError extends BaseError {
  constructor({ path, expected, actual }: { path: string; expected: string; actual: string }) {
    super(`Model file ${path} has sha256 ${actual}; expected ${expected}.`, {
      code: 'INFERENCE_MODEL_HASH_MISMATCH',
      fault: 'supplier',
      name: 'ModelHashMismatchError',
      metaMessages: ['Fetch or regenerate the exact registered artifact; never serve a different file.'],
    })
  }
}

/** llama.cpp could not load the model file. */
export class ModelLoadError extends BaseError {
  constructor({ path, cause }: { path: string; cause?: unknown }) {
    super(`Could not load the model file ${path}.`, {
      code: 'INFERENCE_MODEL_LOAD_FAILED',
      fault: 'supplier',
      name: 'ModelLoadError',
      details: cause instanceof Error ? cause.message : undefined,
      cause,
    })
  }
}

/** `generateModel` got options it cannot honour. */
export class InvalidModelOptionsError extends BaseError {
  constructor({ field, reason }: { field: string; reason: string }) {
    super(`Invalid model option: ${field} ${reason}.`, {
      code: 'INFERENCE_INVALID_MODEL_OPTIONS',
      fault: 'client',
      name: 'InvalidModelOptionsError',
    })
  }
}

/** A file is not a GGUF model, or its header is truncated. */
export class InvalidGgufError extends BaseError {
  constructor({ path, reason }: { path: string; reason: string }) {
    super(`${path} is not a readable GGUF file: ${reason.replace(/\.$/, '')}.`, {
      code: 'INFERENCE_INVALID_GGUF',
      fault: 'client',
      name: 'InvalidGgufError',
    })
  }
}
