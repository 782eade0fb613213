// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RelayRequest, RelayResponse, SessionHeader} from "./LedgerTypes.sol";

/// @notice EIP-712 struct hashes of the relay types (docs/protocol.md §4); the domain is added by the
/// verifying contract.
library RelayHashing {
    bytes32 internal constant SESSION_HEADER_TYPEHASH = keccak256(
        "SessionHeader(address application,string serviceId,bytes32 sessionId,uint64 sessionStartHeight,uint64 sessionEndHeight)"
    );
    bytes32 internal constant RELAY_REQUEST_TYPEHASH = keccak256(
        "RelayRequest(SessionHeader session,address supplier,bytes32 payloadHash,uint32 maxInputTokens,uint32 maxOutputTokens,uint64 nonce)SessionHeader(address application,string serviceId,bytes32 sessionId,uint64 sessionStartHeight,uint64 sessionEndHeight)"
    );
    bytes32 internal constant RELAY_RESPONSE_TYPEHASH = keccak256(
        "RelayResponse(bytes32 requestHash,bytes32 payloadHash,uint32 inputTokens,uint32 outputTokens,uint16 status)"
    );

    function hashSessionHeader(SessionHeader memory h) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                SESSION_HEADER_TYPEHASH,
                h.application,
                keccak256(bytes(h.serviceId)),
                h.sessionId,
                h.sessionStartHeight,
                h.sessionEndHeight
            )
        );
    }

    function hashRequest(RelayRequest memory r) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                RELAY_REQUEST_TYPEHASH,
                hashSessionHeader(r.session),
                r.supplier,
                r.payloadHash,
                r.maxInputTokens,
                r.maxOutputTokens,
                r.nonce
            )
        );
    }

    function hashResponse(RelayResponse memory r) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(RELAY_RESPONSE_TYPEHASH, r.requestHash, r.payloadHash, r.inputTokens, r.outputTokens, r.status)
        );
    }
}
