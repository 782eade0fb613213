// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {DecaiParams, Params} from "./DecaiParams.sol";
import {LedgerAddresses, WrongDeploymentAddress} from "./LedgerTypes.sol";

/// @title Gateways
/// @notice Gateway stakes. A staked gateway can sign relays for the applications that delegated to it;
/// the protocol neither pays nor slashes gateways (as in POKT), so the stake only gates who may sign.
/// @dev A stake is active from the next session; an unstake ends it after the current session, and the
/// tokens return after `gatewayUnbondingSessions` more sessions.
contract Gateways {
    using SafeERC20 for IERC20;

    error BelowMinimumStake(uint256 amount, uint256 minimum);
    error NotStaked(address gateway);
    error AlreadyUnbonding(address gateway);
    error StillBonded(address gateway, uint64 withdrawableFromSession);

    event GatewayStaked(address indexed gateway, uint256 stake, uint64 activeFromSession);
    event GatewayUnbondingStarted(address indexed gateway, uint64 lastSession, uint64 withdrawableFromSession);
    event GatewayWithdrawn(address indexed gateway, uint256 amount);

    struct Gateway {
        uint128 stake;
        uint64 activeFrom;
        /// first session it is no longer active (0: not unbonding)
        uint64 unbondingFrom;
    }

    IERC20 public immutable token;
    DecaiParams public immutable params;

    mapping(address gateway => Gateway) public gateways;

    constructor(LedgerAddresses memory peers) {
        if (peers.gateways != address(this)) revert WrongDeploymentAddress(peers.gateways, address(this));
        token = IERC20(peers.token);
        params = DecaiParams(peers.params);
    }

    /// @notice Stakes (or adds to the stake of) the caller as a gateway.
    function stake(uint128 amount) external {
        Gateway storage g = gateways[msg.sender];
        if (g.unbondingFrom != 0) revert AlreadyUnbonding(msg.sender);
        uint64 current = params.currentSession();
        Params memory p = params.paramsAt(current);
        uint256 total = uint256(g.stake) + amount;
        if (total < p.gatewayMinStake) revert BelowMinimumStake(total, p.gatewayMinStake);
        if (g.activeFrom == 0) g.activeFrom = current + 1;
        g.stake = uint128(total);
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit GatewayStaked(msg.sender, total, g.activeFrom);
    }

    /// @notice Stops being a gateway after the current session.
    function unstake() external {
        Gateway storage g = gateways[msg.sender];
        if (g.activeFrom == 0) revert NotStaked(msg.sender);
        if (g.unbondingFrom != 0) revert AlreadyUnbonding(msg.sender);
        uint64 current = params.currentSession();
        g.unbondingFrom = current + 1;
        emit GatewayUnbondingStarted(
            msg.sender, current, current + 1 + params.paramsAt(current).gatewayUnbondingSessions
        );
    }

    /// @notice Returns the stake once the unbonding period has passed.
    function withdraw() external {
        Gateway memory g = gateways[msg.sender];
        if (g.unbondingFrom == 0) revert NotStaked(msg.sender);
        uint64 withdrawable = g.unbondingFrom + params.paramsAt(g.unbondingFrom - 1).gatewayUnbondingSessions;
        if (params.currentSession() < withdrawable) revert StillBonded(msg.sender, withdrawable);
        delete gateways[msg.sender];
        token.safeTransfer(msg.sender, g.stake);
        emit GatewayWithdrawn(msg.sender, g.stake);
    }

    /// @notice Whether `gateway` is staked and active during `session`.
    function isActiveAt(address gateway, uint64 session) public view returns (bool) {
        Gateway memory g = gateways[gateway];
        return g.activeFrom != 0 && g.activeFrom <= session && (g.unbondingFrom == 0 || session < g.unbondingFrom);
    }
}
