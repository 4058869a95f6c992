package io.fleetpulse.query.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.query.service.cursor.Position;
import io.fleetpulse.query.store.KeyRange;
import io.fleetpulse.query.store.Page;
import io.fleetpulse.query.store.PageRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One page of write-sharded partitions (AP7's GSI1 shards, AP9's fleet aggregate slots): every shard not yet done is queried in parallel, the shards'
 * pages are merged by sort key (time, then router and test id, so the order is total) and the first
 * {@code limit} items are taken. A shard whose buffer runs dry while it still has data is read again
 * before anything later is taken, so the merge never skips an item.
 *
 * <p>A page holds {@code limit} distinct sort keys. Shards that hold the same sort key (the write slots of a fleet
 * aggregate, AP9) give theirs together, one after the other, so a caller that sums them never sees a key split over
 * two pages; where sort keys are unique across shards (AP7) that is one item per key.
 *
 * <p>The next cursor holds each shard's position after the last item <em>consumed</em> from it (not its
 * LastEvaluatedKey: fewer items may have been taken than read), the LastEvaluatedKey only once everything
 * read from the shard was taken, or DONE.
 */
final class ShardMerge {

    /** Result of a merge: the items in order, each shard's next position, how many shards were queried at once. */
    record Result(List<Map<String, AttributeValue>> items, List<Position> positions, int width) {
    }

    private final AccessPattern pattern;
    private final boolean ascending;
    private final boolean consistent;
    private final Function<PageRequest, Page> fetcher;
    private final Executor executor;
    private final int maxRefills;

    ShardMerge(AccessPattern pattern, boolean ascending, boolean consistent, Function<PageRequest, Page> fetcher, Executor executor,
            int maxRefills) {
        this.pattern = pattern;
        this.ascending = ascending;
        this.consistent = consistent;
        this.fetcher = fetcher;
        this.executor = executor;
        this.maxRefills = maxRefills;
    }

    private final class Shard {
        final KeyRange range;
        Position position;
        final Deque<Map<String, AttributeValue>> buffer = new ArrayDeque<>();
        Map<String, AttributeValue> lastEvaluated;
        boolean exhausted;
        int fetches;

        Shard(KeyRange range, Position position) {
            this.range = range;
            this.position = position;
            this.exhausted = position.done();
        }

        boolean needsData() {
            return buffer.isEmpty() && !exhausted;
        }

        PageRequest request(int limit) {
            Map<String, AttributeValue> start = position.kind() == Position.Kind.AFTER
                    ? StartKeys.after(range, position.sortKey(), null)
                    : null;
            return new PageRequest(pattern, range, ascending, limit, start, consistent, true);
        }

        void accept(Page page) {
            fetches++;
            buffer.addAll(page.items());
            lastEvaluated = page.lastEvaluatedKey();
            exhausted = page.exhausted();
            if (buffer.isEmpty()) {
                settleDrained();
            }
        }

        Map<String, AttributeValue> take() {
            Map<String, AttributeValue> item = buffer.poll();
            position = Position.after(StartKeys.sortKeyOf(range.index(), item));
            if (buffer.isEmpty()) {
                settleDrained();
            }
            return item;
        }

        /** Everything read was taken: continue after what DynamoDB evaluated (expired items may lie behind the last one). */
        private void settleDrained() {
            position = exhausted ? Position.DONE : Position.after(StartKeys.sortKeyOf(range.index(), lastEvaluated));
        }

        String head() {
            return StartKeys.sortKeyOf(range.index(), buffer.peek());
        }
    }

    /** {@code ranges} and {@code positions} are per shard, in shard order. */
    Result page(List<KeyRange> ranges, List<Position> positions, int limit) {
        List<Shard> shards = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            shards.add(new Shard(ranges.get(i), positions.get(i)));
        }
        List<Shard> active = shards.stream().filter(Shard::needsData).toList();
        int width = active.size();
        fetch(active, initialShardLimit(limit, width));

        List<Map<String, AttributeValue>> items = new ArrayList<>(limit);
        int sortKeys = 0;
        while (sortKeys < limit) {
            List<Shard> dry = shards.stream().filter(Shard::needsData).toList();
            if (!dry.isEmpty()) {
                if (dry.stream().anyMatch(shard -> shard.fetches > maxRefills)) {
                    break; // a shard keeps yielding only expired items: return a short page, the cursor continues
                }
                fetch(dry, limit - sortKeys);
                continue;
            }
            Shard best = null;
            for (Shard shard : shards) {
                if (!shard.buffer.isEmpty() && (best == null || before(shard.head(), best.head()))) {
                    best = shard;
                }
            }
            if (best == null) {
                break; // every shard is done
            }
            // every shard's head is known here: items of other shards with the same sort key are taken with it
            String head = best.head();
            for (Shard shard : shards) {
                if (!shard.buffer.isEmpty() && shard.head().equals(head)) {
                    items.add(shard.take());
                }
            }
            sortKeys++;
        }
        List<Position> next = new ArrayList<>(shards.size());
        for (Shard shard : shards) {
            next.add(shard.position);
        }
        return new Result(items, next, width);
    }

    private boolean before(String a, String b) {
        return ascending ? a.compareTo(b) < 0 : a.compareTo(b) > 0;
    }

    /**
     * Items asked of each shard on the first round: its expected share of the page plus three standard
     * deviations (routers spread evenly over the shards), so that one round usually suffices without
     * reading {@code limit} items from every shard.
     */
    static int initialShardLimit(int limit, int shards) {
        if (shards <= 1) {
            return limit;
        }
        double share = (double) limit / shards;
        return (int) Math.min(limit, Math.ceil(share + 3 * Math.sqrt(share) + 1));
    }

    private void fetch(List<Shard> shards, int limit) {
        if (shards.isEmpty()) {
            return;
        }
        if (shards.size() == 1) {
            Shard shard = shards.get(0);
            shard.accept(fetcher.apply(shard.request(limit)));
            return;
        }
        List<CompletableFuture<Page>> pages = new ArrayList<>(shards.size());
        for (Shard shard : shards) {
            PageRequest request = shard.request(limit);
            pages.add(CompletableFuture.supplyAsync(() -> fetcher.apply(request), executor));
        }
        try {
            CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        for (int i = 0; i < shards.size(); i++) {
            shards.get(i).accept(pages.get(i).join());
        }
    }
}
