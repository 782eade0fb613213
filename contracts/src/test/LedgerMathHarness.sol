// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ClaimKeys} from "../ClaimKeys.sol";
import {SessionHeader} from "../LedgerTypes.sol";
import {SettlementMath} from "../SettlementMath.sol";
import {SumTrie} from "../SumTrie.sol";

/// @notice Exposes the ledger's pure arithmetic and the sum-trie verifier to the shared-vector tests.
contract LedgerMathHarness {
    function claimTokens(uint256 sum, uint256 target, uint256 numerator, uint256 denominator)
        external
        pure
        returns (uint256)
    {
        return SettlementMath.claimTokens(sum, target, numerator, denominator);
    }

    function proofSample(bytes32 claimHash, bytes32 proofSeed) external pure returns (uint64) {
        return SettlementMath.proofSample(claimHash, proofSeed);
    }

    function isProofRequired(
        uint256 tokens,
        uint256 threshold,
        bytes32 claimHash,
        bytes32 proofSeed,
        uint256 probabilityNumerator,
        uint256 probabilityDenominator
    ) external pure returns (bool) {
        return SettlementMath.isProofRequired(
            tokens, threshold, claimHash, proofSeed, probabilityNumerator, probabilityDenominator
        );
    }

    function drawIndex(bytes32 proofSeed, bytes32 claimHash, uint256 rootSum) external pure returns (uint256) {
        return SettlementMath.drawIndex(proofSeed, claimHash, rootSum);
    }

    /// @notice The whole split; `shares` adds each share's mint and inflation parts.
    function split(
        uint256 burned,
        uint256 mintRatioBps,
        uint256 supplierBps,
        uint256 championBps,
        uint256 inflationBps,
        uint16[] calldata shareBps
    )
        external
        pure
        returns (uint256 minted, uint256 inflation, uint256[] memory shares, uint256 champion, uint256 dao)
    {
        (minted, inflation) = SettlementMath.mintAndInflation(burned, mintRatioBps, inflationBps);
        (shares, champion, dao) = SettlementMath.splitPart(minted, supplierBps, championBps, shareBps);
        (uint256[] memory more, uint256 moreChampion, uint256 moreDao) =
            SettlementMath.splitPart(inflation, supplierBps, championBps, shareBps);
        for (uint256 i; i < shares.length; ++i) {
            shares[i] += more[i];
        }
        champion += moreChampion;
        dao += moreDao;
    }

    function hashClaim(SessionHeader calldata header, address supplierOperator, bytes calldata root)
        external
        pure
        returns (bytes32)
    {
        return ClaimKeys.hash(header, supplierOperator, root);
    }

    /// @notice The verified leaf (path, weight, value) and the verifier's execution gas.
    function verifyPacked(bytes calldata proof, bytes calldata root, uint256 index)
        external
        view
        returns (bytes32 path, uint64 weight, bytes memory value, uint256 gasUsed)
    {
        uint256 before = gasleft();
        SumTrie.Leaf memory leaf = SumTrie.verifyPacked(proof, SumTrie.unpack(root), index);
        gasUsed = before - gasleft();
        return (leaf.path, leaf.weight, proof[leaf.valueOffset:], gasUsed);
    }
}
