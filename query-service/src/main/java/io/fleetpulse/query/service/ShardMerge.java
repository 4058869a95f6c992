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
import java.util.function.UnaryOperator;

import io.fleetpulse.model.access.AccessPattern;
import io.fleetpulse.query.service.cursor.Position;
import io.fleetpulse.query.store.KeyRange;
import io.fleetpulse.query.store.Page;
import io.fleetpulse.query.store.PageRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One page of several partitions (AP7's GSI1 shards, AP9's fleet aggregate slots, AP6's router hours and day roll-ups):
 * every shard not yet done is queried in parallel, the shards' pages are merged by sort key (time, then router and test
 * id, so the order is total), or by group where a page groups items, and the first {@code limit} items are taken. A shard whose buffer runs dry while it still has data is read again
 * before anything later is taken, so the merge never skips an item.
 *
 * <p>A page holds {@code limit} groups of items: items whose sort keys fall in one group (equal sort keys: the write
 * slots of a fleet aggregate, AP9; one day's hours and its roll-up: a router's day, AP6) are taken together, from every
 * shard, so a caller that sums a group never sees it split over two pages. Where sort keys are unique across shards (AP7)
 * a group is one item.
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
    private final boolean hideExpired;
    private final Function<PageRequest, Page> fetcher;
    private final Executor executor;
    private final int maxRefills;
    private final UnaryOperator<String> groupOf;

    /**
     * How a page groups items: a sort key's group, how many items of one shard a group holds at most, and whether
     * each sort key lies in one shard only (so the first round asks each shard for its share of the page).
     */
    record Grouping(UnaryOperator<String> groupOf, int itemsPerShard, boolean keysSpread) {
        /** A group is one sort key, held by one shard (AP7: a router lies in one GSI1 shard). */
        static final Grouping SORT_KEY = new Grouping(null, 1, true);
        /** A group is one sort key, which every shard may hold (AP9: a bucket in each write slot). */
        static final Grouping SORT_KEY_IN_EVERY_SHARD = new Grouping(null, 1, false);
    }

    private final int itemsPerGroup;
    private final boolean keysSpread;

    ShardMerge(AccessPattern pattern, boolean ascending, boolean consistent, boolean hideExpired, Function<PageRequest, Page> fetcher,
            Executor executor, int maxRefills, Grouping grouping) {
        this.pattern = pattern;
        this.ascending = ascending;
        this.consistent = consistent;
        this.hideExpired = hideExpired;
        this.fetcher = fetcher;
        this.executor = executor;
        this.maxRefills = maxRefills;
        this.groupOf = grouping.groupOf();
        this.itemsPerGroup = grouping.itemsPerShard();
        this.keysSpread = grouping.keysSpread();
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
            return new PageRequest(pattern, range, ascending, limit, start, consistent, hideExpired);
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
        fetch(active, keysSpread ? initialShardLimit(limit, width) : limit);

        List<Map<String, AttributeValue>> items = new ArrayList<>(limit);
        int groups = 0;
        while (groups < limit) {
            List<Shard> dry = shards.stream().filter(Shard::needsData).toList();
            if (!dry.isEmpty()) {
                if (dry.stream().anyMatch(shard -> shard.fetches > maxRefills)) {
                    break; // a shard keeps yielding only expired items: return a short page, the cursor continues
                }
                fetch(dry, limit - groups);
                continue;
            }
            Shard best = null;
            for (Shard shard : shards) {
                if (!shard.buffer.isEmpty() && (best == null || before(group(shard.head()), group(best.head())))) {
                    best = shard;
                }
            }
            if (best == null) {
                break; // every shard is done
            }
            // every shard's head is known here: the group's items of every shard are taken together, a shard read
            // again while its buffer ends inside the group
            String group = group(best.head());
            for (Shard shard : shards) {
                while (!shard.buffer.isEmpty() && group(shard.head()).equals(group)) {
                    items.add(shard.take());
                    if (groupOf != null && shard.needsData()) {
                        fetch(List.of(shard), limit);
                    }
                }
            }
            groups++;
        }
        List<Position> next = new ArrayList<>(shards.size());
        for (Shard shard : shards) {
            next.add(shard.position);
        }
        return new Result(items, next, width);
    }

    private String group(String sortKey) {
        return groupOf == null ? sortKey : groupOf.apply(sortKey);
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

    /** Reads {@code groups} groups' worth of items from each shard (at most 1,000 items a Query). */
    private void fetch(List<Shard> shards, int groups) {
        int limit = Math.min(1_000, groups * itemsPerGroup);
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
