// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Sha3Hasher} from "../Sha3Hasher.sol";
import {Sha3Lib} from "../Sha3Lib.sol";

/// @notice Exposes SHA3-256 to tests and reports its gas.
contract Sha3Harness {
    address public immutable hasher = address(new Sha3Hasher());

    function sha3_256(bytes calldata data) external view returns (bytes32) {
        return Sha3Lib.sha3_256(hasher, data);
    }

    /// @return digest the hash, gasUsed the execution gas of the (warm) call through the library
    function measure(bytes calldata data) external view returns (bytes32 digest, uint256 gasUsed) {
        bytes memory copy = data;
        Sha3Lib.sha3_256(hasher, ""); // warm the account, as in a transaction that hashes more than once
        uint256 before = gasleft();
        digest = Sha3Lib.sha3_256(hasher, copy);
        gasUsed = before - gasleft();
    }
}
