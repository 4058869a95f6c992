package io.fleetpulse.query.service.cursor;

/**
 * Where one partition's reading continues: from the start of the range, after a sort-key value (the
 * exclusive start key, whose partition is always the query's own), or nowhere (that partition is done).
 */
public record Position(Kind kind, String sortKey) {

    public enum Kind {
        START,
        AFTER,
        DONE
    }

    public static final Position START = new Position(Kind.START, null);
    public static final Position DONE = new Position(Kind.DONE, null);

    public Position {
        if ((kind == Kind.AFTER) != (sortKey != null)) {
            throw new IllegalArgumentException("AFTER, and only AFTER, carries a sort key");
        }
    }

    public static Position after(String sortKey) {
        return new Position(Kind.AFTER, sortKey);
    }

    public boolean done() {
        return kind == Kind.DONE;
    }
}
