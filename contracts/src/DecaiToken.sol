// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {LedgerAddresses, WrongDeploymentAddress} from "./LedgerTypes.sol";

/// @title DecaiToken
/// @notice The network's ERC-20 (6 decimals: 1 token = 10^6 base units). Supply changes only through
/// settlement: `Settlement` mints rewards, and the stake escrows (`Applications`, `Suppliers`) burn what
/// settlement takes from a stake (payment or slash).
/// @dev A devnet has no supply to stake with, so governance may mint from a faucet until it closes it
/// for good (`closeFaucet`); deployments with a real initial distribution close it at once.
contract DecaiToken is ERC20 {
    error NotMinter(address caller);
    error NotBurner(address caller);
    error NotGovernance(address caller);
    error FaucetClosed();

    event FaucetMinted(address indexed to, uint256 amount);
    event FaucetClosedForGood();

    address public immutable settlement;
    address public immutable applications;
    address public immutable suppliers;
    address public immutable governance;
    bool public faucetOpen = true;

    constructor(LedgerAddresses memory peers, address governance_) ERC20("decai", "DECAI") {
        if (peers.token != address(this)) revert WrongDeploymentAddress(peers.token, address(this));
        settlement = peers.settlement;
        applications = peers.applications;
        suppliers = peers.suppliers;
        governance = governance_;
    }

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Settlement mints rewards to several recipients at once.
    function mintBatch(address[] calldata to, uint256[] calldata amounts) external {
        if (msg.sender != settlement) revert NotMinter(msg.sender);
        for (uint256 i; i < to.length; ++i) {
            if (amounts[i] != 0) _mint(to[i], amounts[i]);
        }
    }

    /// @notice A stake escrow burns tokens it holds, when settlement takes them from a stake.
    function burn(uint256 amount) external {
        if (msg.sender != applications && msg.sender != suppliers) revert NotBurner(msg.sender);
        _burn(msg.sender, amount);
    }

    /// @notice Devnet bootstrap: governance mints stake money while the faucet is open.
    function faucetMint(address to, uint256 amount) external {
        if (msg.sender != governance) revert NotGovernance(msg.sender);
        if (!faucetOpen) revert FaucetClosed();
        _mint(to, amount);
        emit FaucetMinted(to, amount);
    }

    /// @notice Closes the faucet forever: from then on only settlement changes the supply.
    function closeFaucet() external {
        if (msg.sender != governance) revert NotGovernance(msg.sender);
        faucetOpen = false;
        emit FaucetClosedForGood();
    }
}
