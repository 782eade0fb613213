// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {DecaiParams, Timing} from "./DecaiParams.sol";
import {LedgerAddresses, WrongDeploymentAddress} from "./LedgerTypes.sol";
import {SessionMath} from "./SessionMath.sol";
import {Sha3Hasher} from "./Sha3Hasher.sol";
import {Sha3Lib} from "./Sha3Lib.sol";

/// @title Sessions
/// @notice Session grid, the seeds recorded on-chain, session ids and O(1) supplier membership
/// (docs/protocol.md §3).
/// @dev Seed rule (docs/ledger.md "Seeds"):
/// - session seed of session s = blockhash(start_s − 1): unknown until the block before the session,
///   fixed after. Recorded by anyone (`recordSessionSeed`) or by the first claim that needs it.
/// - proof seed of session s = blockhash(proofWindowOpen_s − 1), a block at or after the claim window's
///   close, so no claim can be (re)made once it is known. Recorded by anyone, by the first proof, or by
///   settlement.
/// Both are stored because `blockhash` reaches back only 256 blocks and because anvil, restarted from a
/// state file, answers keccak256(decimal height) for blocks mined before the restart: a value anyone
/// could predict. That value is recognised and refused.
contract Sessions {
    error SessionNotStarted(uint64 session);
    error SessionSeedUnavailable(uint64 session);
    error ProofSeedNotYetKnown(uint64 session, uint64 seedHeight);

    event SessionSeedRecorded(uint64 indexed session, bytes32 seed);
    event ProofSeedRecorded(uint64 indexed session, bytes32 seed);

    DecaiParams public immutable params;
    /// @notice The contract computing SHA3-256 (FIPS 202) for session ids.
    address public immutable hasher;
    uint64 public immutable numBlocksPerSession;
    uint64 public immutable genesisHeight;

    mapping(uint64 session => bytes32) internal _sessionSeeds;
    mapping(uint64 session => bytes32) internal _proofSeeds;
    /// @dev keccak256(application, serviceId, session) → session id, cached by its first user
    mapping(bytes32 => bytes32) internal _sessionIds;

    constructor(LedgerAddresses memory peers) {
        if (peers.sessions != address(this)) revert WrongDeploymentAddress(peers.sessions, address(this));
        params = DecaiParams(peers.params);
        numBlocksPerSession = params.numBlocksPerSession();
        genesisHeight = params.genesisHeight();
        hasher = address(new Sha3Hasher());
        uint64 current = currentSession();
        if (current > 0 && _liveBlockhash(sessionStart(current) - 1) != 0) recordSessionSeed(current);
    }

    // ------------------------------------------------------------------ grid

    function currentSession() public view returns (uint64) {
        return SessionMath.sessionNumber(numBlocksPerSession, genesisHeight, block.number);
    }

    function sessionNumber(uint256 height) external view returns (uint64) {
        return SessionMath.sessionNumber(numBlocksPerSession, genesisHeight, height);
    }

    function sessionStart(uint64 session) public view returns (uint64) {
        return SessionMath.sessionStart(numBlocksPerSession, genesisHeight, session);
    }

    function sessionEnd(uint64 session) public view returns (uint64) {
        return SessionMath.sessionEnd(numBlocksPerSession, genesisHeight, session);
    }

    /// @notice Every height of a session's life, with the parameters in force for it.
    function timeline(uint64 session)
        external
        view
        returns (
            uint64 start,
            uint64 end,
            uint64 claimOpen,
            uint64 claimClose,
            uint64 proofOpen,
            uint64 proofClose,
            uint64 settlementHeight
        )
    {
        Timing memory p = params.timingAt(session);
        start = sessionStart(session);
        end = sessionEnd(session);
        claimOpen = SessionMath.claimWindowOpen(end, p);
        claimClose = SessionMath.claimWindowClose(end, p);
        proofOpen = SessionMath.proofWindowOpen(end, p);
        proofClose = SessionMath.proofWindowClose(end, p);
        settlementHeight = proofClose + 1;
    }

    // ------------------------------------------------------------------ seeds

    /// @notice Records (once) and returns the seed of `session`; anyone may call it from the session's
    /// first block until 256 blocks later.
    function recordSessionSeed(uint64 session) public returns (bytes32 seed) {
        seed = _sessionSeeds[session];
        if (seed != 0) return seed;
        if (session == 0) revert SessionNotStarted(session);
        uint64 start = sessionStart(session);
        if (block.number < start) revert SessionNotStarted(session);
        seed = _liveBlockhash(start - 1);
        if (seed == 0) revert SessionSeedUnavailable(session);
        _sessionSeeds[session] = seed;
        emit SessionSeedRecorded(session, seed);
    }

    /// @notice The seed of `session`: recorded, or still readable from `blockhash`.
    function sessionSeed(uint64 session) public view returns (bytes32 seed) {
        seed = _sessionSeeds[session];
        if (seed != 0) return seed;
        if (session == 0) revert SessionNotStarted(session);
        uint64 start = sessionStart(session);
        if (block.number < start) revert SessionNotStarted(session);
        seed = _liveBlockhash(start - 1);
        if (seed == 0) revert SessionSeedUnavailable(session);
    }

    /// @notice Records (once) and returns the proof seed of `session`, or 0 if it can no longer be read
    /// (then every claim of the session counts as requiring a proof: see `Settlement`).
    function recordProofSeed(uint64 session) public returns (bytes32 seed) {
        seed = _proofSeeds[session];
        if (seed != 0) return seed;
        uint64 height = proofSeedHeight(session);
        if (block.number <= height) revert ProofSeedNotYetKnown(session, height);
        seed = _liveBlockhash(height);
        if (seed == 0) return 0;
        _proofSeeds[session] = seed;
        emit ProofSeedRecorded(session, seed);
    }

    /// @notice The proof seed of `session`: recorded, still readable, or 0 when neither.
    function proofSeed(uint64 session) external view returns (bytes32 seed) {
        seed = _proofSeeds[session];
        if (seed != 0) return seed;
        uint64 height = proofSeedHeight(session);
        if (block.number <= height) revert ProofSeedNotYetKnown(session, height);
        seed = _liveBlockhash(height);
    }

    function proofSeedHeight(uint64 session) public view returns (uint64) {
        return SessionMath.proofSeedHeight(sessionEnd(session), params.timingAt(session));
    }

    /// @dev blockhash, or 0 when out of reach or when it is anvil's post-restart stand-in.
    function _liveBlockhash(uint256 height) internal view returns (bytes32 hash) {
        hash = blockhash(height);
        if (hash == keccak256(bytes(Strings.toString(height)))) return 0;
    }

    // ------------------------------------------------------------------ session ids

    /// @notice sha3_256(seed ‖ "." ‖ serviceId ‖ "." ‖ lower-case hex application ‖ "." ‖ uint64_LE(start))
    /// (docs/protocol.md §3.3, POKT's algorithm).
    function computeSessionId(bytes32 seed, string memory serviceId, address application, uint64 start)
        public
        view
        returns (bytes32)
    {
        bytes memory preimage = abi.encodePacked(
            seed, ".", serviceId, ".", Strings.toHexString(application), ".", _uint64LittleEndian(start)
        );
        return Sha3Lib.sha3_256(hasher, preimage);
    }

    /// @notice The session id of (application, service, session), from the recorded seed.
    function sessionId(address application, string calldata serviceId, uint64 session) external view returns (bytes32) {
        bytes32 cached = _sessionIds[keccak256(abi.encode(application, serviceId, session))];
        if (cached != 0) return cached;
        return computeSessionId(sessionSeed(session), serviceId, application, sessionStart(session));
    }

    /// @notice Like `sessionId`, recording the seed and caching the id: SHA3 costs ~60k gas, so only the
    /// first claim of an (application, session) pays it.
    function resolveSessionId(address application, string calldata serviceId, uint64 session)
        external
        returns (bytes32 id)
    {
        bytes32 key = keccak256(abi.encode(application, serviceId, session));
        id = _sessionIds[key];
        if (id != 0) return id;
        id = computeSessionId(recordSessionSeed(session), serviceId, application, sessionStart(session));
        _sessionIds[key] = id;
    }

    function _uint64LittleEndian(uint64 v) internal pure returns (bytes8 out) {
        uint64 le;
        for (uint256 i; i < 8; ++i) {
            le = (le << 8) | (v & 0xff);
            v >>= 8;
        }
        out = bytes8(le);
    }

    // ------------------------------------------------------------------ membership

    /// @notice Whether a supplier is in a session (docs/protocol.md §3.4): one hash against a threshold
    /// from a counter, O(1), no loop over suppliers. See `SessionMath.isInSession`.
    function isInSession(bytes32 id, address supplierOperator, uint256 numSuppliers, uint256 suppliersPerSession)
        external
        pure
        returns (bool)
    {
        return SessionMath.isInSession(id, supplierOperator, numSuppliers, suppliersPerSession);
    }
}
