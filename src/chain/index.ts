/**
 * @module chain
 *
 * decai's ledger lives in Solidity contracts on any EVM chain; this module is everything off-chain code
 * needs to use it, over standard Ethereum JSON-RPC through viem:
 *
 * - **clients** (`createDecaiClients`): a public client over a batching HTTP transport that retries
 *   transient failures, the signing account, and a nonce manager for concurrent writes from one key;
 *   dev chains get `cacheTime: 0`.
 * - **local chain** (`startLocalChain`): a supervised anvil with state persistence, block time or automine,
 *   and a clean stop that dumps the state.
 * - **deployment** (`deployDecai`, `readDeploymentManifest`, `verifyDeployment`): the whole ledger in ten
 *   pre-wired transactions (then `WatcherReports`, where watchers commit report hashes), described by a
 *   validated manifest.
 * - **actions** (`getSession`, `submitClaim`, `settleClaims`, …): one typed function per ledger operation,
 *   taking a `Ledger` handle (`createLedger`); reverts become `ChainTxRevertedError` / `ChainCallRevertedError`
 *   naming the contract's custom error.
 * - **indexer** (`createEventIndexer`): follows the ledger's events into an embedded lmdb store that the
 *   explorer and the relayminer query by session, supplier, service, application, gateway, claim, type and
 *   block range, or subscribe to.
 *
 * It depends only on `src/protocol` (types and pure session math) and npm packages. See docs/chain.md.
 */

// --- actions
export { type AddServiceParameters, type AddServiceReturnType, addService } from './actions/addService.ts'
export { type AddSupplierServiceParameters, addSupplierService } from './actions/addSupplierService.ts'
export { type AddSupplierStakeParameters, addSupplierStake } from './actions/addSupplierStake.ts'
export { closeFaucet, isFaucetOpen } from './actions/closeFaucet.ts'
export { type CommitWatcherReportParameters, commitWatcherReport } from './actions/commitWatcherReport.ts'
export {
  type DelegateToGatewayParameters,
  type DelegateToGatewayReturnType,
  delegateToGateway,
} from './actions/delegateToGateway.ts'
export { ensureAllowance } from './actions/ensureAllowance.ts'
export {
  type GetApplicationParameters,
  type GetApplicationReturnType,
  getApplication,
} from './actions/getApplication.ts'
export {
  type GetClaimStatusParameters,
  type GetClaimStatusReturnType,
  getClaimStatus,
} from './actions/getClaimStatus.ts'
export {
  type GetDelegationParameters,
  type GetDelegationReturnType,
  getDelegation,
} from './actions/getDelegation.ts'
export {
  type GetDifficultyParameters,
  type GetDifficultyReturnType,
  getDifficulty,
} from './actions/getDifficulty.ts'
export { type GetGatewayParameters, type GetGatewayReturnType, getGateway } from './actions/getGateway.ts'
export { type GetParamsParameters, type GetParamsReturnType, getParams } from './actions/getParams.ts'
export { type GetServiceParameters, type GetServiceReturnType, getService } from './actions/getService.ts'
export { type GetSessionParameters, type GetSessionReturnType, getSession } from './actions/getSession.ts'
export {
  type GetSessionSuppliersParameters,
  type GetSessionSuppliersReturnType,
  getSessionSuppliers,
} from './actions/getSessionSuppliers.ts'
export { type GetSupplierParameters, type GetSupplierReturnType, getSupplier } from './actions/getSupplier.ts'
export {
  type GetSupplierSessionStatusParameters,
  type GetSupplierSessionStatusReturnType,
  getSupplierSessionStatus,
} from './actions/getSupplierSessionStatus.ts'
export {
  type GetTokenBalanceParameters,
  type GetTokenBalanceReturnType,
  getTokenBalance,
} from './actions/getTokenBalance.ts'
export {
  type GetWithdrawableSessionParameters,
  getWithdrawableSession,
} from './actions/getWithdrawableSession.ts'
export {
  type IsAuthorizedSignerParameters,
  type IsAuthorizedSignerReturnType,
  isAuthorizedSigner,
} from './actions/isAuthorizedSigner.ts'
export { type MintFromFaucetParameters, mintFromFaucet } from './actions/mintFromFaucet.ts'
export {
  type RecordSessionSeedParameters,
  type RecordSessionSeedReturnType,
  recordSessionSeed,
} from './actions/recordSessionSeed.ts'
export {
  type RemoveSupplierServiceParameters,
  removeSupplierService,
} from './actions/removeSupplierService.ts'
export { type SetModelUrisParameters, setModelUris } from './actions/setModelUris.ts'
export { type SetParamsParameters, type SetParamsReturnType, setParams } from './actions/setParams.ts'
export { type SetRevenueSharesParameters, setRevenueShares } from './actions/setRevenueShares.ts'
export {
  type SetServicePricingParameters,
  type SetServicePricingReturnType,
  setServicePricing,
} from './actions/setServicePricing.ts'
export { type SetSupplierEndpointParameters, setSupplierEndpoint } from './actions/setSupplierEndpoint.ts'
export {
  type SettleClaimsParameters,
  type SettleClaimsReturnType,
  type SettledClaim,
  settleClaims,
} from './actions/settleClaims.ts'
export {
  type StakeApplicationParameters,
  type StakeApplicationReturnType,
  stakeApplication,
} from './actions/stakeApplication.ts'
export {
  type StakeGatewayParameters,
  type StakeGatewayReturnType,
  stakeGateway,
} from './actions/stakeGateway.ts'
export { type StakeSupplierParameters, stakeSupplier } from './actions/stakeSupplier.ts'
export { type SubmitClaimParameters, type SubmitClaimReturnType, submitClaim } from './actions/submitClaim.ts'
export { type SubmitProofParameters, type SubmitProofReturnType, submitProof } from './actions/submitProof.ts'
export { type TransferServiceParameters, transferService } from './actions/transferService.ts'
export type {
  ClaimData,
  ClaimStatus,
  LedgerParams,
  RevenueShare,
  ServicePricing,
  SessionHeader,
  SupplierServiceConfig,
  WriteResult,
} from './actions/types.ts'
export {
  type UndelegateFromGatewayParameters,
  type UndelegateFromGatewayReturnType,
  undelegateFromGateway,
} from './actions/undelegateFromGateway.ts'
export { type UnstakeParameters, unstake } from './actions/unstake.ts'
export { type WithdrawStakeParameters, withdrawStake } from './actions/withdrawStake.ts'
// --- clients
export {
  type CreateDecaiClientsParameters,
  createDecaiClients,
  type DecaiClients,
} from './client/createDecaiClients.ts'
export {
  type CreateNonceManagerParameters,
  createNonceManager,
  type NonceManager,
} from './client/createNonceManager.ts'
export { type CreateRetryingFetchParameters, createRetryingFetch } from './client/createRetryingFetch.ts'
export { type ReadDecaiContractParameters, readContract } from './client/readContract.ts'
export {
  type SendContractTransactionParameters,
  sendContractTransaction,
} from './client/sendContractTransaction.ts'
export {
  type SendTransactionParameters,
  type SendTransactionReturnType,
  sendTransaction,
} from './client/sendTransaction.ts'
export { type ToChainErrorContext, toChainError } from './client/toChainError.ts'
export { waitForReceipt } from './client/waitForReceipt.ts'
// --- deployment
export {
  type DeployDecaiParameters,
  type DeployDecaiReturnType,
  deployDecai,
  type LedgerParamsPreset,
} from './deploy/deployDecai.ts'
export {
  type DeploymentManifest,
  type DeploymentManifestJson,
  deploymentManifestSchema,
  type LedgerContractName,
  ledgerContractNames,
} from './deploy/deploymentManifestSchema.ts'
export { ledgerContracts, ledgerErrorsAbi, watcherReportsContract } from './deploy/ledgerContracts.ts'
export { listLedgerContracts } from './deploy/listLedgerContracts.ts'
export { parseDeploymentManifest, readDeploymentManifest } from './deploy/readDeploymentManifest.ts'
export { verifyDeployment } from './deploy/verifyDeployment.ts'
export { toDeploymentManifestJson, writeDeploymentManifest } from './deploy/writeDeploymentManifest.ts'
// --- errors
export {
  ChainDeployFailedError,
  ChainManifestInvalidError,
  ChainNotDeployedError,
  ChainWrongChainError,
} from './errors/deployment.ts'
export { ChainIndexerError } from './errors/indexer.ts'
export { ChainLocalChainError } from './errors/localChain.ts'
export { ChainRpcError, ChainRpcUnavailableError } from './errors/rpc.ts'
export {
  ChainCallRevertedError,
  ChainNoAccountError,
  ChainTxRevertedError,
  ChainTxTimeoutError,
  type RevertInfo,
} from './errors/transaction.ts'
// --- indexer
export { computeEventIndexKeys, defaultDimensionsByArgName } from './indexer/computeEventIndexKeys.ts'
export {
  type CreateEventIndexerParameters,
  createEventIndexer,
  type EventIndexer,
} from './indexer/createEventIndexer.ts'
export { matchesEventFilter } from './indexer/matchesEventFilter.ts'
export { type EventStore, type EventStoreQueryOptions, openEventStore } from './indexer/openEventStore.ts'
export type {
  DecaiEvent,
  EventDimension,
  EventFilter,
  IndexedContract,
  IndexerCheckpoint,
} from './indexer/types.ts'
// --- keeper
export {
  type StartSeedKeeperParameters,
  type StartSeedKeeperReturnType,
  startSeedKeeper,
} from './keeper/startSeedKeeper.ts'
// --- ledger handle
export { computeServiceKey } from './ledger/computeServiceKey.ts'
export { createLedger, type Ledger } from './ledger/createLedger.ts'
export { type LedgerAbi, readLedger } from './ledger/readLedger.ts'
export { type NamedOutputs, readLedgerRecord } from './ledger/readLedgerRecord.ts'
export { parseLedgerEvents, writeLedger } from './ledger/writeLedger.ts'
// --- local chain
export { anvilDevPrivateKeys } from './localChain/devAccounts.ts'
export {
  type StartLocalChainParameters,
  type StartLocalChainReturnType,
  startLocalChain,
} from './localChain/startLocalChain.ts'
