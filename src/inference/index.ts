/**
 * @module inference
 *
 * Everything that turns an OpenAI-style request into tokens. Two backends implement one interface
 * (`InferenceBackend`): the embedded backend runs a GGUF model in-process with llama.cpp (through
 * node-llama-cpp), after checking the file's sha256 against the one the service registered; the upstream
 * backend forwards to any OpenAI-compatible server by URL. Both return plain OpenAI-shaped objects and
 * async iterables of chunks; HTTP and SSE framing belong to the RelayMiner and the gateway.
 *
 * No model weights can be downloaded where decai is developed and tested, so this module also generates
 * its own: `generateModel` writes deterministic llama GGUF files (same seed → same bytes) from tiny to
 * ~100 M parameters, in F32, F16, Q8_0 and Q4_0. See docs/inference.md.
 */
export type { InferenceBackend, InferenceCallOptions } from './backend.ts'
export {
  type CreateEmbeddedBackendParameters,
  createEmbeddedBackend,
  type EmbeddedBackend,
} from './embedded/createEmbeddedBackend.ts'
export type { ScoreInput, ScoringMethods } from './embedded/createScoringMethods.ts'
export { renderChatPrompt } from './embedded/renderChatPrompt.ts'
export type { ScoredToken, ScoreTokensReturnType } from './embedded/scoreTokens.ts'
export { verifyModelFile } from './embedded/verifyModelFile.ts'
export {
  BackendBusyError,
  BackendClosedError,
  BackendTimeoutError,
  ContextOverflowError,
  InferenceAbortedError,
  InvalidGgufError,
  InvalidInferenceRequestError,
  InvalidModelOptionsError,
  ModelHashMismatchError,
  ModelLoadError,
  UnsupportedOperationError,
  UpstreamError,
  UpstreamUnreachableError,
} from './errors.ts'
export { generatorVersion } from './gguf/buildMetadata.ts'
export {
  type GenerateModelParameters,
  type GenerateModelReturnType,
  generateModel,
} from './gguf/generateModel.ts'
export { countParameters, type ModelShape, type ModelSize, modelShapes } from './gguf/modelShapes.ts'
export type { ModelDtype } from './gguf/tensorPlan.ts'
export { hashModelFile } from './hashModelFile.ts'
export {
  parseChatCompletionRequest,
  parseCompletionRequest,
  parseEmbeddingsRequest,
} from './openai/parseRequest.ts'
export type {
  ChatCompletionRequest,
  ChatMessage,
  CompletionRequest,
  EmbeddingsRequest,
} from './openai/requestSchemas.ts'
export type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatLogprobs,
  Completion,
  CompletionChunk,
  CompletionLogprobs,
  EmbeddingsResponse,
  FinishReason,
  TokenLogprob,
  TopLogprob,
  Usage,
} from './openai/responseTypes.ts'
export { type ModelInfo, readModelInfo } from './readModelInfo.ts'
export {
  type CreateUndiciTransportParameters,
  createUndiciTransport,
} from './upstream/createUndiciTransport.ts'
export {
  type CreateUpstreamBackendParameters,
  createUpstreamBackend,
} from './upstream/createUpstreamBackend.ts'
export {
  createFetchTransport,
  type UpstreamReply,
  type UpstreamRequest,
  type UpstreamTransport,
} from './upstream/upstreamTransport.ts'
