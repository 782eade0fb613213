/**
 * What the watcher needs from the outside, declared by the consumer (STYLE §1): a way to send a probe
 * to one supplier and see its answer with timings (`ProbeTransport`), the suppliers to audit
 * (`TargetSource`), the reference model of each service (`ReferenceModel`) and, optionally, a place
 * to commit report hashes (`ReportCommitter`). The CLI implements the transport with signed relays over
 * HTTP (`createRelayProbeTransport`) or, inside a gateway, with the gateway's own router
 * (`createRoutedProbeTransport`), so that probes travel with real traffic; tests implement the ports in
 * memory.
 */
import type {
  ChatCompletionRequest,
  ChatMessage,
  FinishReason,
  ScoreTokensReturnType,
  TokenLogprob,
  Usage,
} from '../inference/index.ts'
import type { Hex } from '../protocol/bytes/bytes.ts'
import type { Fault } from '../protocol/errors/codes.ts'
import type { SignedUsage } from './metering/checkMetering.ts'
import type { SignedWatcherReport } from './report/types.ts'

/** One supplier of one service, as audited. */
export type ProbeTarget = {
  /** The supplier's operator address (lower case). */
  supplier: Hex
  serviceId: string
  /** Where it serves relays, when the transport needs it. */
  endpoint?: string
}

/** When things happened, in ms on the watcher's clock. */
export type ProbeTiming = {
  sentAtMs: number
  /** When the first non-empty content arrived (streamed answers only). */
  firstContentAtMs: number | undefined
  doneAtMs: number
}

/** A probe that was answered. */
export type ProbeAnswer = {
  isOk: true
  content: string
  finishReason: FinishReason | null
  usage: Usage | undefined
  /** Per-token logprobs, when the probe asked for them and the supplier returned them. */
  logprobs: TokenLogprob[] | undefined
  /** The usage the supplier signed (relay transports only). */
  signedUsage?: SignedUsage | undefined
  timing: ProbeTiming
}

/** A probe that failed, with whose fault it was (only `supplier` and `unknown` count against it). */
export type ProbeFailure = {
  isOk: false
  code: string
  fault: Fault
  status: number | undefined
  timing: ProbeTiming
}

/** What the watcher saw of one probe. */
export type ProbeExchange = ProbeAnswer | ProbeFailure

/** Sends one chat request to one supplier, exactly as ordinary traffic would reach it. */
export interface ProbeTransport {
  /** Never throws for a supplier's failure: that is evidence, returned as a `ProbeFailure`. */
  send(
    target: ProbeTarget,
    request: ChatCompletionRequest,
    options: { signal: AbortSignal },
  ): Promise<ProbeExchange>
}

/** The suppliers to audit now (e.g. those of the current sessions, per service). */
export interface TargetSource {
  listTargets(): Promise<ProbeTarget[]>
}

/**
 * The reference model of a service: the champion's registered artifact, loaded after its sha256 was
 * checked. The embedded backend (`createEmbeddedBackend`) satisfies this interface.
 */
export interface ReferenceModel {
  /** The sha256 of the loaded file (hex, no 0x). */
  readonly sha256: string
  /** Tokenises like a prompt (BOS first) unless `addBos` is false. */
  tokenize(text: string, options?: { addBos?: boolean }): readonly number[]
  /** The exact prompt text a chat request is evaluated as. */
  renderChatPrompt(messages: readonly ChatMessage[]): string
  /** Teacher-forced score of an answer (one batched pass), with `topLogprobs` alternatives. */
  scoreChatAnswer(input: {
    messages: ChatMessage[]
    content: string
    topLogprobs?: number
  }): Promise<ScoreTokensReturnType>
}

/**
 * Commits reports' hashes somewhere public (the CLI: the ledger's `WatcherReports` contract), so that
 * anyone can later show a report existed by then. Rejects when the commitment failed.
 */
export interface ReportCommitter {
  commit(signed: SignedWatcherReport): Promise<{ blockNumber: bigint }>
}
