/**
 * @module protocol
 * The decai protocol core: the pure functions and types that every component and the Solidity ledger
 * agree on bit for bit — canonical relay encodings and payload hashes, EIP-712 relay signatures, session
 * heights, ids and membership, relay-mining difficulty, the sparse Merkle sum trie and its proofs, and the
 * settlement math. No I/O: heights and seeds come in as arguments.
 */
export {
  bigintToBytes,
  bytesToBigint,
  bytesToHex,
  bytesToUint64,
  compareBytes,
  concatBytes,
  equalBytes,
  type Hex,
  hexToBytes,
  isHex,
  uint64ToBytes,
} from './bytes/bytes.ts'
export { sha256 } from './bytes/sha256.ts'
export { baseTarget } from './difficulty/baseTarget.ts'
export {
  type ComputeDifficultyMultiplierErrorType,
  type ComputeDifficultyMultiplierReturnType,
  computeDifficultyMultiplier,
} from './difficulty/computeDifficultyMultiplier.ts'
export {
  type ComputeDifficultyTargetErrorType,
  type ComputeDifficultyTargetParameters,
  type ComputeDifficultyTargetReturnType,
  computeDifficultyTarget,
} from './difficulty/computeDifficultyTarget.ts'
export {
  type ComputeNextDifficultyErrorType,
  type ComputeNextDifficultyParameters,
  type ComputeNextDifficultyReturnType,
  computeNextDifficulty,
} from './difficulty/computeNextDifficulty.ts'
export {
  type ComputeRelayProbabilityErrorType,
  type ComputeRelayProbabilityReturnType,
  computeRelayProbability,
} from './difficulty/computeRelayProbability.ts'
export { difficultyParamsPresets } from './difficulty/difficultyParamsPresets.ts'
export {
  DifficultyInvalidParamsError,
  DifficultyInvalidRelayHashError,
  DifficultyInvalidTargetError,
} from './difficulty/errors.ts'
export {
  type IsRelayMinedErrorType,
  type IsRelayMinedReturnType,
  isRelayMined,
} from './difficulty/isRelayMined.ts'
export { reduceRational } from './difficulty/reduceRational.ts'
export { toTargetValue } from './difficulty/toTargetValue.ts'
export type { DifficultyTarget, Rational } from './difficulty/types.ts'
export { BaseError, type BaseErrorParameters } from './errors/BaseError.ts'
export { type ErrorCode, errorCodes, type Fault } from './errors/codes.ts'
export { hashSupplierObjectives } from './objectives/hashSupplierObjectives.ts'
export { signSupplierObjectives } from './objectives/signSupplierObjectives.ts'
export type { ServiceObjectives, SignedSupplierObjectives, SupplierObjectives } from './objectives/types.ts'
export { verifySupplierObjectives } from './objectives/verifySupplierObjectives.ts'
export {
  asBuffer,
  asUint8Array,
  expectWord,
  expectZeroPadding,
  padTo32,
  readAddressWord,
  readHex,
  readLengthWord,
  readSignature,
  readSmallUintWord,
  readUint64Word,
  requireBytes,
  writeAddressWord,
  writeHex,
  writeLengthWord,
  writeSmallUintWord,
  writeUint64Word,
} from './relay/abiWords.ts'
export {
  hexArb,
  relayArb,
  relayRequestArb,
  relayResponseArb,
  sampleRelay,
  serviceIdArb,
  sessionHeaderArb,
} from './relay/arbitraries.test-util.ts'
export { canonicalJson } from './relay/canonicalJson.ts'
export { computeRelayHash } from './relay/computeRelayHash.ts'
export {
  type CreateStreamPayloadHasherErrorType,
  createStreamPayloadHasher,
  type StreamPayloadHasher,
} from './relay/createStreamPayloadHasher.ts'
export { type DecodeRelayErrorType, type DecodeRelayReturnType, decodeRelay } from './relay/decodeRelay.ts'
export {
  type DecodeSessionHeaderErrorType,
  type DecodeSessionHeaderReturnType,
  decodeSessionHeader,
} from './relay/decodeSessionHeader.ts'
export {
  type EncodeRelayErrorType,
  type EncodeRelayParameters,
  type EncodeRelayReturnType,
  encodeRelay,
} from './relay/encodeRelay.ts'
export {
  type EncodeSessionHeaderErrorType,
  type EncodeSessionHeaderParameters,
  type EncodeSessionHeaderReturnType,
  encodeSessionHeader,
} from './relay/encodeSessionHeader.ts'
export {
  DecodeFailedError,
  IntegerOutOfRangeError,
  InvalidFieldError,
  InvalidHexError,
  InvalidJsonError,
  InvalidSignatureLengthError,
  NonCanonicalEncodingError,
} from './relay/errors.ts'
export {
  type HashRequestPayloadErrorType,
  type HashRequestPayloadParameters,
  type HashRequestPayloadReturnType,
  hashRequestPayload,
} from './relay/hashRequestPayload.ts'
export {
  type HashResponsePayloadErrorType,
  type HashResponsePayloadParameters,
  type HashResponsePayloadReturnType,
  hashResponsePayload,
} from './relay/hashResponsePayload.ts'
export {
  relayAbiParameter,
  relayRequestAbiParameter,
  relayResponseAbiParameter,
  sessionHeaderAbiParameter,
} from './relay/relayAbi.ts'
export { relayLayout, relaySignatureOffsets } from './relay/relayLayout.ts'
export { relayRequestToJson } from './relay/relayRequestToJson.ts'
export {
  readSessionHeaderTuple,
  serviceIdByteLength,
  sessionHeaderTupleBytes,
  writeSessionHeaderTuple,
} from './relay/sessionHeaderCodec.ts'
export type { Relay, RelayRequest, RelayResponse, SessionHeader } from './relay/types.ts'
export {
  type RelayResponseCheck,
  type ReportedUsage,
  type VerifyRelayResponseParameters,
  type VerifyRelayResponseReturnType,
  verifyRelayResponse,
} from './relay/verifyRelayResponse.ts'
export { assertMembershipCounts } from './session/assertMembershipCounts.ts'
export { assertSessionHeight } from './session/assertSessionHeight.ts'
export {
  type ComputeMembershipHashErrorType,
  type ComputeMembershipHashParameters,
  type ComputeMembershipHashReturnType,
  computeMembershipHash,
} from './session/computeMembershipHash.ts'
export {
  type ComputeMembershipThresholdErrorType,
  type ComputeMembershipThresholdParameters,
  type ComputeMembershipThresholdReturnType,
  computeMembershipThreshold,
} from './session/computeMembershipThreshold.ts'
export {
  type ComputeSessionIdErrorType,
  type ComputeSessionIdParameters,
  type ComputeSessionIdReturnType,
  computeSessionId,
} from './session/computeSessionId.ts'
export { defaultSuppliersPerSession } from './session/defaultSuppliersPerSession.ts'
export {
  SessionInvalidApplicationError,
  SessionInvalidHeightError,
  SessionInvalidParamsError,
  SessionInvalidSeedError,
  SessionInvalidServiceIdError,
  SessionInvalidSessionIdError,
  SessionInvalidSupplierError,
} from './session/errors.ts'
export { getClaimWindowCloseHeight } from './session/getClaimWindowCloseHeight.ts'
export { getClaimWindowOpenHeight } from './session/getClaimWindowOpenHeight.ts'
export { getNumPendingSessions } from './session/getNumPendingSessions.ts'
export { getProofSeedHeight } from './session/getProofSeedHeight.ts'
export { getProofWindowCloseHeight } from './session/getProofWindowCloseHeight.ts'
export { getProofWindowOpenHeight } from './session/getProofWindowOpenHeight.ts'
export { getSessionEndHeight } from './session/getSessionEndHeight.ts'
export { getSessionGraceEndHeight } from './session/getSessionGraceEndHeight.ts'
export { getSessionNumber } from './session/getSessionNumber.ts'
export { getSessionStartHeight } from './session/getSessionStartHeight.ts'
export { getSessionStartHeightForNumber } from './session/getSessionStartHeightForNumber.ts'
export { getSessionTimeline, type SessionTimeline } from './session/getSessionTimeline.ts'
export { getSettlementHeight } from './session/getSettlementHeight.ts'
export {
  type IsSupplierInSessionErrorType,
  type IsSupplierInSessionParameters,
  type IsSupplierInSessionReturnType,
  isSupplierInSession,
} from './session/isSupplierInSession.ts'
export type { SessionParams } from './session/SessionParams.ts'
export { sessionParamsPresets } from './session/sessionParamsPresets.ts'
export { type VerifySessionParamsErrorType, verifySessionParams } from './session/verifySessionParams.ts'
export { assertBps, assertSplitShares, BPS_DENOMINATOR } from './settlement/assertSplitShares.ts'
export {
  type ComputeClaimCapErrorType,
  type ComputeClaimCapParameters,
  type ComputeClaimCapReturnType,
  computeClaimCap,
} from './settlement/computeClaimCap.ts'
export {
  type ComputeClaimHashErrorType,
  type ComputeClaimHashParameters,
  type ComputeClaimHashReturnType,
  computeClaimHash,
} from './settlement/computeClaimHash.ts'
export {
  type ComputeClaimTokensErrorType,
  type ComputeClaimTokensParameters,
  type ComputeClaimTokensReturnType,
  computeClaimTokens,
} from './settlement/computeClaimTokens.ts'
export {
  type ComputeMaxRelayComputeUnitsErrorType,
  type ComputeMaxRelayComputeUnitsReturnType,
  computeMaxRelayComputeUnits,
} from './settlement/computeMaxRelayComputeUnits.ts'
export {
  type ComputeMinProofPenaltyErrorType,
  type ComputeMinProofPenaltyParameters,
  type ComputeMinProofPenaltyReturnType,
  computeMinProofPenalty,
} from './settlement/computeMinProofPenalty.ts'
export {
  type ComputeOffchainRelayBudgetErrorType,
  type ComputeOffchainRelayBudgetParameters,
  type ComputeOffchainRelayBudgetReturnType,
  computeOffchainRelayBudget,
} from './settlement/computeOffchainRelayBudget.ts'
export {
  type ComputeProofSampleErrorType,
  type ComputeProofSampleParameters,
  type ComputeProofSampleReturnType,
  computeProofSample,
} from './settlement/computeProofSample.ts'
export {
  type ComputeRelayComputeUnitsErrorType,
  type ComputeRelayComputeUnitsParameters,
  type ComputeRelayComputeUnitsReturnType,
  computeRelayComputeUnits,
} from './settlement/computeRelayComputeUnits.ts'
export {
  type ComputeRelayCostTokensErrorType,
  type ComputeRelayCostTokensParameters,
  type ComputeRelayCostTokensReturnType,
  computeRelayCostTokens,
} from './settlement/computeRelayCostTokens.ts'
export { computeRevenueShareAmounts } from './settlement/computeRevenueShareAmounts.ts'
export {
  type ComputeSessionBudgetErrorType,
  type ComputeSessionBudgetParameters,
  type ComputeSessionBudgetReturnType,
  computeSessionBudget,
} from './settlement/computeSessionBudget.ts'
export {
  type ComputeSettlementSplitErrorType,
  type ComputeSettlementSplitParameters,
  type ComputeSettlementSplitReturnType,
  computeSettlementSplit,
  type SettlementPart,
} from './settlement/computeSettlementSplit.ts'
export {
  type ComputeWeightedDrawSeedErrorType,
  type ComputeWeightedDrawSeedReturnType,
  computeWeightedDrawSeed,
} from './settlement/computeWeightedDrawSeed.ts'
export { devnetEconomics } from './settlement/devnetEconomics.ts'
export {
  SettlementInvalidParamsError,
  SettlementInvalidSharesError,
  SettlementUsageOutOfBoundsError,
} from './settlement/errors.ts'
export {
  type IsProofRequiredErrorType,
  type IsProofRequiredParameters,
  type IsProofRequiredReturnType,
  isProofRequired,
} from './settlement/isProofRequired.ts'
export { toDifficultyTarget } from './settlement/toDifficultyTarget.ts'
export type {
  Address,
  ComputeUnitPricing,
  RevenueShare,
  RevenueShareAmount,
  TokenBounds,
  TokenUsage,
} from './settlement/types.ts'
export {
  assertNonNegative,
  assertPositive,
  assertRational,
  MAX_UINT256,
  toFixedBytes,
  toUint32,
} from './settlement/validate.ts'
export {
  anvilKey0,
  domainArb,
  privateKeyArb,
  randomDigest,
  sampleDomain,
  secp256k1Order,
  viemDomain,
} from './signature/arbitraries.test-util.ts'
export { computeDomainSeparator, domainSeparatorBytes } from './signature/computeDomainSeparator.ts'
export { digestBytes } from './signature/digestBytes.ts'
export {
  HighSSignatureError,
  InvalidPrivateKeyError,
  InvalidSignatureScalarError,
  InvalidSignatureVError,
  MalformedSignatureError,
  SignatureRecoveryFailedError,
} from './signature/errors.ts'
export {
  type HashRelayRequestErrorType,
  type HashRelayRequestReturnType,
  hashRelayRequest,
  relayRequestDigestBytes,
} from './signature/hashRelayRequest.ts'
export { hashRelayRequestStruct, relayRequestStructBytes } from './signature/hashRelayRequestStruct.ts'
export {
  type HashRelayResponseErrorType,
  type HashRelayResponseReturnType,
  hashRelayResponse,
  relayResponseDigestBytes,
} from './signature/hashRelayResponse.ts'
export { hashRelayResponseStruct, relayResponseStructBytes } from './signature/hashRelayResponseStruct.ts'
export { hashSessionHeaderStruct, sessionHeaderStructBytes } from './signature/hashSessionHeaderStruct.ts'
export { keccak256 } from './signature/keccak256.ts'
export { privateKeyBytes } from './signature/privateKeyBytes.ts'
export {
  type PrivateKeyToAddressErrorType,
  type PrivateKeyToAddressReturnType,
  privateKeyToAddress,
} from './signature/privateKeyToAddress.ts'
export { publicKeyToAddress } from './signature/publicKeyToAddress.ts'
export {
  type RecoverDigestSignerErrorType,
  type RecoverDigestSignerReturnType,
  recoverDigestSigner,
  recoverDigestSignerBytes,
  signatureBytes,
} from './signature/recoverDigestSigner.ts'
export {
  type RecoverRelayRequestSignerErrorType,
  type RecoverRelayRequestSignerReturnType,
  recoverRelayRequestSigner,
} from './signature/recoverRelayRequestSigner.ts'
export {
  type RecoverRelayResponseSignerErrorType,
  type RecoverRelayResponseSignerReturnType,
  recoverRelayResponseSigner,
} from './signature/recoverRelayResponseSigner.ts'
export { secp256k1 } from './signature/secp256k1Native.ts'
export {
  type SignDigestErrorType,
  type SignDigestReturnType,
  signDigest,
  signDigestBytes,
} from './signature/signDigest.ts'
export {
  type SignRelayRequestErrorType,
  type SignRelayRequestReturnType,
  signRelayRequest,
} from './signature/signRelayRequest.ts'
export {
  type SignRelayResponseErrorType,
  type SignRelayResponseReturnType,
  signRelayResponse,
} from './signature/signRelayResponse.ts'
export {
  type RelayDomain,
  relayDomainName,
  relayDomainVersion,
  relayTypeStrings,
  relayTypes,
} from './signature/typedData.ts'
export { typedDataDigest } from './signature/typedDataDigest.ts'
export { typeHashes } from './signature/typeHashes.ts'
export { compactClosestProof } from './smst/compactClosestProof.ts'
export { compactSumProof } from './smst/compactSumProof.ts'
export { computeDrawIndex } from './smst/computeDrawIndex.ts'
export { computeInnerDigest } from './smst/computeInnerDigest.ts'
export { computeLeafDigest } from './smst/computeLeafDigest.ts'
export { type ComputeRootFromLeafReturnType, computeRootFromLeaf } from './smst/computeRootFromLeaf.ts'
export {
  DIGEST_BYTES,
  INNER_PREFIX,
  LEAF_PREFIX,
  MAX_DEPTH,
  MAX_UINT64,
  PATH_BYTES,
  placeholderDigest,
  type ValueHasher,
} from './smst/constants.ts'
export { decodeWeightedProof } from './smst/decodeWeightedProof.ts'
export { decompactClosestProof } from './smst/decompactClosestProof.ts'
export { decompactSumProof } from './smst/decompactSumProof.ts'
export { encodeWeightedProof } from './smst/encodeWeightedProof.ts'
export {
  SmstEmptyTrieError,
  SmstInvalidPathError,
  SmstInvalidProofError,
  SmstInvalidRootError,
  SmstInvalidWeightError,
  SmstKeyNotFoundError,
} from './smst/errors.ts'
export { findLeaf, firstDifferingBit } from './smst/findLeaf.ts'
export { flipPathBit, getPathBit } from './smst/getPathBit.ts'
export { hashDirtyNodes } from './smst/hashDirtyNodes.ts'
export { attach, insertLeaf } from './smst/insertLeaf.ts'
export { isPlaceholder } from './smst/isPlaceholder.ts'
export {
  COUNT,
  DIRTY,
  INNER_STRIDE,
  LEAF_DIRTY,
  LEAF_HI,
  LEAF_LO,
  LEAF_STRIDE,
  LEFT,
  NodeStore,
  RIGHT,
} from './smst/NodeStore.ts'
export { orderByPathPrefix } from './smst/orderByPathPrefix.ts'
export { proveClosest } from './smst/proveClosest.ts'
export { encodeLeaf, proveSum } from './smst/proveSum.ts'
export { proveWeighted } from './smst/proveWeighted.ts'
export { readNodeDigest, readNodeDigests, readNodeSum } from './smst/readNodeDigest.ts'
export { removeLeaf } from './smst/removeLeaf.ts'
export {
  SparseMerkleSumTrie,
  type SparseMerkleSumTrieOptions,
  type SumTrieEntry,
} from './smst/SparseMerkleSumTrie.ts'
export { sha256Into } from './smst/sha256Into.ts'
export { seedOf, trieOf, utf8 } from './smst/testing.test-util.ts'
export type {
  ClosestProof,
  CompactClosestProof,
  CompactSumProof,
  SumProof,
  SumTrieLeaf,
  WeightedProof,
} from './smst/types.ts'
export { verifyClosestProof } from './smst/verifyClosestProof.ts'
export { type VerifySumProofParameters, verifySumProof } from './smst/verifySumProof.ts'
export { verifyWeightedProof } from './smst/verifyWeightedProof.ts'
export { walkLeaves } from './smst/walkLeaves.ts'
export {
  BITMAP_OFFSET,
  COUNT_OFFSET,
  PATH_OFFSET,
  WEIGHT_OFFSET,
  WEIGHTED_PROOF_VERSION,
} from './smst/weightedProofFormat.ts'
export { parseSseStream, type SseEvent } from './sse/parseSseStream.ts'
