package io.fleetpulse.query.service.cursor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.model.keys.Keys;
import io.fleetpulse.query.service.InvalidInputException;
import io.fleetpulse.query.service.TimeRange;

class CursorCodecTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    private final CursorCodec codec = new CursorCodec(SECRET);
    private final TimeRange range = new TimeRange(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00.123456789Z"));
    private final QueryFingerprint query = QueryFingerprint.of(AccessPattern.AP3, "router_id", "r1", "from", null, "to", null,
            "order", "desc");

    private CursorState single(String sortKey) {
        return new CursorState(AccessPattern.AP3, query, range, List.of(Position.after(sortKey)));
    }

    @Test
    void roundTripsPatternRangeAndPositions() {
        String sk = Keys.resultSk(Instant.parse("2026-03-01T10:00:00Z"), "t-1");
        CursorState decoded = codec.decode(codec.encode(single(sk)), AccessPattern.AP3, query, 1);
        assertThat(decoded.range()).isEqualTo(range);
        assertThat(decoded.positions()).containsExactly(Position.after(sk));
    }

    @Test
    void fleetCursorCarriesEveryShardsPosition() {
        QueryFingerprint fleet = QueryFingerprint.of(AccessPattern.AP7, "location", "US-WEST", "isp", "isp1", "shards", "8");
        List<Position> positions = new ArrayList<>(Collections.nCopies(8, Position.START));
        positions.set(2, Position.DONE);
        positions.set(5, Position.after(Keys.gsi1Sk(Instant.parse("2026-03-01T10:00:00Z"), "router-5", "t9")));
        String text = codec.encode(new CursorState(AccessPattern.AP7, fleet, range, positions));
        assertThat(text).matches("[A-Za-z0-9_-]+");
        assertThat(codec.decode(text, AccessPattern.AP7, fleet, 8).positions()).isEqualTo(positions);
    }

    @Test
    void everyAlteredByteIsRejected() {
        byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(single(Keys.resultSk(Instant.parse("2026-03-01T10:00:00Z"), "t"))));
        for (int i = 0; i < bytes.length; i++) {
            byte[] altered = bytes.clone();
            altered[i] ^= 0x01;
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertThatThrownBy(() -> codec.decode(text, AccessPattern.AP3, query, 1))
                    .as("byte %d altered", i)
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.parameter()).isEqualTo("cursor")));
        }
    }

    @Test
    void everyAlteredCharacterIsRejectedEvenInTheLastCharactersUnusedBits() {
        // each encoding has a fresh nonce; 200 of them cover every length of the last base64 group
        for (int round = 0; round < 200; round++) {
            String text = codec.encode(single(Keys.resultSk(Instant.parse("2026-03-01T10:00:00Z"), "t" + round)));
            for (int position : new int[] { 0, text.length() / 2, text.length() - 1 }) {
                char c = text.charAt(position);
                String altered = text.substring(0, position) + (c == 'A' ? 'B' : 'A') + text.substring(position + 1);
                assertThatThrownBy(() -> codec.decode(altered, AccessPattern.AP3, query, 1))
                        .as("character %d of %s altered", position, text)
                        .isInstanceOf(InvalidInputException.class);
            }
        }
    }

    @Test
    void aCursorOfAnotherQueryIsRejected() {
        String text = codec.encode(single(Keys.resultSk(Instant.parse("2026-03-01T10:00:00Z"), "t")));
        QueryFingerprint otherRouter = QueryFingerprint.of(AccessPattern.AP3, "router_id", "r2", "from", null, "to", null,
                "order", "desc");
        QueryFingerprint otherOrder = QueryFingerprint.of(AccessPattern.AP3, "router_id", "r1", "from", null, "to", null,
                "order", "asc");
        QueryFingerprint absentVersusEmpty = QueryFingerprint.of(AccessPattern.AP3, "router_id", "r1", "from", "", "to", null,
                "order", "desc");
        for (QueryFingerprint other : List.of(otherRouter, otherOrder, absentVersusEmpty)) {
            assertThatThrownBy(() -> codec.decode(text, AccessPattern.AP3, other, 1))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("another query");
        }
        assertThatThrownBy(() -> codec.decode(text, AccessPattern.AP4, query, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("another query");
    }

    @Test
    void aCursorSignedWithAnotherKeyIsRejected() {
        String forged = new CursorCodec(SECRET + "-other").encode(single("TEST#x"));
        assertThatThrownBy(() -> codec.decode(forged, AccessPattern.AP3, query, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("altered");
    }

    @Test
    void garbageTruncationAndWrongShardCountAreRejected() {
        String text = codec.encode(single("TEST#x"));
        for (String bad : List.of("not a cursor!", "AAAA", text.substring(0, text.length() - 3), text + "AA",
                "x".repeat(CursorCodec.MAX_LENGTH + 1))) {
            assertThatThrownBy(() -> codec.decode(bad, AccessPattern.AP3, query, 1))
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> codec.decode(text, AccessPattern.AP3, query, 2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("positions");
    }

    @Test
    void aCursorIsOpaqueNothingOfItsPositionOrQueryCanBeRead() {
        String sk = Keys.gsi1Sk(Instant.parse("2026-03-01T10:00:00Z"), "router-secret-name", "test-secret-id");
        String text = codec.encode(single(sk), "isp-a");
        String bytes = new String(Base64.getUrlDecoder().decode(text), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain("router-secret-name").doesNotContain("test-secret-id").doesNotContain("2026")
                .doesNotContain("isp-a");
        // a fresh nonce each time: the same position never gives the same text
        assertThat(codec.encode(single(sk), "isp-a")).isNotEqualTo(text);
        assertThat(codec.decode(text, AccessPattern.AP3, query, 1, "isp-a").positions()).containsExactly(Position.after(sk));
    }

    @Test
    void aCursorOpensOnlyForTheTenantItWasIssuedTo() {
        String forA = codec.encode(single("TEST#x"), "isp-a");
        String fleetWide = codec.encode(single("TEST#x"));
        for (String other : java.util.Arrays.asList("isp-b", "", null)) {
            assertThatThrownBy(() -> codec.decode(forA, AccessPattern.AP3, query, 1, other))
                    .as("issued to isp-a, used by %s", other)
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.parameter()).isEqualTo("cursor")));
        }
        assertThatThrownBy(() -> codec.decode(fleetWide, AccessPattern.AP3, query, 1, "isp-a"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("this caller");
        assertThat(codec.decode(fleetWide, AccessPattern.AP3, query, 1, null).positions()).containsExactly(Position.after("TEST#x"));
    }

    @Test
    void aCursorExpiresAfterItsLifetime() {
        Instant issued = Instant.parse("2026-03-01T10:00:00Z");
        String text = new CursorCodec(SECRET, CursorCodec.DEFAULT_LIFETIME, java.time.Clock.fixed(issued, java.time.ZoneOffset.UTC))
                .encode(single("TEST#x"), "isp-a");
        CursorCodec justBefore = new CursorCodec(SECRET, CursorCodec.DEFAULT_LIFETIME,
                java.time.Clock.fixed(issued.plus(java.time.Duration.ofHours(24)), java.time.ZoneOffset.UTC));
        assertThat(justBefore.decode(text, AccessPattern.AP3, query, 1, "isp-a").positions()).hasSize(1);
        CursorCodec after = new CursorCodec(SECRET, CursorCodec.DEFAULT_LIFETIME,
                java.time.Clock.fixed(issued.plus(java.time.Duration.ofHours(24)).plusSeconds(1), java.time.ZoneOffset.UTC));
        assertThatThrownBy(() -> after.decode(text, AccessPattern.AP3, query, 1, "isp-a"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.parameter()).isEqualTo("cursor"));
                    assertThat(e).hasMessageContaining("expired").hasMessageContaining("24 h");
                });
        // the lifetime is configurable
        String shortLived = new CursorCodec(SECRET, java.time.Duration.ofMinutes(30), java.time.Clock.fixed(issued, java.time.ZoneOffset.UTC))
                .encode(single("TEST#x"));
        CursorCodec anHourLater = new CursorCodec(SECRET, java.time.Duration.ofMinutes(30),
                java.time.Clock.fixed(issued.plusSeconds(3600), java.time.ZoneOffset.UTC));
        assertThatThrownBy(() -> anHourLater.decode(shortLived, AccessPattern.AP3, query, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("30 min");
    }

    @Test
    void theSecretMustBeLongEnough() {
        assertThatThrownBy(() -> new CursorCodec("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fleetpulse.cursor.secret");
        assertThatThrownBy(() -> new CursorCodec(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fingerprintsAreUnambiguous() {
        // length-prefixed: ("ab","c") and ("a","bc") must differ
        assertThat(QueryFingerprint.of(AccessPattern.AP3, "ab", "c")).isNotEqualTo(QueryFingerprint.of(AccessPattern.AP3, "a", "bc"));
        assertThat(QueryFingerprint.of(AccessPattern.AP3, "a", "b")).isEqualTo(QueryFingerprint.of(AccessPattern.AP3, "a", "b"));
        assertThat(QueryFingerprint.of(AccessPattern.AP3, "a", "b")).isNotEqualTo(QueryFingerprint.of(AccessPattern.AP4, "a", "b"));
    }
}
