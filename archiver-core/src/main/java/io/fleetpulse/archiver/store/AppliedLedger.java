package io.fleetpulse.archiver.store;

import java.time.Instant;
import java.util.List;

import io.fleetpulse.archiver.service.AppliedRecords;
import io.fleetpulse.archiver.service.Segment;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Which stream records already have their effects in the aggregates, recorded in the same transaction that applies
 * them (AP22). The KCL consumer and the poller keep one {@link ShardLedger} item per shard; a consumer that is not told
 * the shard (AWS Lambda) keeps one marker item per record instead.
 */
public interface AppliedLedger {

    /** What is known to be applied before a batch is written. */
    AppliedRecords read(String shardId);

    /** After a transaction was cancelled on the ledger's items: what is applied now, {@code pending}'s records included. */
    AppliedRecords reread(String shardId, AppliedRecords known, Segment pending);

    /** The transaction items that move the ledger from {@code expected} to {@code next} by {@code segment}'s records. */
    List<TransactWriteItem> advance(String shardId, Segment segment, AppliedRecords expected, AppliedRecords next, Instant now);

    /** Transaction items the ledger adds per record of a segment (on top of the one the segment always has room for). */
    int itemsPerRecord();
}
