package io.fleetpulse.query.service;

import java.util.ArrayList;
import java.util.List;

import io.fleetpulse.model.entity.Aggregate;

/** Parts of one bucket that a merged page gives one after the other (fleet write slots, a day's hours), summed. */
final class BucketSums {

    private BucketSums() {
    }

    static List<Aggregate> of(List<Aggregate> parts) {
        List<Aggregate> buckets = new ArrayList<>();
        for (Aggregate part : parts) {
            int last = buckets.size() - 1;
            if (last >= 0 && buckets.get(last).bucketStart().equals(part.bucketStart())) {
                buckets.set(last, buckets.get(last).plus(part));
            } else {
                buckets.add(part);
            }
        }
        return buckets;
    }
}
