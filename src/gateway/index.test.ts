import { describe, expect, it } from 'vitest'
import * as gateway from './index.ts'

describe('gateway entry point', () => {
  it('default: the public value exports are pinned (a change here is an API change)', () => {
    expect(Object.keys(gateway).sort()).toMatchInlineSnapshot(`
      [
        "BodyTooLargeError",
        "BudgetExhaustedError",
        "GatewayChainUnavailableError",
        "GatewayConfigError",
        "GatewayMissingSecretError",
        "GatewayStoreError",
        "InvalidGatewayRequestError",
        "InvalidRelayResponseError",
        "KeyNotFoundError",
        "ModelNotFoundError",
        "NoApplicationError",
        "NoSupplierError",
        "RateLimitedError",
        "StreamInterruptedError",
        "SupplierErrorResponse",
        "SupplierFailedError",
        "SupplierTimeoutError",
        "UnauthorizedError",
        "UnsupportedEndpointError",
        "createChainServiceCatalog",
        "createChainSessionSource",
        "createGateway",
        "createHttpSupplierTransport",
        "createSupplierDirectory",
        "gatewayConfigSchema",
        "loadGatewayConfig",
        "openKeyStore",
        "parseGatewayConfig",
        "relayUrlOf",
      ]
    `)
  })
})
