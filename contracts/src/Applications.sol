// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {DecaiParams, Params} from "./DecaiParams.sol";
import {DecaiToken} from "./DecaiToken.sol";
import {Gateways} from "./Gateways.sol";
import {LedgerAddresses, WrongDeploymentAddress} from "./LedgerTypes.sol";
import {Services} from "./Services.sol";
import {SessionMath} from "./SessionMath.sol";

/// @title Applications
/// @notice Application stakes (each for exactly one service, as in POKT: one budget, one service) and
/// their delegations to at most `maxDelegatedGateways` gateways. Settlement pays suppliers by burning from
/// these stakes.
/// @dev Stakes and delegations take effect at the next session; an unstake or undelegation at the end of
/// the current one. An application's tokens leave only when it is unbonded and none of its claims is
/// left to settle, so unbonding cannot dodge a payment. Every check is a lookup: no loop.
contract Applications {
    using SafeERC20 for IERC20;

    error BelowMinimumStake(uint256 amount, uint256 minimum);
    error StakeTooLarge(uint256 amount);
    error ServiceNotFound(string serviceId);
    error WrongService(bytes32 staked, bytes32 requested);
    error NotStaked(address application);
    error AlreadyUnbonding(address application);
    error StillBonded(address application, uint64 withdrawableFromSession);
    error ClaimsPending(address application, uint32 pendingClaims);
    error GatewayNotStaked(address gateway);
    error AlreadyDelegated(address gateway);
    error NotDelegated(address gateway);
    error TooManyGateways(uint8 maximum);
    error RedelegationTooSoon(address gateway, uint64 allowedFromSession);
    error NotClaims(address caller);
    error NotSettlement(address caller);

    event ApplicationStaked(address indexed application, bytes32 indexed serviceKey, uint256 stake, uint64 activeFromSession);
    event ApplicationUnbondingStarted(address indexed application, uint64 lastSession, uint64 withdrawableFromSession);
    event ApplicationWithdrawn(address indexed application, uint256 amount);
    event GatewayDelegated(address indexed application, address indexed gateway, uint64 fromSession);
    event GatewayUndelegated(address indexed application, address indexed gateway, uint64 untilSession);
    event StakeBurned(address indexed application, uint256 amount);

    /// @dev The first slot holds everything a claim and a settlement touch (stake, activity, pending claims).
    struct Application {
        uint96 stake;
        uint64 activeFrom;
        /// first session it is no longer active (0: not unbonding)
        uint64 unbondingFrom;
        /// claims against this application not yet settled
        uint32 pendingClaims;
        bytes32 serviceKey;
        /// open delegations (not undelegated)
        uint8 delegationCount;
    }

    /// @dev A gateway may sign for the application during sessions [from, until) (until 0: open-ended).
    struct Delegation {
        uint64 from;
        uint64 until;
    }

    IERC20 public immutable token;
    DecaiParams public immutable params;
    Services public immutable services;
    Gateways public immutable gateways;
    address public immutable claims;
    address public immutable settlement;

    mapping(address application => Application) public applications;
    mapping(address application => mapping(address gateway => Delegation)) public delegations;

    constructor(LedgerAddresses memory peers) {
        if (peers.applications != address(this)) revert WrongDeploymentAddress(peers.applications, address(this));
        token = IERC20(peers.token);
        params = DecaiParams(peers.params);
        services = Services(peers.services);
        gateways = Gateways(peers.gateways);
        claims = peers.claims;
        settlement = peers.settlement;
    }

    // ------------------------------------------------------------------ stake

    /// @notice Stakes the caller for `serviceId`, or adds to its stake (same service only).
    function stake(string calldata serviceId, uint96 amount) external {
        bytes32 key = services.serviceKey(serviceId);
        if (!services.exists(key)) revert ServiceNotFound(serviceId);
        Application storage a = applications[msg.sender];
        if (a.unbondingFrom != 0) revert AlreadyUnbonding(msg.sender);
        uint64 current = params.currentSession();
        if (a.activeFrom == 0) {
            a.serviceKey = key;
            a.activeFrom = current + 1;
        } else if (a.serviceKey != key) {
            revert WrongService(a.serviceKey, key);
        }
        uint256 total = uint256(a.stake) + amount;
        uint256 minimum = params.paramsAt(current).applicationMinStake;
        if (total < minimum) revert BelowMinimumStake(total, minimum);
        if (total > type(uint96).max) revert StakeTooLarge(total);
        a.stake = uint96(total);
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit ApplicationStaked(msg.sender, key, total, a.activeFrom);
    }

    /// @notice Stops the application after the current session.
    function unstake() external {
        Application storage a = applications[msg.sender];
        if (a.activeFrom == 0) revert NotStaked(msg.sender);
        if (a.unbondingFrom != 0) revert AlreadyUnbonding(msg.sender);
        uint64 current = params.currentSession();
        a.unbondingFrom = current + 1;
        emit ApplicationUnbondingStarted(
            msg.sender, current, current + 1 + params.paramsAt(current).applicationUnbondingSessions
        );
    }

    /// @notice Returns what is left of the stake once unbonded and every claim against it is settled.
    function withdraw() external {
        Application memory a = applications[msg.sender];
        if (a.unbondingFrom == 0) revert NotStaked(msg.sender);
        uint64 withdrawable = a.unbondingFrom + params.paramsAt(a.unbondingFrom - 1).applicationUnbondingSessions;
        if (params.currentSession() < withdrawable) revert StillBonded(msg.sender, withdrawable);
        if (a.pendingClaims != 0) revert ClaimsPending(msg.sender, a.pendingClaims);
        delete applications[msg.sender];
        token.safeTransfer(msg.sender, a.stake);
        emit ApplicationWithdrawn(msg.sender, a.stake);
    }

    // ------------------------------------------------------------------ delegation

    /// @notice Lets `gateway` sign relays for the caller from the next session on.
    function delegate(address gateway) external {
        Application storage a = applications[msg.sender];
        if (a.activeFrom == 0 || a.unbondingFrom != 0) revert NotStaked(msg.sender);
        uint64 current = params.currentSession();
        if (!gateways.isActiveAt(gateway, current + 1)) revert GatewayNotStaked(gateway);
        Params memory p = params.paramsAt(current);
        Delegation storage d = delegations[msg.sender][gateway];
        if (d.from != 0 && d.until == 0) revert AlreadyDelegated(gateway);
        if (a.delegationCount >= p.maxDelegatedGateways) revert TooManyGateways(p.maxDelegatedGateways);
        if (d.until > current) {
            // undelegated this session: the delegation simply continues
            d.until = 0;
        } else {
            if (d.until != 0) {
                // the ended interval must be past every proof that can still cite it, since only one
                // interval per (application, gateway) is kept
                uint64 allowed = d.until + SessionMath.numPendingSessions(params.numBlocksPerSession(), SessionMath.timing(p)) + 1;
                if (current < allowed) revert RedelegationTooSoon(gateway, allowed);
            }
            d.from = current + 1;
            d.until = 0;
        }
        a.delegationCount++;
        emit GatewayDelegated(msg.sender, gateway, d.from);
    }

    /// @notice Revokes `gateway` after the current session.
    function undelegate(address gateway) external {
        Application storage a = applications[msg.sender];
        Delegation storage d = delegations[msg.sender][gateway];
        if (d.from == 0 || d.until != 0) revert NotDelegated(gateway);
        uint64 current = params.currentSession();
        if (d.from > current) {
            delete delegations[msg.sender][gateway]; // never took effect
        } else {
            d.until = current + 1;
        }
        a.delegationCount--;
        emit GatewayUndelegated(msg.sender, gateway, current + 1);
    }

    // ------------------------------------------------------------------ ledger hooks

    /// @notice Counts a new claim against the application (it cannot withdraw until it settles) and
    /// returns what the claim checks: active during `session`, its service, its stake.
    function onClaimCreated(address application, uint64 session)
        external
        returns (bool active, bytes32 serviceKey, uint256 stakeAmount)
    {
        if (msg.sender != claims) revert NotClaims(msg.sender);
        Application storage a = applications[application];
        a.pendingClaims++;
        return _terms(a, session);
    }

    /// @notice Burns up to `amount` from the stake for a settled claim and closes the claim.
    /// @return burned what the stake could pay (≤ amount)
    function onClaimSettled(address application, uint256 amount) external returns (uint256 burned) {
        if (msg.sender != settlement) revert NotSettlement(msg.sender);
        Application storage a = applications[application];
        a.pendingClaims--;
        burned = amount < a.stake ? amount : a.stake;
        if (burned == 0) return 0;
        a.stake -= uint96(burned);
        DecaiToken(address(token)).burn(burned);
        emit StakeBurned(application, burned);
    }

    // ------------------------------------------------------------------ views

    /// @notice Whether the application is active during `session`.
    function isActiveAt(address application, uint64 session) public view returns (bool) {
        Application memory a = applications[application];
        return a.activeFrom != 0 && a.activeFrom <= session && (a.unbondingFrom == 0 || session < a.unbondingFrom);
    }

    /// @notice What a claim needs about the application: active during `session`, its service, its stake.
    function claimTerms(address application, uint64 session)
        external
        view
        returns (bool active, bytes32 serviceKey, uint256 stakeAmount)
    {
        return _terms(applications[application], session);
    }

    function _terms(Application storage a, uint64 session)
        internal
        view
        returns (bool active, bytes32 serviceKey, uint256 stakeAmount)
    {
        uint64 activeFrom = a.activeFrom;
        uint64 unbondingFrom = a.unbondingFrom;
        active = activeFrom != 0 && activeFrom <= session && (unbondingFrom == 0 || session < unbondingFrom);
        return (active, a.serviceKey, a.stake);
    }

    /// @notice Whether `signer` may sign relay requests for `application` in `session`: the application
    /// itself, or a gateway it had delegated to for that session and that was staked during it.
    function isAuthorizedSigner(address application, address signer, uint64 session) external view returns (bool) {
        if (signer == application) return true;
        Delegation memory d = delegations[application][signer];
        if (d.from == 0 || d.from > session || (d.until != 0 && session >= d.until)) return false;
        return gateways.isActiveAt(signer, session);
    }
}
