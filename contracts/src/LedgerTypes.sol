// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Wire types of docs/protocol.md §1. The field order is the ABI order: relays are `abi.encode(Relay)`.

struct SessionHeader {
    address application;
    string serviceId;
    bytes32 sessionId;
    uint64 sessionStartHeight;
    uint64 sessionEndHeight;
}

struct RelayRequest {
    SessionHeader session;
    address supplier;
    bytes32 payloadHash;
    uint32 maxInputTokens;
    uint32 maxOutputTokens;
    uint64 nonce;
}

struct RelayResponse {
    bytes32 requestHash;
    bytes32 payloadHash;
    uint32 inputTokens;
    uint32 outputTokens;
    uint16 status;
}

struct Relay {
    RelayRequest request;
    bytes requestSignature;
    RelayResponse response;
    bytes responseSignature;
}

/// @notice A claim as submitted, re-supplied to prove and to settle it (the ledger stores only its hash).
struct ClaimData {
    SessionHeader session;
    address supplierOperator;
    /// 48 bytes: sum-trie root hash ‖ uint64 sum ‖ uint64 count
    bytes root;
}

/// @notice Where every ledger contract lives. Each constructor receives the whole set (addresses are
/// predicted from the deployer's nonce) and keeps what it needs as immutables: no initializer, no
/// half-wired state, and no storage read to find a peer.
struct LedgerAddresses {
    address token;
    address params;
    address sessions;
    address services;
    address gateways;
    address applications;
    address suppliers;
    address claims;
    address proofs;
    address settlement;
}

/// @notice Thrown by a constructor deployed at another address than the one its peers were told.
error WrongDeploymentAddress(address expected, address actual);
