import { BaseError } from '../../protocol/errors/BaseError.ts'

/** No contract code at an address a manifest names. */
export class ChainNotDeployedError extends BaseError {
  constructor({ contract, address }: { contract: string; address: string }) {
    super(`No ${contract} contract is deployed at ${address}.`, {
      code: 'CHAIN_NOT_DEPLOYED',
      name: 'ChainNotDeployedError',
      metaMessages: ['Deploy first, or point at the chain the manifest was written for.'],
    })
  }
}

/** The node's chain id differs from the one the manifest was written for. */
export class ChainWrongChainError extends BaseError {
  constructor({ expectedChainId, actualChainId }: { expectedChainId: number; actualChainId: number }) {
    super(`The node is chain ${actualChainId} but the deployment manifest is for chain ${expectedChainId}.`, {
      code: 'CHAIN_WRONG_CHAIN',
      name: 'ChainWrongChainError',
    })
  }
}

/** A deployment manifest is missing, not JSON, or fails its schema. */
export class ChainManifestInvalidError extends BaseError {
  constructor({ path, details, cause }: { path: string; details?: string; cause?: unknown }) {
    super(`The deployment manifest ${path} is invalid.`, {
      code: 'CHAIN_MANIFEST_INVALID',
      name: 'ChainManifestInvalidError',
      details,
      cause,
    })
  }
}

/** A deployment or wiring step failed; the chain may hold a partial deployment. */
export class ChainDeployFailedError extends BaseError {
  constructor({ step, cause }: { step: string; cause?: unknown }) {
    super(`Deployment failed at step "${step}".`, {
      code: 'CHAIN_DEPLOY_FAILED',
      name: 'ChainDeployFailedError',
      fault: 'internal',
      metaMessages: ['The chain may hold a partial deployment; deploy again.'],
      cause,
    })
  }
}
