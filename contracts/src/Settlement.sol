// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Applications} from "./Applications.sol";
import {ClaimKeys} from "./ClaimKeys.sol";
import {Claims} from "./Claims.sol";
import {DecaiParams, Params} from "./DecaiParams.sol";
import {DecaiToken} from "./DecaiToken.sol";
import {ClaimData, LedgerAddresses, WrongDeploymentAddress} from "./LedgerTypes.sol";
import {Pricing, Services} from "./Services.sol";
import {SessionMath} from "./SessionMath.sol";
import {Sessions} from "./Sessions.sol";
import {SettlementMath} from "./SettlementMath.sol";
import {RevenueShare, Suppliers} from "./Suppliers.sol";

/// @title Settlement
/// @notice Settles claims once their proof window has closed; anyone may call it, for one claim or a list.
/// A claim whose proof was required and is missing (an invalid proof is never accepted, so it is missing)
/// slashes the supplier and pays nothing. Otherwise the claim's value (docs/protocol.md §7.2), capped by the
/// application's per-session budget shared among the session's claimants (§7.4), is burned from the
/// application's stake, and minted again (× mint ratio, plus optional inflation) to the supplier's
/// revenue shares, the service's champion and the DAO (§7.3). The first settlement of a (service,
/// session) feeds its volume to the difficulty control law (§6).
/// @dev Work is per listed claim: no loop over the network's claims, suppliers or applications.
contract Settlement {
    error ClaimNotFound(bytes32 claimKey);
    error SettlementTooEarly(uint64 session, uint64 settlementHeight);

    /// @notice The claim was paid.
    event ClaimSettled(
        bytes32 indexed claimKey,
        address indexed supplierOperator,
        address indexed application,
        uint64 session,
        uint256 claimTokens,
        uint256 burned,
        uint256 minted,
        uint256 inflationMinted,
        bool proofRequired
    );
    /// @notice The claim needed a proof and had none: the supplier was slashed, nothing paid.
    event ClaimExpired(
        bytes32 indexed claimKey, address indexed supplierOperator, address indexed application, uint64 session, uint256 slashed
    );
    /// @notice A listed claim no longer exists (already settled); the batch went on.
    event ClaimSkipped(bytes32 indexed claimKey);

    uint8 internal constant STATUS_NONE = 0;
    uint8 internal constant STATUS_PROVEN = 2;

    DecaiToken public immutable token;
    DecaiParams public immutable params;
    Sessions public immutable sessions;
    Services public immutable services;
    Applications public immutable applications;
    Suppliers public immutable suppliers;
    Claims public immutable claims;
    uint64 internal immutable _blocksPerSession;
    uint64 internal immutable _genesisHeight;

    constructor(LedgerAddresses memory peers) {
        if (peers.settlement != address(this)) revert WrongDeploymentAddress(peers.settlement, address(this));
        token = DecaiToken(peers.token);
        params = DecaiParams(peers.params);
        sessions = Sessions(peers.sessions);
        services = Services(peers.services);
        applications = Applications(peers.applications);
        suppliers = Suppliers(peers.suppliers);
        claims = Claims(peers.claims);
        _blocksPerSession = params.numBlocksPerSession();
        _genesisHeight = params.genesisHeight();
    }

    /// @notice Settles one claim; reverts if it does not exist (e.g. already settled).
    function settle(ClaimData calldata claim) external {
        _settle(claim, true);
    }

    /// @notice Settles every listed claim, skipping those already settled (so a batch raced by another
    /// settler still goes through). Any other problem reverts the batch.
    /// @return settled how many claims this call settled
    function settleBatch(ClaimData[] calldata list) external returns (uint256 settled) {
        for (uint256 i; i < list.length; ++i) {
            if (_settle(list[i], false)) settled++;
        }
    }

    function _settle(ClaimData calldata c, bool strict) internal returns (bool) {
        uint64 session = SessionMath.sessionNumber(_blocksPerSession, _genesisHeight, c.session.sessionStartHeight);
        Params memory p = params.paramsAt(session);
        uint64 settleFrom = SessionMath.proofWindowClose(
            SessionMath.sessionEnd(_blocksPerSession, _genesisHeight, session), SessionMath.timing(p)
        ) + 1;
        if (block.number < settleFrom) revert SettlementTooEarly(session, settleFrom);

        bytes32 key = ClaimKeys.key(c.supplierOperator, c.session.application, session);
        bytes32 serviceKey = keccak256(bytes(c.session.serviceId));
        bytes32 hash = ClaimKeys.hash(c.session, c.supplierOperator, c.root);
        Claims.Consumed memory taken = claims.consume(key, hash, c.session.application, serviceKey, session);
        if (taken.status == STATUS_NONE) {
            if (strict) revert ClaimNotFound(key);
            emit ClaimSkipped(key);
            return false;
        }

        (Pricing memory pricing, uint256 target, address champion) = services.sessionTerms(serviceKey, session);
        if (taken.volumeFirst) services.recordVolume(serviceKey, session, taken.minedRelays);
        uint256 tokens = SettlementMath.claimTokens(
            uint64(bytes8(c.root[32:40])), target, p.cuToTokenNumerator, p.cuToTokenDenominator
        );
        // an unreadable proof seed (never recorded, now out of blockhash's reach) counts against the claimant
        bytes32 proofSeed = sessions.recordProofSeed(session);
        bool required = proofSeed == 0
            || SettlementMath.isProofRequired(
                tokens,
                p.proofRequirementThreshold,
                hash,
                proofSeed,
                p.proofRequestProbabilityNumerator,
                p.proofRequestProbabilityDenominator
            );

        if (required && taken.status != STATUS_PROVEN) {
            uint256 slashed = suppliers.slash(c.supplierOperator, p.proofMissingPenalty);
            applications.onClaimSettled(c.session.application, 0);
            emit ClaimExpired(key, c.supplierOperator, c.session.application, session, slashed);
            return true;
        }
        uint256 cap = taken.budget / taken.claimants;
        uint256 burned = applications.onClaimSettled(c.session.application, tokens < cap ? tokens : cap);
        RevenueShare[] memory shares = suppliers.onClaimSettled(c.supplierOperator);
        (uint256 minted, uint256 inflation) = _distribute(burned, p, pricing.championBps, champion, shares);
        emit ClaimSettled(key, c.supplierOperator, c.session.application, session, tokens, burned, minted, inflation, required);
        return true;
    }

    function _distribute(
        uint256 burned,
        Params memory p,
        uint16 championBps,
        address champion,
        RevenueShare[] memory shares
    ) internal returns (uint256 minted, uint256 inflation) {
        (minted, inflation) = SettlementMath.mintAndInflation(burned, p.mintRatioBps, p.inflationBps);
        if (minted == 0 && inflation == 0) return (0, 0);
        uint16[] memory shareBps = new uint16[](shares.length);
        for (uint256 i; i < shares.length; ++i) {
            shareBps[i] = shares[i].bps;
        }
        (uint256[] memory toShares, uint256 toChampion, uint256 toDao) =
            SettlementMath.splitPart(minted, p.supplierBps, championBps, shareBps);
        if (inflation > 0) {
            (uint256[] memory moreShares, uint256 moreChampion, uint256 moreDao) =
                SettlementMath.splitPart(inflation, p.supplierBps, championBps, shareBps);
            for (uint256 i; i < shares.length; ++i) {
                toShares[i] += moreShares[i];
            }
            toChampion += moreChampion;
            toDao += moreDao;
        }
        address[] memory to = new address[](shares.length + 2);
        uint256[] memory amounts = new uint256[](shares.length + 2);
        for (uint256 i; i < shares.length; ++i) {
            to[i] = shares[i].recipient;
            amounts[i] = toShares[i];
        }
        to[shares.length] = champion;
        amounts[shares.length] = toChampion;
        to[shares.length + 1] = p.dao;
        amounts[shares.length + 1] = toDao;
        token.mintBatch(to, amounts);
    }
}
