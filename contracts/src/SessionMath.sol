// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Params, Timing} from "./DecaiParams.sol";

/// @notice Session heights and windows (docs/protocol.md §3.1), pure so that every contract computes
/// them identically from the grid (N, A) and the parameters in force for the session.
library SessionMath {
    /// @notice 1 + floor((h − A) / N); heights before the genesis belong to no session (0).
    function sessionNumber(uint64 n, uint64 a, uint256 height) internal pure returns (uint64) {
        if (height < a) return 0;
        return uint64(1 + (height - a) / n);
    }

    function sessionStart(uint64 n, uint64 a, uint64 session) internal pure returns (uint64) {
        return a + (session - 1) * n;
    }

    function sessionEnd(uint64 n, uint64 a, uint64 session) internal pure returns (uint64) {
        return a + session * n - 1;
    }

    function claimWindowOpen(uint64 end, Timing memory p) internal pure returns (uint64) {
        return end + p.claimWindowOpenOffset + 1;
    }

    function claimWindowClose(uint64 end, Timing memory p) internal pure returns (uint64) {
        return end + p.claimWindowOpenOffset + 1 + p.claimWindowCloseOffset;
    }

    function proofWindowOpen(uint64 end, Timing memory p) internal pure returns (uint64) {
        return claimWindowClose(end, p) + p.proofWindowOpenOffset;
    }

    function proofWindowClose(uint64 end, Timing memory p) internal pure returns (uint64) {
        return proofWindowOpen(end, p) + p.proofWindowCloseOffset;
    }

    /// @notice The block whose hash seeds the proof draw: proofOpen − 1, at or after the claim window's
    /// close because proofWindowOpenOffset ≥ 1 (no claim can be made once it is known).
    function proofSeedHeight(uint64 end, Timing memory p) internal pure returns (uint64) {
        return proofWindowOpen(end, p) - 1;
    }

    /// @notice The timing part of a full parameter set.
    function timing(Params memory p) internal pure returns (Timing memory) {
        return Timing(
            p.gracePeriodBlocks,
            p.claimWindowOpenOffset,
            p.claimWindowCloseOffset,
            p.proofWindowOpenOffset,
            p.proofWindowCloseOffset,
            p.suppliersPerSession
        );
    }

    /// @notice Sessions between a session's end and its settlement: ceil((cwo + cwc + pwo + pwc) / N).
    function numPendingSessions(uint64 n, Timing memory p) internal pure returns (uint64) {
        uint64 span = uint64(p.claimWindowOpenOffset) + p.claimWindowCloseOffset + p.proofWindowOpenOffset
            + p.proofWindowCloseOffset;
        return (span + n - 1) / n;
    }

    /// @notice Supplier membership (docs/protocol.md §3.4): with n suppliers staked for the service at the
    /// session start and k per session, in iff n ≤ k or
    /// uint256(keccak256(abi.encode(sessionId, operator))) < floor((2^256 − 1) / n) · k.
    function isInSession(bytes32 sessionId, address supplierOperator, uint256 n, uint256 k)
        internal
        pure
        returns (bool)
    {
        if (n <= k) return true;
        uint256 draw = uint256(keccak256(abi.encode(sessionId, supplierOperator)));
        return draw < (type(uint256).max / n) * k;
    }
}
