// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Applications} from "./Applications.sol";
import {ClaimKeys} from "./ClaimKeys.sol";
import {DecaiParams, Timing} from "./DecaiParams.sol";
import {ClaimData, LedgerAddresses, SessionHeader, WrongDeploymentAddress} from "./LedgerTypes.sol";
import {SessionMath} from "./SessionMath.sol";
import {Sessions} from "./Sessions.sol";
import {Suppliers} from "./Suppliers.sol";

/// @title Claims
/// @notice One claim per (supplier, session): the 48-byte sum-trie root (hash ‖ sum ‖ count) of the relays
/// the supplier mined for an application's session, made inside the claim window by the supplier's
/// operator.
/// @dev The ledger stores only each claim's hash (docs/protocol.md §7.5) with its status in the low byte;
/// proofs and settlement re-supply the claim (it is in the `ClaimCreated` event) and are checked against
/// it. Claims cannot be replaced: with the proof seed drawn after the window closes, a claim is fixed
/// before anything about its proof is known. Per (application, session) the ledger keeps the budget
/// (stake at the first claim / pending sessions) and the number of claimants for the over-servicing cap
/// (§7.4); per (service, session) the mined relay count that feeds the difficulty (§6).
contract Claims {
    error InvalidRoot();
    error EmptyClaim();
    error SessionHeaderMismatch();
    error OutsideClaimWindow(uint64 session, uint64 open, uint64 close);
    error ApplicationNotInSession(address application);
    error SessionIdMismatch(bytes32 expected);
    error SupplierNotStakedForService(address supplierOperator);
    error SupplierNotInSession(address supplierOperator);
    error ClaimExists(bytes32 claimKey);
    error NotProofs(address caller);
    error NotSettlement(address caller);

    event ClaimCreated(
        bytes32 indexed claimKey,
        address indexed supplierOperator,
        address indexed application,
        uint64 session,
        SessionHeader header,
        bytes root,
        bytes32 claimHash
    );

    /// @notice Claim status, kept in the low byte of the stored claim hash.
    uint8 public constant STATUS_NONE = 0;
    uint8 public constant STATUS_CLAIMED = 1;
    uint8 public constant STATUS_PROVEN = 2;

    struct AppSession {
        uint128 budget;
        uint32 claimants;
    }

    struct ServiceSession {
        uint64 minedRelays;
        bool volumeRecorded;
    }

    DecaiParams public immutable params;
    Sessions public immutable sessions;
    Applications public immutable applications;
    Suppliers public immutable suppliers;
    address public immutable proofs;
    address public immutable settlement;
    uint64 internal immutable _blocksPerSession;
    uint64 internal immutable _genesisHeight;

    mapping(bytes32 claimKey => bytes32) internal _claims;
    mapping(bytes32 appSessionKey => AppSession) public appSessions;
    mapping(bytes32 serviceSessionKey => ServiceSession) public serviceSessions;

    constructor(LedgerAddresses memory peers) {
        if (peers.claims != address(this)) revert WrongDeploymentAddress(peers.claims, address(this));
        params = DecaiParams(peers.params);
        sessions = Sessions(peers.sessions);
        applications = Applications(peers.applications);
        suppliers = Suppliers(peers.suppliers);
        proofs = peers.proofs;
        settlement = peers.settlement;
        _blocksPerSession = params.numBlocksPerSession();
        _genesisHeight = params.genesisHeight();
    }

    /// @notice A claim as a supplier submits it in a batch.
    struct ClaimInput {
        SessionHeader session;
        bytes root;
    }

    /// @notice Claims the relays the caller (a supplier operator) mined in `header`'s session.
    /// @param root 48 bytes: sum-trie root hash ‖ uint64 sum (compute units) ‖ uint64 count (relays)
    function createClaim(SessionHeader calldata header, bytes calldata root) external returns (bytes32 key) {
        return _createClaim(header, root);
    }

    /// @notice Several claims of the caller in one transaction (e.g. every application it served in a
    /// session); all or nothing.
    function createClaims(ClaimInput[] calldata list) external returns (bytes32[] memory keys) {
        keys = new bytes32[](list.length);
        for (uint256 i; i < list.length; ++i) {
            keys[i] = _createClaim(list[i].session, list[i].root);
        }
    }

    function _createClaim(SessionHeader calldata header, bytes calldata root) internal returns (bytes32 key) {
        (uint64 sum, uint64 count) = rootSumAndCount(root);
        if (sum == 0 || count == 0) revert EmptyClaim();
        uint64 session = _checkHeader(header);
        Timing memory p = params.timingAt(session);
        _checkWindow(session, p);
        bytes32 serviceKey = keccak256(bytes(header.serviceId));
        uint256 appStake = _checkApplication(header, serviceKey, session);
        _checkSupplier(header.sessionId, serviceKey, session, p);
        // (both checks also counted the claim as pending for the application and the supplier)

        key = claimKey(msg.sender, header.application, session);
        if (_claims[key] != 0) revert ClaimExists(key);
        bytes32 hash = claimHash(header, msg.sender, root);
        _claims[key] = _withStatus(hash, STATUS_CLAIMED);

        AppSession storage a = appSessions[appSessionKey(header.application, session)];
        if (a.claimants == 0) a.budget = uint128(appStake / SessionMath.numPendingSessions(_blocksPerSession, p));
        a.claimants++;
        serviceSessions[serviceSessionKey(serviceKey, session)].minedRelays += count;
        emit ClaimCreated(key, msg.sender, header.application, session, header, root, hash);
    }

    // ------------------------------------------------------------------ ledger hooks

    /// @notice Marks a claim proven (by `Proofs`, after verifying the proof).
    function markProven(bytes32 key) external {
        if (msg.sender != proofs) revert NotProofs(msg.sender);
        _claims[key] = _withStatus(_claims[key], STATUS_PROVEN);
    }

    /// @notice What settlement learns when it takes a claim.
    struct Consumed {
        uint8 status;
        /// the application's budget for the session and the number of claimants sharing it
        uint128 budget;
        uint32 claimants;
        /// the (service, session)'s mined relays, given once (the first settlement feeds the difficulty)
        bool volumeFirst;
        uint64 minedRelays;
    }

    /// @notice Removes a claim being settled; returns its status (STATUS_NONE: nothing was done) with the
    /// session's budget and claimants and, the first time for its (service, session), the mined volume.
    function consume(bytes32 key, bytes32 hash, address application, bytes32 serviceKey, uint64 session)
        external
        returns (Consumed memory c)
    {
        if (msg.sender != settlement) revert NotSettlement(msg.sender);
        c.status = statusOf(key, hash);
        if (c.status == STATUS_NONE) return c;
        delete _claims[key];
        AppSession memory a = appSessions[appSessionKey(application, session)];
        (c.budget, c.claimants) = (a.budget, a.claimants);
        ServiceSession storage s = serviceSessions[serviceSessionKey(serviceKey, session)];
        if (!s.volumeRecorded) {
            s.volumeRecorded = true;
            (c.volumeFirst, c.minedRelays) = (true, s.minedRelays);
        }
    }

    // ------------------------------------------------------------------ views

    /// @notice The status of the claim stored under `key` if its hash is `hash`, else STATUS_NONE.
    function statusOf(bytes32 key, bytes32 hash) public view returns (uint8) {
        bytes32 stored = _claims[key];
        if (stored == 0 || _withStatus(stored, 0) != _withStatus(hash, 0)) return STATUS_NONE;
        return uint8(uint256(stored));
    }

    /// @notice The status of a claim given in full.
    function statusOfClaim(ClaimData calldata claim) external view returns (uint8) {
        uint64 session = SessionMath.sessionNumber(_blocksPerSession, _genesisHeight, claim.session.sessionStartHeight);
        return statusOf(
            claimKey(claim.supplierOperator, claim.session.application, session),
            claimHash(claim.session, claim.supplierOperator, claim.root)
        );
    }

    /// @notice The claim of (supplier, application, session): one per supplier per session, since an
    /// application has one service.
    function claimKey(address supplierOperator, address application, uint64 session) public pure returns (bytes32) {
        return ClaimKeys.key(supplierOperator, application, session);
    }

    /// @notice keccak256(abi.encode(SessionHeader, supplierOperator, root)) (docs/protocol.md §7.5): what the
    /// proof draw hashes; it contains no mutable status (POKT's did).
    function claimHash(SessionHeader calldata header, address supplierOperator, bytes calldata root)
        public
        pure
        returns (bytes32)
    {
        return ClaimKeys.hash(header, supplierOperator, root);
    }

    function appSessionKey(address application, uint64 session) public pure returns (bytes32) {
        return keccak256(abi.encode(application, session));
    }

    function serviceSessionKey(bytes32 serviceKey, uint64 session) public pure returns (bytes32) {
        return keccak256(abi.encode(serviceKey, session));
    }

    /// @notice The sum and count of a 48-byte root.
    function rootSumAndCount(bytes calldata root) public pure returns (uint64 sum, uint64 count) {
        if (root.length != 48) revert InvalidRoot();
        sum = uint64(bytes8(root[32:40]));
        count = uint64(bytes8(root[40:48]));
    }

    // ------------------------------------------------------------------ checks

    function _checkHeader(SessionHeader calldata header) internal view returns (uint64 session) {
        session = SessionMath.sessionNumber(_blocksPerSession, _genesisHeight, header.sessionStartHeight);
        if (
            session == 0
                || header.sessionStartHeight != SessionMath.sessionStart(_blocksPerSession, _genesisHeight, session)
                || header.sessionEndHeight != SessionMath.sessionEnd(_blocksPerSession, _genesisHeight, session)
        ) revert SessionHeaderMismatch();
    }

    function _checkWindow(uint64 session, Timing memory p) internal view {
        uint64 end = SessionMath.sessionEnd(_blocksPerSession, _genesisHeight, session);
        uint64 open = SessionMath.claimWindowOpen(end, p);
        uint64 close = SessionMath.claimWindowClose(end, p);
        if (block.number < open || block.number > close) revert OutsideClaimWindow(session, open, close);
    }

    function _checkApplication(SessionHeader calldata header, bytes32 serviceKey, uint64 session)
        internal
        returns (uint256 appStake)
    {
        (bool active, bytes32 appService, uint256 stake) = applications.onClaimCreated(header.application, session);
        if (!active || appService != serviceKey) revert ApplicationNotInSession(header.application);
        bytes32 expected = sessions.resolveSessionId(header.application, header.serviceId, session);
        if (header.sessionId != expected) revert SessionIdMismatch(expected);
        return stake;
    }

    function _checkSupplier(bytes32 sessionId, bytes32 serviceKey, uint64 session, Timing memory p) internal {
        (bool active, uint256 numSuppliers) = suppliers.onClaimCreated(msg.sender, serviceKey, session);
        if (!active) revert SupplierNotStakedForService(msg.sender);
        if (!SessionMath.isInSession(sessionId, msg.sender, numSuppliers, p.suppliersPerSession)) {
            revert SupplierNotInSession(msg.sender);
        }
    }

    function _withStatus(bytes32 hash, uint8 status) internal pure returns (bytes32) {
        return (hash & ~bytes32(uint256(0xff))) | bytes32(uint256(status));
    }
}
