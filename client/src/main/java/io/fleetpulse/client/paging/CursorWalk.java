package io.fleetpulse.client.paging;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.fleetpulse.client.model.Page;

/**
 * The items of a cursor-paged listing, one page fetched at a time: the first with no cursor, then each with the
 * previous page's {@code next_cursor}, until a page has none. Pages are fetched lazily, as the items are used.
 *
 * <pre>{@code
 * for (HistoryItem item : CursorWalk.of(cursor -> query.results(id, from, to, null, "asc", 500, cursor))) { ... }
 * }</pre>
 */
public final class CursorWalk<T> implements Iterator<T>, Iterable<T> {

    private final Function<String, ? extends Page<T>> fetch;
    private Iterator<T> current;
    private String cursor;
    private boolean last;
    private int pages;

    private CursorWalk(Function<String, ? extends Page<T>> fetch) {
        this.fetch = fetch;
    }

    /** {@code fetch} is given null for the first page, then each next cursor. */
    public static <T> CursorWalk<T> of(Function<String, ? extends Page<T>> fetch) {
        return new CursorWalk<>(fetch);
    }

    /** Every item of the listing as a sequential stream. */
    public static <T> Stream<T> stream(Function<String, ? extends Page<T>> fetch) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(of(fetch), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        while (current == null || !current.hasNext()) {
            if (last) {
                return false;
            }
            Page<T> page = fetch.apply(cursor);
            pages++;
            current = page.items().iterator();
            cursor = page.nextCursor();
            last = cursor == null || cursor.isEmpty();
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    /** How many pages have been fetched so far. */
    public int pages() {
        return pages;
    }

    /** This walk itself: iterable once. */
    @Override
    public Iterator<T> iterator() {
        return this;
    }
}
