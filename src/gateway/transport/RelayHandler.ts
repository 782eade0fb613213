import type { Dispatcher } from 'undici'
import { parseSseStream } from '../../protocol/sse/parseSseStream.ts'
import type { SupplierReply, SupplierSendOptions } from '../ports.ts'
import { type ChunkQueue, createChunkQueue } from './createChunkQueue.ts'

/**
 * undici's dispatch handler for one relay: settles the send's promise at the response headers (an SSE
 * answer, whose events are then read as they arrive) or at the end of a JSON answer; watches the
 * caller's signal and the acknowledgement limit. undici calls `onConnect` only once the request is
 * written to a socket, so an abort or timeout before that settles the promise at once and aborts the
 * request when undici gets to it.
 */
export class RelayHandler implements Dispatcher.DispatchHandlers {
  private abort: ((error: Error) => void) | undefined
  private abortReason: Error | undefined
  private unacknowledged: NodeJS.Timeout | undefined
  private status = 0
  private chunks: Buffer[] = []
  private size = 0
  private queue: ChunkQueue | undefined
  private isSettled = false
  private readonly onAbort = () => this.stop(abortErrorOf(this.options.signal))

  constructor(
    private readonly options: SupplierSendOptions,
    private readonly connectTimeoutMs: number,
    private readonly resolve: (reply: SupplierReply) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    const { signal, acknowledgeTimeoutMs } = options
    if (acknowledgeTimeoutMs !== undefined)
      this.unacknowledged = setTimeout(
        () => this.stop(unacknowledgedError(acknowledgeTimeoutMs)),
        acknowledgeTimeoutMs,
      )
    if (signal.aborted) this.onAbort()
    else signal.addEventListener('abort', this.onAbort)
  }

  onConnect(abort: (error: Error) => void): void {
    this.abort = abort
    if (this.abortReason) abort(this.abortReason)
  }

  onHeaders(statusCode: number, headers: Buffer[], resume: () => void): boolean {
    // Any answer, a 102 Processing included, acknowledges the relay.
    clearTimeout(this.unacknowledged)
    if (statusCode < 200) return true
    this.status = statusCode
    if (isEventStream(headers)) {
      this.queue = createChunkQueue({ resume, onReturn: () => this.stop(readerGoneError()) })
      this.settle({ kind: 'stream', status: statusCode, events: parseSseStream(this.queue) })
    }
    return true
  }

  onData(chunk: Buffer): boolean {
    if (this.queue) return this.queue.push(chunk)
    this.chunks.push(chunk)
    this.size += chunk.length
    return true
  }

  onComplete(): void {
    this.forget()
    if (this.queue) {
      this.queue.end()
      return
    }
    let body: unknown
    try {
      body = JSON.parse(Buffer.concat(this.chunks, this.size).toString('utf8'))
    } catch {
      body = undefined
    }
    this.settle({ kind: 'json', status: this.status, body })
  }

  onError(error: Error): void {
    this.forget()
    const failure = isConnectTimeout(error) ? connectTimeoutError(this.connectTimeoutMs) : error
    if (this.queue) this.queue.fail(failure)
    else this.fail(failure)
  }

  private stop(reason: Error): void {
    this.abortReason ??= reason
    this.fail(reason)
    this.abort?.(reason)
  }

  private settle(reply: SupplierReply): void {
    if (this.isSettled) return
    this.isSettled = true
    this.resolve(reply)
  }

  private fail(error: Error): void {
    if (this.isSettled) return
    this.isSettled = true
    this.forget()
    this.reject(error)
  }

  private forget(): void {
    clearTimeout(this.unacknowledged)
    this.options.signal.removeEventListener('abort', this.onAbort)
  }
}

function isEventStream(headers: Buffer[]): boolean {
  for (let i = 0; i + 1 < headers.length; i += 2)
    if (headers[i]!.length === 12 && headers[i]!.toString('latin1').toLowerCase() === 'content-type')
      return headers[i + 1]!.toString('latin1').startsWith('text/event-stream')
  return false
}

function isConnectTimeout(error: Error): boolean {
  return (error as { code?: unknown }).code === 'UND_ERR_CONNECT_TIMEOUT'
}

// Plain errors, classified by name or code (routing/classifyFailure.ts): a connect timeout is a
// connection failure, a missing acknowledgement or an abort a timeout. They never reach a client.
function connectTimeoutError(timeoutMs: number): Error {
  return Object.assign(new Error(`no connection within ${timeoutMs} ms`), { code: 'ECONNTIMEOUT' })
}

function unacknowledgedError(timeoutMs: number): Error {
  return new DOMException(`the supplier did not acknowledge the relay within ${timeoutMs} ms`, 'TimeoutError')
}

function abortErrorOf(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('the relay was aborted', 'AbortError')
}

function readerGoneError(): Error {
  return new DOMException('the stream was left unread', 'AbortError')
}
