// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Applications} from "./Applications.sol";
import {ClaimKeys} from "./ClaimKeys.sol";
import {Claims} from "./Claims.sol";
import {DecaiParams, Timing} from "./DecaiParams.sol";
import {ClaimData, LedgerAddresses, Relay, SessionHeader, WrongDeploymentAddress} from "./LedgerTypes.sol";
import {RelayHashing} from "./RelayHashing.sol";
import {Pricing, Services} from "./Services.sol";
import {SessionMath} from "./SessionMath.sol";
import {SettlementMath} from "./SettlementMath.sol";
import {Sessions} from "./Sessions.sol";
import {SumTrie} from "./SumTrie.sol";

/// @title Proofs
/// @notice Verifies the proof of a claim: the relay drawn in proportion to compute units (docs/protocol.md
/// §7.6) with its sum-trie path to the claimed root, and that relay itself. This contract is the EIP-712
/// `verifyingContract` of relay signatures (domain "decai", version "1").
/// @dev Checked, in order: the claim exists and is unproven; the proof window; the canonical encoding
/// of the relay; its session header equals the claim's and names the claim's supplier; the request
/// signer is the application or a gateway it had delegated to for that session; the response answers
/// that request and is signed by the supplier's operator; the usage is within the signed bounds; the relay
/// is mined (sha256(relay) < target at the session); and the leaf (path sha256(relayHash), value = relay
/// bytes, weight = the relay's compute units) is the drawn one and recomputes the root. An invalid proof
/// reverts: the claim then simply has no proof, and settlement slashes it if a proof was required.
contract Proofs is EIP712 {
    error ClaimNotFound(bytes32 claimKey);
    error ProofAlreadySubmitted(bytes32 claimKey);
    error OutsideProofWindow(uint64 session, uint64 open, uint64 close);
    error NonCanonicalRelay();
    error RelaySessionMismatch();
    error RelaySupplierMismatch(address supplier);
    error InvalidRequestSignature();
    error UnauthorizedRequestSigner(address signer);
    error ResponseRequestMismatch();
    error InvalidResponseSignature();
    error WrongResponseSigner(address signer);
    error UsageOutOfBounds();
    error RelayNotMined(bytes32 relayHash, uint256 target);
    error ComputeUnitsOverflow();
    error LeafPathMismatch();
    error WeightMismatch(uint64 leafWeight, uint64 computeUnits);

    event ProofAccepted(bytes32 indexed claimKey, bytes32 relayHash, uint64 computeUnits);

    DecaiParams public immutable params;
    Sessions public immutable sessions;
    Services public immutable services;
    Applications public immutable applications;
    Claims public immutable claims;
    uint64 internal immutable _blocksPerSession;
    uint64 internal immutable _genesisHeight;

    constructor(LedgerAddresses memory peers) EIP712("decai", "1") {
        if (peers.proofs != address(this)) revert WrongDeploymentAddress(peers.proofs, address(this));
        params = DecaiParams(peers.params);
        sessions = Sessions(peers.sessions);
        services = Services(peers.services);
        applications = Applications(peers.applications);
        claims = Claims(peers.claims);
        _blocksPerSession = params.numBlocksPerSession();
        _genesisHeight = params.genesisHeight();
    }

    /// @notice Proves `claim` with the packed weighted proof (docs/protocol.md §8.2) of its drawn leaf,
    /// whose value is the relay (`abi.encode(Relay)`). Anyone may submit it: it authenticates itself.
    function submitProof(ClaimData calldata claim, bytes calldata proof) external {
        uint64 session = SessionMath.sessionNumber(_blocksPerSession, _genesisHeight, claim.session.sessionStartHeight);
        bytes32 key = ClaimKeys.key(claim.supplierOperator, claim.session.application, session);
        bytes32 hash = ClaimKeys.hash(claim.session, claim.supplierOperator, claim.root);
        uint8 status = claims.statusOf(key, hash);
        if (status == 0) revert ClaimNotFound(key);
        if (status != 1) revert ProofAlreadySubmitted(key);
        _checkWindow(session);

        SumTrie.Digest memory root = SumTrie.unpack(claim.root);
        uint256 r = SettlementMath.drawIndex(sessions.recordProofSeed(session), hash, root.sum);
        SumTrie.Leaf memory leaf = SumTrie.verifyPacked(proof, root, r);
        bytes calldata relayBytes = proof[leaf.valueOffset:];
        bytes32 relayHash = sha256(relayBytes);
        // the leaf's key is the relay hash (docs/protocol.md §5), hashed once more into the path
        if (leaf.path != sha256(abi.encodePacked(relayHash))) revert LeafPathMismatch();

        Relay memory relay = abi.decode(relayBytes, (Relay));
        // one relay, one byte string: the relay hash is the relay's identity in the trie
        if (keccak256(abi.encode(relay)) != keccak256(relayBytes)) revert NonCanonicalRelay();
        _checkSignatures(relay, claim, session);

        (Pricing memory pricing, uint256 target) =
            services.pricingAndTargetAt(keccak256(bytes(claim.session.serviceId)), session);
        if (uint256(relayHash) >= target) revert RelayNotMined(relayHash, target);
        uint64 cu = computeUnits(relay, pricing);
        if (leaf.weight != cu) revert WeightMismatch(leaf.weight, cu);

        claims.markProven(key);
        emit ProofAccepted(key, relayHash, cu);
    }

    /// @notice cu = cuPerRequest + cuPerInputToken·in + cuPerOutputToken·out (docs/protocol.md §7.1), with
    /// the usage within the bounds the request signed.
    function computeUnits(Relay memory relay, Pricing memory pricing) public pure returns (uint64) {
        if (
            relay.response.inputTokens > relay.request.maxInputTokens
                || relay.response.outputTokens > relay.request.maxOutputTokens
        ) revert UsageOutOfBounds();
        uint256 cu = uint256(pricing.cuPerRequest) + uint256(pricing.cuPerInputToken) * relay.response.inputTokens
            + uint256(pricing.cuPerOutputToken) * relay.response.outputTokens;
        if (cu > type(uint64).max) revert ComputeUnitsOverflow();
        return uint64(cu);
    }

    /// @notice The EIP-712 digest the request signature covers (also the response's `requestHash`).
    function requestDigest(Relay memory relay) public view returns (bytes32) {
        return _hashTypedDataV4(RelayHashing.hashRequest(relay.request));
    }

    /// @notice The EIP-712 digest the response signature covers.
    function responseDigest(Relay memory relay) public view returns (bytes32) {
        return _hashTypedDataV4(RelayHashing.hashResponse(relay.response));
    }

    function _checkWindow(uint64 session) internal view {
        Timing memory p = params.timingAt(session);
        uint64 end = SessionMath.sessionEnd(_blocksPerSession, _genesisHeight, session);
        uint64 open = SessionMath.proofWindowOpen(end, p);
        uint64 close = SessionMath.proofWindowClose(end, p);
        if (block.number < open || block.number > close) revert OutsideProofWindow(session, open, close);
    }

    function _checkSignatures(Relay memory relay, ClaimData calldata claim, uint64 session) internal view {
        SessionHeader memory h = relay.request.session;
        if (
            h.application != claim.session.application || keccak256(bytes(h.serviceId)) != keccak256(bytes(claim.session.serviceId))
                || h.sessionId != claim.session.sessionId || h.sessionStartHeight != claim.session.sessionStartHeight
                || h.sessionEndHeight != claim.session.sessionEndHeight
        ) revert RelaySessionMismatch();
        if (relay.request.supplier != claim.supplierOperator) revert RelaySupplierMismatch(relay.request.supplier);

        bytes32 reqDigest = requestDigest(relay);
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(reqDigest, relay.requestSignature);
        if (err != ECDSA.RecoverError.NoError) revert InvalidRequestSignature();
        if (!applications.isAuthorizedSigner(h.application, signer, session)) revert UnauthorizedRequestSigner(signer);

        if (relay.response.requestHash != reqDigest) revert ResponseRequestMismatch();
        (address responder, ECDSA.RecoverError err2,) = ECDSA.tryRecover(responseDigest(relay), relay.responseSignature);
        if (err2 != ECDSA.RecoverError.NoError) revert InvalidResponseSignature();
        if (responder != claim.supplierOperator) revert WrongResponseSigner(responder);
    }
}
