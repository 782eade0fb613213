// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {DecaiParams, Params} from "./DecaiParams.sol";
import {LedgerAddresses, WrongDeploymentAddress} from "./LedgerTypes.sol";

/// @notice Compute units per relay (docs/protocol.md §7.1) and the champion's share of settlements.
struct Pricing {
    uint64 cuPerRequest;
    uint64 cuPerInputToken;
    uint64 cuPerOutputToken;
    uint16 championBps;
}

/// @title Services
/// @notice The service registry: a service is an open model published by its champion (the owner), with
/// its pricing and a commitment to the model artifact; and each service's relay-mining difficulty.
/// @dev Pricing and difficulty change only at session boundaries and keep their history (at most one
/// entry per session), so proofs and settlements of a past session use the values that were in force
/// during it. The model's sha256 and license never change: a new model is a new service, which keeps
/// audits (the watcher checks model identity per service) unambiguous. Its URIs (mirrors) may change.
contract Services {
    error ServiceExists(string serviceId);
    error ServiceNotFound(bytes32 serviceKey);
    error InvalidServiceId(string serviceId);
    error InvalidPricing();
    error ChampionShareTooHigh(uint16 championBps, uint16 maxChampionBps);
    error NotServiceOwner(address caller);
    error NotSettlement(address caller);
    error ZeroAddress();

    event ServiceAdded(bytes32 indexed serviceKey, string serviceId, address indexed owner, bytes32 modelSha256);
    event PricingScheduled(bytes32 indexed serviceKey, uint64 fromSession, Pricing pricing);
    event ModelUrisChanged(bytes32 indexed serviceKey, string[] modelUris);
    event ServiceTransferred(bytes32 indexed serviceKey, address indexed from, address indexed to);
    event DifficultyUpdated(
        bytes32 indexed serviceKey, uint64 indexed settledSession, uint64 fromSession, uint256 estimatedRelays, uint256 ema, uint256 target
    );

    struct Service {
        address owner;
        bytes32 modelSha256;
        string id;
        string license;
        string[] modelUris;
    }

    /// @dev Flattened so that a checkpoint fills exactly one slot.
    struct PricingCheckpoint {
        uint48 fromSession;
        uint64 cuPerRequest;
        uint64 cuPerInputToken;
        uint64 cuPerOutputToken;
        uint16 championBps;
    }

    /// @dev One slot per change: the target is recomputed from the EMA and T in force when it was set
    /// (target = B if ema ≤ T else floor(B·T / ema)), which is cheaper than storing 256 bits beside the session.
    struct TargetCheckpoint {
        uint64 fromSession;
        uint128 ema;
        uint64 targetRelays;
    }

    /// @dev EMA of the estimated relays per session and the last session fed into it.
    struct Difficulty {
        uint192 ema;
        uint64 lastSession;
    }

    /// @notice B = 2^256 − 1: with this target every relay is mined.
    uint256 public constant BASE_TARGET = type(uint256).max;
    /// @dev POKT's limit; ids are ASCII [A-Za-z0-9_.-], safe in URLs and in the session-id preimage.
    uint256 internal constant MAX_ID_LENGTH = 42;

    DecaiParams public immutable params;
    address public immutable settlement;

    mapping(bytes32 serviceKey => Service) internal _services;
    mapping(bytes32 serviceKey => PricingCheckpoint[]) internal _pricing;
    mapping(bytes32 serviceKey => TargetCheckpoint[]) internal _targets;
    mapping(bytes32 serviceKey => Difficulty) public difficulty;

    constructor(LedgerAddresses memory peers) {
        if (peers.services != address(this)) revert WrongDeploymentAddress(peers.services, address(this));
        params = DecaiParams(peers.params);
        settlement = peers.settlement;
    }

    /// @notice The storage key of a service id.
    function serviceKey(string memory serviceId) public pure returns (bytes32) {
        return keccak256(bytes(serviceId));
    }

    /// @notice Publishes a service owned by the caller (its champion). Usable from the next session.
    function addService(
        string calldata serviceId,
        Pricing calldata pricing,
        bytes32 modelSha256,
        string[] calldata modelUris,
        string calldata license
    ) external returns (bytes32 key) {
        _checkServiceId(serviceId);
        key = serviceKey(serviceId);
        Service storage s = _services[key];
        if (s.owner != address(0)) revert ServiceExists(serviceId);
        s.owner = msg.sender;
        s.modelSha256 = modelSha256;
        s.id = serviceId;
        s.license = license;
        s.modelUris = modelUris;
        emit ServiceAdded(key, serviceId, msg.sender, modelSha256);
        emit ModelUrisChanged(key, modelUris);
        _schedulePricing(key, pricing);
    }

    /// @notice Changes the pricing from the next session on.
    function setPricing(string calldata serviceId, Pricing calldata pricing) external {
        bytes32 key = _ownedBy(serviceId, msg.sender);
        _schedulePricing(key, pricing);
    }

    /// @notice Replaces the model's download locations (the sha256 commitment stays).
    function setModelUris(string calldata serviceId, string[] calldata modelUris) external {
        bytes32 key = _ownedBy(serviceId, msg.sender);
        _services[key].modelUris = modelUris;
        emit ModelUrisChanged(key, modelUris);
    }

    /// @notice Hands the service (and its champion share) to another owner.
    function transferService(string calldata serviceId, address newOwner) external {
        if (newOwner == address(0)) revert ZeroAddress();
        bytes32 key = _ownedBy(serviceId, msg.sender);
        _services[key].owner = newOwner;
        emit ServiceTransferred(key, msg.sender, newOwner);
    }

    /// @notice Feeds a settled session's estimated volume into the control law (docs/protocol.md §6) and
    /// schedules the new target for the next session. Sessions are fed in order: an older session
    /// settled late no longer moves the difficulty.
    /// @return updated whether the difficulty changed
    function recordVolume(bytes32 key, uint64 session, uint256 minedRelays) external returns (bool updated) {
        if (msg.sender != settlement) revert NotSettlement(msg.sender);
        Difficulty memory d = difficulty[key];
        if (session <= d.lastSession) return false;
        Params memory p = params.paramsAt(session);
        uint256 estimated = Math.mulDiv(minedRelays, BASE_TARGET, targetAt(key, session));
        uint256 ema = d.lastSession == 0
            ? estimated
            : (p.emaAlphaNumerator * estimated + (p.emaAlphaDenominator - p.emaAlphaNumerator) * uint256(d.ema))
                / p.emaAlphaDenominator;
        if (ema > type(uint128).max) ema = type(uint128).max; // ~3.4e38 relays per session: never in practice
        uint256 target = _target(ema, p.targetRelaysPerSession);
        difficulty[key] = Difficulty(uint192(ema), session);
        uint64 from = params.currentSession() + 1;
        // a checkpoint only when the target moves (it stays B while the volume is below T)
        if (target != targetAt(key, from)) _pushTarget(key, TargetCheckpoint(from, uint128(ema), p.targetRelaysPerSession));
        emit DifficultyUpdated(key, session, from, estimated, ema, target);
        return true;
    }

    // ------------------------------------------------------------------ views

    function exists(bytes32 key) public view returns (bool) {
        return _services[key].owner != address(0);
    }

    function ownerOf(bytes32 key) external view returns (address owner) {
        owner = _services[key].owner;
        if (owner == address(0)) revert ServiceNotFound(key);
    }

    function getService(string calldata serviceId) external view returns (Service memory) {
        bytes32 key = serviceKey(serviceId);
        if (!exists(key)) revert ServiceNotFound(key);
        return _services[key];
    }

    /// @notice The pricing in force during `session` (reverts before the service's first session).
    function pricingAt(bytes32 key, uint64 session) public view returns (Pricing memory) {
        PricingCheckpoint[] storage history = _pricing[key];
        for (uint256 i = history.length; i > 0; --i) {
            PricingCheckpoint memory c = history[i - 1];
            if (c.fromSession <= session) {
                return Pricing(c.cuPerRequest, c.cuPerInputToken, c.cuPerOutputToken, c.championBps);
            }
        }
        revert ServiceNotFound(key);
    }

    /// @notice The relay-mining target in force during `session` (B until the first update).
    function targetAt(bytes32 key, uint64 session) public view returns (uint256) {
        TargetCheckpoint[] storage history = _targets[key];
        for (uint256 i = history.length; i > 0; --i) {
            TargetCheckpoint memory c = history[i - 1];
            if (c.fromSession <= session) return _target(c.ema, c.targetRelays);
        }
        return BASE_TARGET;
    }

    /// @notice Pricing and target of a session, in one call (used by proofs).
    function pricingAndTargetAt(bytes32 key, uint64 session)
        external
        view
        returns (Pricing memory pricing, uint256 target)
    {
        return (pricingAt(key, session), targetAt(key, session));
    }

    /// @notice Pricing and target of a session with the champion, in one call (used by settlement).
    function sessionTerms(bytes32 key, uint64 session)
        external
        view
        returns (Pricing memory pricing, uint256 target, address owner)
    {
        return (pricingAt(key, session), targetAt(key, session), _services[key].owner);
    }

    // ------------------------------------------------------------------ internals

    function _ownedBy(string calldata serviceId, address caller) internal view returns (bytes32 key) {
        key = serviceKey(serviceId);
        address owner = _services[key].owner;
        if (owner == address(0)) revert ServiceNotFound(key);
        if (owner != caller) revert NotServiceOwner(caller);
    }

    function _schedulePricing(bytes32 key, Pricing calldata pricing) internal {
        // every relay costs at least one compute unit: sum-trie leaves have weight ≥ 1
        if (pricing.cuPerRequest == 0) revert InvalidPricing();
        uint16 maxChampionBps = params.currentParams().maxChampionBps;
        if (pricing.championBps > maxChampionBps) revert ChampionShareTooHigh(pricing.championBps, maxChampionBps);
        uint64 from = params.currentSession() + 1;
        PricingCheckpoint memory checkpoint = PricingCheckpoint(
            uint48(from), pricing.cuPerRequest, pricing.cuPerInputToken, pricing.cuPerOutputToken, pricing.championBps
        );
        PricingCheckpoint[] storage history = _pricing[key];
        uint256 len = history.length;
        if (len > 0 && history[len - 1].fromSession == from) history[len - 1] = checkpoint;
        else history.push(checkpoint);
        emit PricingScheduled(key, from, pricing);
    }

    function _pushTarget(bytes32 key, TargetCheckpoint memory checkpoint) internal {
        TargetCheckpoint[] storage history = _targets[key];
        uint256 len = history.length;
        if (len > 0 && history[len - 1].fromSession == checkpoint.fromSession) history[len - 1] = checkpoint;
        else history.push(checkpoint);
    }

    /// @dev The control law's target (docs/protocol.md §6): B if ema ≤ T, else floor(B·T / ema).
    function _target(uint256 ema, uint256 targetRelays) internal pure returns (uint256) {
        return ema <= targetRelays ? BASE_TARGET : Math.mulDiv(BASE_TARGET, targetRelays, ema);
    }

    function _checkServiceId(string calldata serviceId) internal pure {
        bytes calldata b = bytes(serviceId);
        if (b.length == 0 || b.length > MAX_ID_LENGTH) revert InvalidServiceId(serviceId);
        for (uint256 i; i < b.length; ++i) {
            bytes1 c = b[i];
            bool ok = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-"
                || c == "_" || c == ".";
            if (!ok) revert InvalidServiceId(serviceId);
        }
    }
}
