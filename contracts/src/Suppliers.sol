// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {CountHistory} from "./CountHistory.sol";
import {DecaiParams, Params} from "./DecaiParams.sol";
import {DecaiToken} from "./DecaiToken.sol";
import {LedgerAddresses, WrongDeploymentAddress} from "./LedgerTypes.sol";
import {Services} from "./Services.sol";
import {SessionMath} from "./SessionMath.sol";

/// @notice A service a supplier serves, with the endpoint it serves it at.
struct ServiceConfig {
    string serviceId;
    string endpoint;
}

/// @notice Who receives a supplier's rewards, in basis points (they sum to 10 000).
struct RevenueShare {
    address recipient;
    uint16 bps;
}

/// @title Suppliers
/// @notice Supplier stakes: an owner (whose tokens they are) and an operator (the key that signs relay
/// responses, claims and proofs, and identifies the supplier), the services served with their endpoints,
/// and the revenue shares. Also the number of suppliers staked per service at each session, which makes
/// session membership an O(1) check (docs/protocol.md §3.4).
/// @dev Every change takes effect at the next session; unstaking ends service after the current one.
/// Stakes leave only after the unbonding period and once no claim of the supplier is left to settle, so
/// unbonding cannot escape a slash. Loops run only over one supplier's own services (at most
/// `maxServicesPerSupplier`) and revenue shares (at most `MAX_REVENUE_SHARES`).
contract Suppliers {
    using SafeERC20 for IERC20;
    using CountHistory for CountHistory.History;

    error BelowMinimumStake(uint256 amount, uint256 minimum);
    error AlreadyStaked(address operator);
    error NotStaked(address operator);
    error NotOwner(address caller);
    error NotOwnerOrOperator(address caller);
    error AlreadyUnbonding(address operator);
    error StillBonded(address operator, uint64 withdrawableFromSession);
    error ClaimsPending(address operator, uint32 pendingClaims);
    error ServiceNotFound(string serviceId);
    error AlreadyServing(string serviceId);
    error NotServing(string serviceId);
    error TooManyServices(uint8 maximum);
    error ServiceReaddTooSoon(string serviceId, uint64 allowedFromSession);
    error InvalidRevenueShares();
    error NotClaims(address caller);
    error NotSettlement(address caller);

    event SupplierStaked(address indexed operator, address indexed owner, uint256 stake);
    event SupplierServiceAdded(address indexed operator, bytes32 indexed serviceKey, string endpoint, uint64 fromSession);
    event SupplierServiceRemoved(address indexed operator, bytes32 indexed serviceKey, uint64 untilSession);
    event SupplierEndpointScheduled(address indexed operator, bytes32 indexed serviceKey, string endpoint, uint64 fromSession);
    event RevenueSharesSet(address indexed operator, RevenueShare[] shares);
    event SupplierUnbondingStarted(address indexed operator, uint64 lastSession, uint64 withdrawableFromSession);
    event SupplierWithdrawn(address indexed operator, address indexed owner, uint256 amount);
    event SupplierSlashed(address indexed operator, uint256 amount, bool forcedUnbonding);

    struct Supplier {
        address owner;
        uint8 serviceCount;
        uint128 stake;
        /// first session it is no longer active (0: not unbonding)
        uint64 unbondingFrom;
        /// claims not yet settled
        uint32 pendingClaims;
    }

    /// @dev Served during sessions [from, until) (until 0: open-ended); the endpoint switches to
    /// `pendingEndpoint` from `endpointFrom` on.
    struct SupplierService {
        uint64 from;
        uint64 until;
        uint64 endpointFrom;
        string endpoint;
        string pendingEndpoint;
    }

    uint256 public constant MAX_REVENUE_SHARES = 8;
    uint16 internal constant BPS = 10_000;

    IERC20 public immutable token;
    DecaiParams public immutable params;
    Services public immutable services;
    address public immutable claims;
    address public immutable settlement;
    uint64 internal immutable _blocksPerSession;

    mapping(address operator => Supplier) public suppliers;
    mapping(address operator => mapping(bytes32 serviceKey => SupplierService)) internal _services;
    mapping(address operator => bytes32[]) internal _serviceKeys;
    mapping(address operator => RevenueShare[]) internal _revenueShares;
    mapping(bytes32 serviceKey => CountHistory.History) internal _counts;

    constructor(LedgerAddresses memory peers) {
        if (peers.suppliers != address(this)) revert WrongDeploymentAddress(peers.suppliers, address(this));
        token = IERC20(peers.token);
        params = DecaiParams(peers.params);
        services = Services(peers.services);
        claims = peers.claims;
        settlement = peers.settlement;
        _blocksPerSession = params.numBlocksPerSession();
    }

    // ------------------------------------------------------------------ stake

    /// @notice Stakes a new supplier, paid by the caller, who becomes its owner.
    function stake(
        address operator,
        uint128 amount,
        ServiceConfig[] calldata configs,
        RevenueShare[] calldata shares
    ) external {
        Supplier storage s = suppliers[operator];
        if (s.owner != address(0)) revert AlreadyStaked(operator);
        uint64 current = params.currentSession();
        Params memory p = params.paramsAt(current);
        if (amount < p.supplierMinStake) revert BelowMinimumStake(amount, p.supplierMinStake);
        s.owner = msg.sender;
        s.stake = amount;
        _setRevenueShares(operator, shares);
        for (uint256 i; i < configs.length; ++i) {
            _addService(operator, configs[i], current, p);
        }
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit SupplierStaked(operator, msg.sender, amount);
    }

    /// @notice Adds to the stake (owner only).
    function addStake(address operator, uint128 amount) external {
        Supplier storage s = _owned(operator);
        if (s.unbondingFrom != 0) revert AlreadyUnbonding(operator);
        s.stake += amount;
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit SupplierStaked(operator, msg.sender, s.stake);
    }

    /// @notice Starts serving a service from the next session.
    function addService(address operator, ServiceConfig calldata config) external {
        Supplier storage s = _managed(operator);
        if (s.unbondingFrom != 0) revert AlreadyUnbonding(operator);
        uint64 current = params.currentSession();
        _addService(operator, config, current, params.paramsAt(current));
    }

    /// @notice Stops serving a service after the current session.
    function removeService(address operator, string calldata serviceId) external {
        Supplier storage s = _managed(operator);
        bytes32 key = services.serviceKey(serviceId);
        SupplierService storage svc = _services[operator][key];
        if (svc.from == 0 || svc.until != 0) revert NotServing(serviceId);
        uint64 next = params.currentSession() + 1;
        if (s.unbondingFrom == 0) _counts[key].add(next, -1);
        if (svc.from >= next) {
            // never took effect: forget it
            delete _services[operator][key];
            _removeKey(operator, key);
        } else {
            svc.until = next;
        }
        s.serviceCount--;
        emit SupplierServiceRemoved(operator, key, next);
    }

    /// @notice Changes a service's endpoint from the next session on.
    function setEndpoint(address operator, string calldata serviceId, string calldata endpoint) external {
        _managed(operator);
        bytes32 key = services.serviceKey(serviceId);
        SupplierService storage svc = _services[operator][key];
        if (svc.from == 0 || svc.until != 0) revert NotServing(serviceId);
        uint64 current = params.currentSession();
        if (svc.endpointFrom != 0 && svc.endpointFrom <= current) svc.endpoint = svc.pendingEndpoint;
        svc.pendingEndpoint = endpoint;
        svc.endpointFrom = current + 1;
        emit SupplierEndpointScheduled(operator, key, endpoint, current + 1);
    }

    /// @notice Replaces the revenue shares (owner only); applies to settlements from now on.
    function setRevenueShares(address operator, RevenueShare[] calldata shares) external {
        _owned(operator);
        _setRevenueShares(operator, shares);
    }

    /// @notice Stops the supplier after the current session (owner or operator).
    function unstake(address operator) external {
        Supplier storage s = _managed(operator);
        if (s.unbondingFrom != 0) revert AlreadyUnbonding(operator);
        uint64 current = params.currentSession();
        _beginUnbonding(operator, s, current);
        emit SupplierUnbondingStarted(
            operator, current, current + 1 + params.paramsAt(current).supplierUnbondingSessions
        );
    }

    /// @notice Pays the stake back to the owner once unbonded and every claim is settled.
    function withdraw(address operator) external {
        Supplier memory s = _owned(operator);
        if (s.unbondingFrom == 0) revert NotStaked(operator);
        uint64 withdrawable = s.unbondingFrom + params.paramsAt(s.unbondingFrom - 1).supplierUnbondingSessions;
        if (params.currentSession() < withdrawable) revert StillBonded(operator, withdrawable);
        if (s.pendingClaims != 0) revert ClaimsPending(operator, s.pendingClaims);
        bytes32[] storage keys = _serviceKeys[operator];
        for (uint256 i; i < keys.length; ++i) {
            delete _services[operator][keys[i]];
        }
        delete _serviceKeys[operator];
        delete _revenueShares[operator];
        delete suppliers[operator];
        token.safeTransfer(s.owner, s.stake);
        emit SupplierWithdrawn(operator, s.owner, s.stake);
    }

    // ------------------------------------------------------------------ ledger hooks

    /// @notice Counts a new claim of the supplier (it cannot withdraw until it settles) and returns what
    /// the claim checks: whether it served the service during `session`, and how many suppliers did.
    function onClaimCreated(address operator, bytes32 key, uint64 session)
        external
        returns (bool active, uint256 numSuppliers)
    {
        if (msg.sender != claims) revert NotClaims(msg.sender);
        suppliers[operator].pendingClaims++;
        return (isActiveForServiceAt(operator, key, session), _counts[key].valueAt(session));
    }

    /// @notice Closes a paid claim and returns who is paid.
    function onClaimSettled(address operator) external returns (RevenueShare[] memory) {
        if (msg.sender != settlement) revert NotSettlement(msg.sender);
        suppliers[operator].pendingClaims--;
        return _revenueShares[operator];
    }

    /// @notice Burns up to `amount` of the stake for a missing or invalid required proof (POKT burns the
    /// penalty too). A supplier left below the minimum stake is unbonded, as in POKT.
    /// @return slashed what was burned
    function slash(address operator, uint256 amount) external returns (uint256 slashed) {
        if (msg.sender != settlement) revert NotSettlement(msg.sender);
        Supplier storage s = suppliers[operator];
        s.pendingClaims--;
        slashed = amount < s.stake ? amount : s.stake;
        s.stake -= uint128(slashed);
        if (slashed > 0) DecaiToken(address(token)).burn(slashed);
        uint64 current = params.currentSession();
        bool forced = s.unbondingFrom == 0 && s.stake < params.paramsAt(current).supplierMinStake;
        if (forced) _beginUnbonding(operator, s, current);
        emit SupplierSlashed(operator, slashed, forced);
    }

    // ------------------------------------------------------------------ views

    /// @notice What a claim needs: whether the supplier served the service during `session`, and how many
    /// suppliers did (the membership threshold's n).
    function claimTerms(address operator, bytes32 key, uint64 session)
        external
        view
        returns (bool active, uint256 numSuppliers)
    {
        return (isActiveForServiceAt(operator, key, session), _counts[key].valueAt(session));
    }

    function isActiveForServiceAt(address operator, bytes32 key, uint64 session) public view returns (bool) {
        SupplierService storage svc = _services[operator][key];
        uint64 unbondingFrom = suppliers[operator].unbondingFrom;
        return svc.from != 0 && svc.from <= session && (svc.until == 0 || session < svc.until)
            && (unbondingFrom == 0 || session < unbondingFrom);
    }

    /// @notice Suppliers staked for the service during `session`.
    function supplierCountAt(bytes32 key, uint64 session) external view returns (uint256) {
        return _counts[key].valueAt(session);
    }

    /// @notice The endpoint the supplier serves the service at during `session`.
    function endpointAt(address operator, bytes32 key, uint64 session) external view returns (string memory) {
        SupplierService storage svc = _services[operator][key];
        return svc.endpointFrom != 0 && session >= svc.endpointFrom ? svc.pendingEndpoint : svc.endpoint;
    }

    function serviceKeysOf(address operator) external view returns (bytes32[] memory) {
        return _serviceKeys[operator];
    }

    function serviceOf(address operator, bytes32 key) external view returns (SupplierService memory) {
        return _services[operator][key];
    }

    function revenueSharesOf(address operator) external view returns (RevenueShare[] memory) {
        return _revenueShares[operator];
    }

    // ------------------------------------------------------------------ internals

    function _owned(address operator) internal view returns (Supplier storage s) {
        s = suppliers[operator];
        if (s.owner == address(0)) revert NotStaked(operator);
        if (msg.sender != s.owner) revert NotOwner(msg.sender);
    }

    function _managed(address operator) internal view returns (Supplier storage s) {
        s = suppliers[operator];
        if (s.owner == address(0)) revert NotStaked(operator);
        if (msg.sender != s.owner && msg.sender != operator) revert NotOwnerOrOperator(msg.sender);
    }

    function _addService(address operator, ServiceConfig calldata config, uint64 current, Params memory p) internal {
        bytes32 key = services.serviceKey(config.serviceId);
        if (!services.exists(key)) revert ServiceNotFound(config.serviceId);
        Supplier storage s = suppliers[operator];
        SupplierService storage svc = _services[operator][key];
        uint64 next = current + 1;
        uint64 cooldown = SessionMath.numPendingSessions(_blocksPerSession, SessionMath.timing(p)) + 1;
        if (svc.from != 0 && svc.until == 0) revert AlreadyServing(config.serviceId);
        if (svc.until > current) {
            // removed during this session: service simply continues
            svc.until = 0;
        } else {
            if (svc.from != 0) {
                // only one interval per (supplier, service) is kept: the ended one must be past every claim
                // window that can still ask about it
                if (current < svc.until + cooldown) revert ServiceReaddTooSoon(config.serviceId, svc.until + cooldown);
            } else {
                _purgeEnded(operator, current, cooldown);
                if (_serviceKeys[operator].length >= p.maxServicesPerSupplier) {
                    revert TooManyServices(p.maxServicesPerSupplier);
                }
                _serviceKeys[operator].push(key);
            }
            svc.from = next;
            svc.until = 0;
            svc.endpoint = config.endpoint;
            svc.endpointFrom = 0;
            delete svc.pendingEndpoint;
        }
        _counts[key].add(next, 1);
        s.serviceCount++;
        emit SupplierServiceAdded(operator, key, config.endpoint, next);
    }

    function _beginUnbonding(address operator, Supplier storage s, uint64 current) internal {
        uint64 next = current + 1;
        s.unbondingFrom = next;
        bytes32[] storage keys = _serviceKeys[operator];
        for (uint256 i; i < keys.length; ++i) {
            uint64 until = _services[operator][keys[i]].until;
            if (until == 0 || until > next) _counts[keys[i]].add(next, -1);
        }
    }

    function _purgeEnded(address operator, uint64 current, uint64 cooldown) internal {
        bytes32[] storage keys = _serviceKeys[operator];
        uint256 i;
        while (i < keys.length) {
            uint64 until = _services[operator][keys[i]].until;
            if (until != 0 && current >= until + cooldown) {
                delete _services[operator][keys[i]];
                keys[i] = keys[keys.length - 1];
                keys.pop();
            } else {
                ++i;
            }
        }
    }

    function _removeKey(address operator, bytes32 key) internal {
        bytes32[] storage keys = _serviceKeys[operator];
        for (uint256 i; i < keys.length; ++i) {
            if (keys[i] == key) {
                keys[i] = keys[keys.length - 1];
                keys.pop();
                return;
            }
        }
    }

    function _setRevenueShares(address operator, RevenueShare[] calldata shares) internal {
        if (shares.length == 0 || shares.length > MAX_REVENUE_SHARES) revert InvalidRevenueShares();
        uint256 total;
        for (uint256 i; i < shares.length; ++i) {
            if (shares[i].recipient == address(0) || shares[i].bps == 0) revert InvalidRevenueShares();
            for (uint256 j; j < i; ++j) {
                if (shares[j].recipient == shares[i].recipient) revert InvalidRevenueShares();
            }
            total += shares[i].bps;
        }
        if (total != BPS) revert InvalidRevenueShares();
        delete _revenueShares[operator];
        for (uint256 i; i < shares.length; ++i) {
            _revenueShares[operator].push(shares[i]);
        }
        emit RevenueSharesSet(operator, shares);
    }
}
