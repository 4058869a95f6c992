package io.fleetpulse.query.service.cursor;

import java.util.List;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.query.service.TimeRange;

/**
 * What a cursor carries: the pattern and fingerprint of the query it continues, the time range that
 * query resolved to on its first page (so defaults such as "until now" do not move while paging), and one
 * position per partition read (one, or one per fleet shard).
 */
public record CursorState(AccessPattern pattern, QueryFingerprint fingerprint, TimeRange range, List<Position> positions) {

    public CursorState {
        positions = List.copyOf(positions);
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("a cursor has at least one position");
        }
    }

    public boolean done() {
        return positions.stream().allMatch(Position::done);
    }
}
