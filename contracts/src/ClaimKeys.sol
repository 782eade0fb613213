// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SessionHeader} from "./LedgerTypes.sol";

/// @notice How claims are identified and hashed, shared by `Claims`, `Proofs` and `Settlement`.
library ClaimKeys {
    /// @notice The storage key of the claim of (supplier, application, session): one per supplier per
    /// session, since an application has one service.
    function key(address supplierOperator, address application, uint64 session) internal pure returns (bytes32) {
        return keccak256(abi.encode(supplierOperator, application, session));
    }

    /// @notice keccak256(abi.encode(SessionHeader, supplierOperator, root)) (docs/protocol.md §7.5): the
    /// hash the proof draws are made from; it holds no mutable status (POKT's did).
    function hash(SessionHeader calldata header, address supplierOperator, bytes calldata root)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(header, supplierOperator, root));
    }
}
