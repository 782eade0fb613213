// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice The settlement arithmetic of docs/protocol.md §7, integer-exact and shared with the off-chain
/// implementation through the vectors in test/vectors/settlement.json.
library SettlementMath {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant BASE_TARGET = type(uint256).max;

    /// @notice floor(sum × (B / target) × num / den) with one floor (§7.2):
    /// floor(floor(x / target) / den) = floor(x / (target · den)).
    function claimTokens(uint256 sum, uint256 target, uint256 numerator, uint256 denominator)
        internal
        pure
        returns (uint256)
    {
        return Math.mulDiv(sum * numerator, BASE_TARGET, target) / denominator;
    }

    /// @notice uint64(sha256(claimHash ‖ proofSeed)[0:8]) (§7.5).
    function proofSample(bytes32 claimHash, bytes32 proofSeed) internal pure returns (uint64) {
        return uint64(bytes8(sha256(abi.encodePacked(claimHash, proofSeed))));
    }

    /// @notice Required iff tokens ≥ threshold, or sample · p_den < p_num · 2^64 (§7.5).
    function isProofRequired(
        uint256 tokens,
        uint256 threshold,
        bytes32 claimHash,
        bytes32 proofSeed,
        uint256 probabilityNumerator,
        uint256 probabilityDenominator
    ) internal pure returns (bool) {
        if (tokens >= threshold) return true;
        return uint256(proofSample(claimHash, proofSeed)) * probabilityDenominator < probabilityNumerator << 64;
    }

    /// @notice The weighted draw's index: uint256(sha256(proofSeed ‖ claimHash)) mod rootSum (§7.6).
    function drawIndex(bytes32 proofSeed, bytes32 claimHash, uint256 rootSum) internal pure returns (uint256) {
        return uint256(sha256(abi.encodePacked(proofSeed, claimHash))) % rootSum;
    }

    /// @notice One minted amount split (§7.3): supplier floor(total × supplierBps), champion
    /// floor(total × championBps), the DAO the rest; the supplier part over its revenue shares, each
    /// floored, the first also taking the remainder.
    function splitPart(uint256 total, uint256 supplierBps, uint256 championBps, uint16[] memory shareBps)
        internal
        pure
        returns (uint256[] memory toShares, uint256 champion, uint256 dao)
    {
        uint256 supplier = total * supplierBps / BPS;
        champion = total * championBps / BPS;
        dao = total - supplier - champion;
        toShares = new uint256[](shareBps.length);
        uint256 distributed;
        for (uint256 i; i < shareBps.length; ++i) {
            toShares[i] = supplier * shareBps[i] / BPS;
            distributed += toShares[i];
        }
        if (shareBps.length > 0) toShares[0] += supplier - distributed;
    }

    /// @notice mint = floor(burn × mintRatioBps), inflation = ceil(burn × inflationBps) (§7.3).
    function mintAndInflation(uint256 burned, uint256 mintRatioBps, uint256 inflationBps)
        internal
        pure
        returns (uint256 minted, uint256 inflation)
    {
        minted = burned * mintRatioBps / BPS;
        inflation = Math.ceilDiv(burned * inflationBps, BPS);
    }
}
