package io.fleetpulse.client.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.client.model.LocationsPage;
import io.fleetpulse.model.entity.FleetLocation;

class CursorWalkTest {

    /** Pages keyed by the cursor that asks for them (null: the first), as a service would hand them out. */
    private static final Map<String, LocationsPage> PAGES = new java.util.HashMap<>();

    static {
        PAGES.put(null, new LocationsPage(List.of(new FleetLocation("ams", "a"), new FleetLocation("ams", "b")), "c1"));
        PAGES.put("c1", new LocationsPage(List.of(), "c2"));
        PAGES.put("c2", new LocationsPage(List.of(new FleetLocation("ber", "a")), null));
    }

    @Test
    void theWalkFollowsEveryCursorAndSkipsEmptyPages() {
        List<String> asked = new ArrayList<>();
        CursorWalk<FleetLocation> walk = CursorWalk.of(cursor -> {
            asked.add(String.valueOf(cursor));
            return PAGES.get(cursor);
        });
        List<FleetLocation> all = new ArrayList<>();
        walk.forEach(all::add);

        assertThat(all).extracting(FleetLocation::location).containsExactly("ams", "ams", "ber");
        assertThat(asked).containsExactly("null", "c1", "c2");
        assertThat(walk.pages()).isEqualTo(3);
        assertThat(walk.hasNext()).isFalse();
    }

    @Test
    void pagesAreFetchedOnlyAsTheItemsAreUsed() {
        List<String> asked = new ArrayList<>();

        List<FleetLocation> first = CursorWalk.stream(cursor -> {
            asked.add(String.valueOf(cursor));
            return PAGES.get(cursor);
        }).limit(2).toList();

        assertThat(first).hasSize(2);
        assertThat(asked).containsExactly("null");
    }
}
