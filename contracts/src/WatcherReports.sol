// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title WatcherReports
/// @notice A public record of watcher reports: a watcher commits the hash of a signed report it
/// published (docs/watcher.md, "Reports"), so that anyone can later show that the report existed by
/// that block and who stood behind it.
/// @dev Anyone may commit and nothing is stored: the event is the record, and the report itself (with
/// the watcher's signature over the same hash) stays off-chain. Committing costs only gas, so a record
/// says nothing about a report's truth; readers weigh it by the committing address.
contract WatcherReports {
    /// @param watcher the address that committed (the report's signer, when the watcher commits its own)
    /// @param supplier the supplier the report is about
    /// @param reportHash sha256 of the domain tag and the report's canonical JSON
    /// @param session the session number the report was issued in (spec §3.1), named as in the ledger's events
    event WatcherReportCommitted(
        address indexed watcher, address indexed supplier, bytes32 indexed reportHash, uint64 session
    );

    /// @notice Records that the caller committed to a report about `supplier` in session `session`.
    function commitReport(bytes32 reportHash, address supplier, uint64 session) external {
        emit WatcherReportCommitted(msg.sender, supplier, reportHash, session);
    }
}
