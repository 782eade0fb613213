// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Verifies weight-proportional proofs of the sparse Merkle sum trie (docs/protocol.md §7.6, §8),
/// byte-compatible with pokt-network/smt: SHA-256; leaf = sha256(0x00 ‖ path ‖ value ‖ weight ‖ count) ‖
/// weight ‖ count; inner = sha256(0x01 ‖ left(48) ‖ right(48) ‖ sum ‖ count) ‖ sum ‖ count; sums and
/// counts uint64 big-endian; the placeholder (empty subtree) is 48 zero bytes.
/// @dev One bottom-up pass both recomputes the root and checks the draw: the descent "go left if r < L,
/// else r −= L and go right" ends on the leaf whose interval [leftSum, leftSum + weight) holds r, where
/// leftSum adds the sums of the left siblings on its path. Inner nodes are hashed through the SHA-256
/// precompile from a preimage buffer past the free memory pointer (not advanced).
library SumTrie {
    /// @notice A 48-byte node digest, unpacked.
    struct Digest {
        bytes32 hash;
        uint64 sum;
        uint64 count;
    }

    uint256 internal constant DIGEST_BYTES = 48;
    uint256 internal constant MAX_DEPTH = 256;

    error MalformedProof(uint8 reason);
    error SumOverflow();
    error RootMismatch();
    error NotDrawnLeaf(uint256 drawIndex, uint256 leftSum, uint64 weight);
    error Sha256Failed();

    /// @notice Reasons for `MalformedProof`.
    uint8 internal constant BAD_VERSION = 1;
    uint8 internal constant TOO_DEEP = 2;
    uint8 internal constant BAD_BITMAP = 3;
    uint8 internal constant TRUNCATED = 4;
    uint8 internal constant LISTED_PLACEHOLDER = 5;
    uint8 internal constant BAD_LENGTH = 6;

    /// @notice Packed weighted proof, version 1 (docs/protocol.md §8.2), big-endian:
    /// version 0x01 (1) ‖ leafPath (32) ‖ weight (8) ‖ n side nodes (2, ≤ 256) ‖ placeholder bitmap
    /// (ceil(n/8), bit i MSB-first, no bit set past n) ‖ the non-placeholder side nodes, deepest first
    /// (48 each, none equal to the placeholder) ‖ valueLength (4) ‖ value (exactly the rest).
    uint256 internal constant HEADER_BYTES = 43;

    /// @notice The revealed leaf of a packed proof.
    struct Leaf {
        bytes32 path;
        uint64 weight;
        uint256 valueOffset;
        uint256 valueLength;
    }

    /// @notice Decodes a packed proof (strictly: one encoding per proof), recomputes the root from its
    /// leaf and side nodes, and checks that the leaf is the one `drawIndex` (< root sum) draws. Reverts
    /// otherwise; returns the leaf (its value is `proof[valueOffset:valueOffset + valueLength]`).
    function verifyPacked(bytes calldata proof, Digest memory root, uint256 drawIndex)
        internal
        view
        returns (Leaf memory leaf)
    {
        if (proof.length < HEADER_BYTES + 4) revert MalformedProof(TRUNCATED);
        if (uint8(proof[0]) != 1) revert MalformedProof(BAD_VERSION);
        leaf.path = bytes32(proof[1:33]);
        leaf.weight = uint64(bytes8(proof[33:41]));
        uint256 n = uint16(bytes2(proof[41:43]));
        if (n > MAX_DEPTH) revert MalformedProof(TOO_DEEP);
        uint256 cursor = HEADER_BYTES + (n + 7) / 8;
        if (cursor > proof.length) revert MalformedProof(TRUNCATED);
        bytes calldata bitmap = proof[HEADER_BYTES:cursor];
        // unused bits of the bitmap's last byte must be clear
        if (n % 8 != 0 && uint8(bitmap[n / 8]) & (0xff >> (n % 8)) != 0) revert MalformedProof(BAD_BITMAP);

        // the value is needed first (for the leaf digest): find it past the listed side nodes
        uint256 listed = n - _popcount(bitmap);
        uint256 valueAt = cursor + listed * DIGEST_BYTES;
        if (valueAt + 4 > proof.length) revert MalformedProof(TRUNCATED);
        leaf.valueLength = uint32(bytes4(proof[valueAt:valueAt + 4]));
        leaf.valueOffset = valueAt + 4;
        if (leaf.valueOffset + leaf.valueLength != proof.length) revert MalformedProof(BAD_LENGTH);

        Digest memory current = leafDigest(leaf.path, proof[leaf.valueOffset:], leaf.weight);
        uint256 leftSum;
        for (uint256 i; i < n; ++i) {
            Digest memory side;
            if (uint8(bitmap[i / 8]) & (0x80 >> (i % 8)) == 0) {
                side = unpack(proof[cursor:cursor + DIGEST_BYTES]);
                if (side.hash == 0 && side.sum == 0 && side.count == 0) revert MalformedProof(LISTED_PLACEHOLDER);
                cursor += DIGEST_BYTES;
            }
            // bit (n − 1 − i) of the path, most significant first, says which side we came from
            if ((uint256(leaf.path) >> (255 - (n - 1 - i))) & 1 == 0) {
                current = innerDigest(current, side);
            } else {
                leftSum += side.sum;
                current = innerDigest(side, current);
            }
        }
        if (current.hash != root.hash || current.sum != root.sum || current.count != root.count) revert RootMismatch();
        if (drawIndex < leftSum || drawIndex >= leftSum + leaf.weight) {
            revert NotDrawnLeaf(drawIndex, leftSum, leaf.weight);
        }
    }

    function leafDigest(bytes32 path, bytes calldata value, uint64 weight) internal view returns (Digest memory d) {
        d = Digest(_sha256(abi.encodePacked(uint8(0), path, value, weight, uint64(1))), weight, 1);
    }

    function innerDigest(Digest memory left, Digest memory right) internal view returns (Digest memory d) {
        uint256 sum = uint256(left.sum) + right.sum;
        uint256 count = uint256(left.count) + right.count;
        if (sum > type(uint64).max || count > type(uint64).max) revert SumOverflow();
        bytes32 lh = left.hash;
        bytes32 rh = right.hash;
        uint256 lsc = (uint256(left.sum) << 192) | (uint256(left.count) << 128);
        uint256 rsc = (uint256(right.sum) << 192) | (uint256(right.count) << 128);
        uint256 sc = (sum << 192) | (count << 128);
        bytes32 h;
        bool ok;
        assembly ("memory-safe") {
            let buf := mload(0x40)
            mstore8(buf, 1)
            mstore(add(buf, 1), lh)
            mstore(add(buf, 33), lsc)
            mstore(add(buf, 49), rh)
            mstore(add(buf, 81), rsc)
            mstore(add(buf, 97), sc)
            ok := staticcall(gas(), 2, buf, 113, 0, 32)
            h := mload(0)
        }
        if (!ok) revert Sha256Failed();
        d = Digest(h, uint64(sum), uint64(count));
    }

    /// @notice Unpacks a 48-byte digest.
    function unpack(bytes calldata digest) internal pure returns (Digest memory) {
        return Digest(bytes32(digest[0:32]), uint64(bytes8(digest[32:40])), uint64(bytes8(digest[40:48])));
    }

    function _popcount(bytes calldata bitmap) private pure returns (uint256 count) {
        for (uint256 i; i < bitmap.length; ++i) {
            uint8 b = uint8(bitmap[i]);
            while (b != 0) {
                b &= b - 1;
                ++count;
            }
        }
    }

    function _sha256(bytes memory data) private view returns (bytes32 h) {
        bool ok;
        assembly ("memory-safe") {
            ok := staticcall(gas(), 2, add(data, 32), mload(data), 0, 32)
            h := mload(0)
        }
        if (!ok) revert Sha256Failed();
    }
}
