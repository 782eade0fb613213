import { describe, expect, it } from 'vitest'
import * as sdk from './index.ts'

describe('sdk entry point', () => {
  it('default: the public value exports are pinned (a change here is an API change)', () => {
    expect(Object.keys(sdk).sort()).toMatchInlineSnapshot(`
      [
        "SdkInvalidOptionsError",
        "SdkInvalidRelayResponseError",
        "SdkNoSupplierError",
        "SdkRelayFailedError",
        "SdkUnsupportedRequestError",
        "createChainApplicationSessions",
        "createDecaiClient",
        "createDecaiFetch",
      ]
    `)
  })
})
