/**
 * @module watcher
 *
 * Covert audits of suppliers (DESIGN §8, docs/watcher.md). A watcher sends probes that look like
 * ordinary traffic (natural prompts from a shipped corpus, in the request shapes real traffic has, at
 * Poisson times, under the same signer) and judges every answer three ways: model identity (greedy
 * tokens re-scored under the service's registered model must be its argmax up to a calibrated tolerance;
 * returned logprobs must match), metering (reported usage against the re-tokenised exchange) and
 * quality of service (TTFT, TPOT and errors against the supplier's objectives). Each supplier is judged
 * by anytime-valid sequential tests (e-processes) that fail an honest supplier with probability at most
 * α however long the audit runs. Verdicts are published as signed JSON reports over HTTP and as events
 * a gateway scores suppliers on. It reaches suppliers only through the `ProbeTransport` port.
 */

export {
  type AuditSettings,
  createSupplierAudit,
  type ProbeOutcome,
  type SupplierAudit,
} from './audit/createSupplierAudit.ts'
export type { IdentityNullRates } from './audit/probeEValues.ts'
export type { AuditState, AuditTally, CheckName, CheckState } from './audit/types.ts'
export {
  calibrateNullRate,
  calibrateTolerance,
  clopperPearsonUpper,
  type ToleranceRule,
} from './calibration/calibrate.ts'
export { embeddedWatcherConfigSchema, watcherConfigSchema } from './config/configSchema.ts'
export {
  type EmbeddedWatcherConfig,
  loadWatcherConfig,
  parseEmbeddedWatcherConfig,
  parseWatcherConfig,
  type WatcherConfig,
} from './config/loadWatcherConfig.ts'
export { corpusPrompts, followUps, systemPrompts } from './corpus/corpus.ts'
export { type CreateWatcherParameters, createWatcher, type Watcher } from './createWatcher.ts'
export { computeCountEValue } from './decision/computeCountEValue.ts'
export { createMixtureEProcess, type MixtureEProcess } from './decision/createMixtureEProcess.ts'
export {
  InvalidCalibrationError,
  InvalidReportError,
  NoReferenceError,
  ProbeFailedError,
  ReferenceMismatchError,
  WatcherConfigError,
  WatcherMissingSecretError,
  WatcherNotFoundError,
} from './errors.ts'
export {
  type CheckIdentityParameters,
  checkIdentity,
  type IdentityObservation,
  type IdentityTolerances,
} from './identity/checkIdentity.ts'
export { computeTokenMargins, type Penalties } from './identity/computeTokenMargins.ts'
export {
  type CheckMeteringParameters,
  checkMetering,
  type MeteringObservation,
  type MeteringTolerances,
  type SignedUsage,
} from './metering/checkMetering.ts'
export type {
  ProbeAnswer,
  ProbeExchange,
  ProbeFailure,
  ProbeTarget,
  ProbeTiming,
  ProbeTransport,
  ReferenceModel,
  ReportCommitter,
  TargetSource,
} from './ports.ts'
export { buildProbeRequest, type PastTurn } from './probe/buildProbeRequest.ts'
export type { ProbeResult } from './probe/createProbeRunner.ts'
export { createPromptDeck } from './probe/createPromptDeck.ts'
export { createTrafficShapes, type TrafficShapes } from './probe/createTrafficShapes.ts'
export { evaluateProbe, type ProbeJudgement } from './probe/evaluateProbe.ts'
export { type ProbeShape, sampleProbeShape, shapeOfRequest, type TrafficProfile } from './probe/probeShape.ts'
export { checkQos, type QosObservation, type ServiceObjectives } from './qos/checkQos.ts'
export { buildWatcherReport } from './report/buildWatcherReport.ts'
export { createReportApp } from './report/createReportApp.ts'
export { createReportBook, type ReportBook } from './report/createReportBook.ts'
export {
  type CreateReportFeedParameters,
  createReportFeed,
  type ReportFeed,
} from './report/createReportFeed.ts'
export { hashWatcherReport, signWatcherReport } from './report/signWatcherReport.ts'
export type {
  ReportCommitment,
  SignedWatcherReport,
  WatcherReport,
  WatcherVerdict,
} from './report/types.ts'
export { verifyWatcherReport } from './report/verifyWatcherReport.ts'
export { defaultCalibration, defaultTrafficProfile, type WatcherSettings } from './settings.ts'
export {
  createRelayProbeTransport,
  type RelayRoute,
  type RelayRouteSource,
  relayUrlOf,
} from './transport/createRelayProbeTransport.ts'
export {
  createRoutedProbeTransport,
  type PreparedProbeRelay,
  type ProbeRouter,
  type RoutedReply,
} from './transport/createRoutedProbeTransport.ts'
