import { expect, it } from 'vitest'
import * as inference from './index.ts'

it('default: the public runtime exports are pinned', () => {
  expect(Object.keys(inference).sort()).toMatchInlineSnapshot(`
    [
      "BackendBusyError",
      "BackendClosedError",
      "BackendTimeoutError",
      "ContextOverflowError",
      "InferenceAbortedError",
      "InvalidGgufError",
      "InvalidInferenceRequestError",
      "InvalidModelOptionsError",
      "ModelHashMismatchError",
      "ModelLoadError",
      "UnsupportedOperationError",
      "UpstreamError",
      "UpstreamUnreachableError",
      "countParameters",
      "createEmbeddedBackend",
      "createFetchTransport",
      "createUndiciTransport",
      "createUpstreamBackend",
      "generateModel",
      "generatorVersion",
      "hashModelFile",
      "modelShapes",
      "parseChatCompletionRequest",
      "parseCompletionRequest",
      "parseEmbeddingsRequest",
      "readModelInfo",
      "renderChatPrompt",
      "verifyModelFile",
    ]
  `)
})
