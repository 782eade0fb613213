// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice A per-session counter with history: each change takes effect at a given session, and the value
/// in force at any session stays readable. Changes are always scheduled for the next session, so entries
/// are ordered and there is at most one per session; a lookup walks back from the newest entry, which
/// for the sessions the ledger asks about (the last few) is one or two reads.
library CountHistory {
    struct Checkpoint {
        uint64 fromSession;
        uint192 value;
    }

    struct History {
        Checkpoint[] items;
    }

    error CheckpointOutOfOrder(uint64 fromSession, uint64 last);

    /// @notice Adds `delta` (±1) to the value from `fromSession` on.
    function add(History storage h, uint64 fromSession, int256 delta) internal {
        uint256 len = h.items.length;
        uint192 value = len == 0 ? 0 : h.items[len - 1].value;
        value = uint192(uint256(int256(uint256(value)) + delta));
        if (len > 0) {
            Checkpoint storage last = h.items[len - 1];
            if (last.fromSession == fromSession) {
                last.value = value;
                return;
            }
            if (last.fromSession > fromSession) revert CheckpointOutOfOrder(fromSession, last.fromSession);
        }
        h.items.push(Checkpoint(fromSession, value));
    }

    /// @notice The value in force during `session` (0 before the first entry).
    function valueAt(History storage h, uint64 session) internal view returns (uint256) {
        uint256 i = h.items.length;
        while (i > 0) {
            Checkpoint storage c = h.items[i - 1];
            if (c.fromSession <= session) return c.value;
            --i;
        }
        return 0;
    }
}
