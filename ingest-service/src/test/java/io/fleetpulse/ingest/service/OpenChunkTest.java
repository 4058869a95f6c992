package io.fleetpulse.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetpulse.ingest.store.RequestSize;
import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;
import io.fleetpulse.model.keys.Sharding;
import io.fleetpulse.model.mapping.TestResultMapper;
import io.fleetpulse.model.validation.ItemSize;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Chunks close at 25 items, or before their BatchWriteItem would pass 16 MB as sent. */
class OpenChunkTest {

    /** The chunk sizes the batch pipeline sends for items of these sizes (as {@link BatchSession#add} fills chunks). */
    private static List<Integer> chunks(List<Long> itemBytes) {
        OpenChunk<Long> open = new OpenChunk<>(25, RequestSize.PUT_REQUESTS_BUDGET);
        List<Integer> sent = new ArrayList<>();
        for (long bytes : itemBytes) {
            if (!open.fits(bytes)) {
                sent.add(sentChunk(open.take()));
            }
            open.add(bytes, bytes);
            if (open.full()) {
                sent.add(sentChunk(open.take()));
            }
        }
        if (!open.isEmpty()) {
            sent.add(sentChunk(open.take()));
        }
        return sent;
    }

    private static int sentChunk(List<Long> chunk) {
        assertThat(chunk.stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(RequestSize.PUT_REQUESTS_BUDGET);
        return chunk.size();
    }

    private static Map<String, AttributeValue> item(String raw) {
        Instant timestamp = Instant.parse("2026-03-01T10:00:00Z");
        return new TestResultMapper(new Sharding(8)).toItem(new TestResult("r-1", "t-1", "latency", timestamp, TestStatus.OK,
                Map.of("rtt_ms", new BigDecimal("12.5")), "berlin", "acme", raw, null, timestamp.getEpochSecond()));
    }

    @Test
    void smallItemsGoTwentyFiveToAChunk() {
        long bytes = RequestSize.putRequest(item("hop 1\n".repeat(100)));
        assertThat(chunks(Collections.nCopies(60, bytes))).containsExactly(25, 25, 10);
    }

    @Test
    void itemsWithinTheItemLimitThatAreLargerAsSentCloseTheChunkEarlier() {
        Map<String, AttributeValue> quotes = item("\"".repeat(390_000));
        assertThat(ItemSize.of(quotes)).isLessThan(ItemSize.MAX_ITEM_BYTES);
        long bytes = RequestSize.putRequest(quotes);
        assertThat(chunks(Collections.nCopies(25, bytes))).containsExactly(20, 5);
        // an item alone always makes a chunk
        assertThat(chunks(List.of(RequestSize.PUT_REQUESTS_BUDGET, 1L))).containsExactly(1, 1);
    }
}
