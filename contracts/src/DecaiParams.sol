// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {SessionMath} from "./SessionMath.sol";

/// @notice Every governed parameter of the ledger (packed into six storage slots).
struct Params {
    // --- timing, in blocks (docs/protocol.md §3.1)
    uint32 gracePeriodBlocks;
    uint32 claimWindowOpenOffset;
    uint32 claimWindowCloseOffset;
    uint32 proofWindowOpenOffset;
    uint32 proofWindowCloseOffset;
    // --- sessions and stakes
    uint16 suppliersPerSession;
    uint8 maxDelegatedGateways;
    uint8 maxServicesPerSupplier;
    uint16 applicationUnbondingSessions;
    uint16 gatewayUnbondingSessions;
    uint16 supplierUnbondingSessions;
    uint96 applicationMinStake;
    uint96 gatewayMinStake;
    uint96 supplierMinStake;
    // --- proofs (docs/protocol.md §7.5)
    uint96 proofMissingPenalty;
    uint128 proofRequirementThreshold;
    // --- pricing (§7.2): token base units per compute unit
    uint64 cuToTokenNumerator;
    uint64 cuToTokenDenominator;
    uint64 proofRequestProbabilityNumerator;
    uint64 proofRequestProbabilityDenominator;
    // --- difficulty (§6): mined relays per session the control law aims at
    uint64 targetRelaysPerSession;
    // --- split (§7.3), basis points
    uint16 mintRatioBps;
    uint16 supplierBps;
    uint16 maxChampionBps;
    uint16 inflationBps;
    address dao;
    uint16 emaAlphaNumerator;
    uint16 emaAlphaDenominator;
}

/// @notice The timing part of `Params` (its first storage slot): what claims and proofs need, read alone.
struct Timing {
    uint32 gracePeriodBlocks;
    uint32 claimWindowOpenOffset;
    uint32 claimWindowCloseOffset;
    uint32 proofWindowOpenOffset;
    uint32 proofWindowCloseOffset;
    uint16 suppliersPerSession;
}

/// @title DecaiParams
/// @notice The one governed place for the ledger's parameters, and the session grid.
/// @dev The grid (blocks per session N, genesis height A) is immutable: changing it would move sessions
/// already in flight. Every other parameter is versioned: a change made during session s takes effect at
/// session s + 1, and everything about a session (windows, prices, probabilities) is computed with the
/// version in force for that session, as POKT resolves its params "at height". A second change in the
/// same session replaces the pending version. Lookups walk back from the newest version, so a lookup for
/// a recent session costs one or two reads whatever the history length.
contract DecaiParams is Ownable2Step {
    error InvalidParam(string name);
    error SessionBeforeGenesis(uint64 session);

    event ParamsScheduled(uint256 indexed version, uint64 fromSession);

    uint16 internal constant BPS = 10_000;
    /// @dev POKT's maximum: delegation lists stay small enough to check one entry in O(1).
    uint8 public constant MAX_DELEGATED_GATEWAYS = 7;

    uint64 public immutable numBlocksPerSession;
    uint64 public immutable genesisHeight;

    mapping(uint256 version => Params) internal _versions;
    mapping(uint256 version => uint64) internal _fromSession;
    /// @dev The number of versions and the newest one's first session, in one slot: most lookups are for
    /// sessions the newest version covers and cost this single read.
    uint128 internal _versionCount;
    uint64 internal _latestFromSession;

    /// @param governance owner allowed to change parameters (a multisig or DAO outside devnets)
    /// @param blocksPerSession N, ≥ 1
    /// @param initial parameters in force from session 1; the genesis height is this block
    constructor(address governance, uint64 blocksPerSession, Params memory initial) Ownable(governance) {
        if (blocksPerSession == 0) revert InvalidParam("numBlocksPerSession");
        numBlocksPerSession = blocksPerSession;
        genesisHeight = uint64(block.number);
        validate(blocksPerSession, initial);
        _versions[0] = initial;
        _fromSession[0] = 1;
        _versionCount = 1;
        _latestFromSession = 1;
        emit ParamsScheduled(0, 1);
    }

    /// @notice Schedules `next` to take effect at the next session.
    function setParams(Params calldata next) external onlyOwner {
        validate(numBlocksPerSession, next);
        uint64 effective = currentSession() + 1;
        uint256 version = _latestFromSession == effective ? _versionCount - 1 : _versionCount++;
        _versions[version] = next;
        _fromSession[version] = effective;
        _latestFromSession = effective;
        emit ParamsScheduled(version, effective);
    }

    /// @notice The parameters in force during `session` (≥ 1).
    function paramsAt(uint64 session) public view returns (Params memory) {
        return _versions[versionAt(session)];
    }

    /// @notice The timing parameters in force during `session`: one storage slot instead of six.
    function timingAt(uint64 session) external view returns (Timing memory) {
        Params storage p = _versions[versionAt(session)];
        return Timing(
            p.gracePeriodBlocks,
            p.claimWindowOpenOffset,
            p.claimWindowCloseOffset,
            p.proofWindowOpenOffset,
            p.proofWindowCloseOffset,
            p.suppliersPerSession
        );
    }

    /// @notice The version in force during `session` (≥ 1).
    function versionAt(uint64 session) public view returns (uint256 v) {
        if (session == 0) revert SessionBeforeGenesis(session);
        v = _versionCount - 1;
        if (_latestFromSession <= session) return v;
        while (_fromSession[v] > session) v--; // version 0 starts at session 1: terminates
    }

    /// @notice How many parameter versions exist (the first is 0).
    function versionCount() external view returns (uint256) {
        return _versionCount;
    }

    /// @notice The parameters in force now.
    function currentParams() external view returns (Params memory) {
        return paramsAt(currentSession());
    }

    /// @notice The first session `version` applies to.
    function versionFromSession(uint256 version) external view returns (uint64) {
        return _fromSession[version];
    }

    function currentSession() public view returns (uint64) {
        return SessionMath.sessionNumber(numBlocksPerSession, genesisHeight, block.number);
    }

    /// @notice Reverts with `InvalidParam(name)` on the first inconsistent field.
    function validate(uint64 n, Params memory p) public pure {
        // relays of a session are accepted for g blocks after it: only the previous session can still be open
        if (p.gracePeriodBlocks >= n) revert InvalidParam("gracePeriodBlocks");
        // a claim is made only once no more relay of the session can be accepted
        if (p.claimWindowOpenOffset < p.gracePeriodBlocks) revert InvalidParam("claimWindowOpenOffset");
        // the proof seed (block proofOpen − 1) must follow the claim window's close: no claim grinding
        if (p.proofWindowOpenOffset < 1) revert InvalidParam("proofWindowOpenOffset");
        // the proof seed is recordable (blockhash reaches back 256 blocks) until the proof window closes
        if (p.proofWindowCloseOffset > 255) revert InvalidParam("proofWindowCloseOffset");
        if (p.suppliersPerSession == 0) revert InvalidParam("suppliersPerSession");
        if (p.maxDelegatedGateways > MAX_DELEGATED_GATEWAYS) revert InvalidParam("maxDelegatedGateways");
        if (p.maxServicesPerSupplier == 0) revert InvalidParam("maxServicesPerSupplier");
        // stakes that pay or can be slashed stay bonded until their last session settles (POKT's rule)
        uint256 settleSpan = uint256(p.claimWindowOpenOffset) + p.claimWindowCloseOffset + p.proofWindowOpenOffset
            + p.proofWindowCloseOffset + 1;
        if (uint256(p.supplierUnbondingSessions) * n <= settleSpan) revert InvalidParam("supplierUnbondingSessions");
        if (uint256(p.applicationUnbondingSessions) * n <= settleSpan) {
            revert InvalidParam("applicationUnbondingSessions");
        }
        if (p.applicationMinStake == 0) revert InvalidParam("applicationMinStake");
        if (p.gatewayMinStake == 0) revert InvalidParam("gatewayMinStake");
        if (p.supplierMinStake == 0) revert InvalidParam("supplierMinStake");
        if (p.cuToTokenDenominator == 0) revert InvalidParam("cuToTokenDenominator");
        if (
            p.proofRequestProbabilityDenominator == 0
                || p.proofRequestProbabilityNumerator > p.proofRequestProbabilityDenominator
        ) revert InvalidParam("proofRequestProbability");
        // withholding a proof must never pay: penalty ≥ R·(1 − p)/p (§7.5)
        if (
            p.proofRequestProbabilityNumerator > 0
                && uint256(p.proofMissingPenalty) * p.proofRequestProbabilityNumerator
                    < uint256(p.proofRequirementThreshold)
                        * (p.proofRequestProbabilityDenominator - p.proofRequestProbabilityNumerator)
        ) revert InvalidParam("proofMissingPenalty");
        if (p.targetRelaysPerSession == 0) revert InvalidParam("targetRelaysPerSession");
        if (p.mintRatioBps > BPS) revert InvalidParam("mintRatioBps");
        if (p.inflationBps > BPS) revert InvalidParam("inflationBps");
        if (uint256(p.supplierBps) + p.maxChampionBps > BPS) revert InvalidParam("supplierBps");
        if (p.dao == address(0)) revert InvalidParam("dao");
        if (p.emaAlphaDenominator == 0 || p.emaAlphaNumerator == 0 || p.emaAlphaNumerator > p.emaAlphaDenominator) {
            revert InvalidParam("emaAlpha");
        }
    }
}
