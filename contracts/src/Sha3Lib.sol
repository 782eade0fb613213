// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Calls a deployed `Sha3Hasher`.
library Sha3Lib {
    error Sha3CallFailed();

    /// @notice FIPS-202 SHA3-256 of `data`, computed by `hasher`.
    function sha3_256(address hasher, bytes memory data) internal view returns (bytes32 digest) {
        (bool ok, bytes memory out) = hasher.staticcall(data);
        if (!ok || out.length != 32) revert Sha3CallFailed();
        digest = bytes32(out);
    }
}
