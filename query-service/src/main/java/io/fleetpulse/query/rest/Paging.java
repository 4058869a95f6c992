package io.fleetpulse.query.rest;

import java.time.Instant;

import jakarta.inject.Singleton;

import io.fleetpulse.query.config.QueryConfig;
import io.fleetpulse.query.service.RangeQuery;
import io.fleetpulse.query.service.ResultPage;
import io.fleetpulse.query.service.SortOrder;

/** The paging parameters shared by every ranged endpoint, and the caching of their pages. */
@Singleton
public class Paging {

    private final QueryConfig.Query settings;
    private final TenantReads tenant;

    public Paging(QueryConfig config, TenantReads tenant) {
        this.settings = config.query();
        this.tenant = tenant;
    }

    RangeQuery query(RangeParams range, boolean consistent) {
        return new RangeQuery(range.from(), range.to(), range.order(), range.limit(settings.defaultLimit()), range.cursor(),
                consistent, tenant.ispOrNull());
    }

    /** A listing without a time range: only its limit, cursor and consistency count. */
    RangeQuery query(PageParams page, boolean consistent) {
        return new RangeQuery(null, null, SortOrder.DESC, page.limit(settings.defaultLimit()), page.cursor(), consistent,
                tenant.ispOrNull());
    }

    /** Historical pages (the range ended an hour or more ago) may be reused for a while; others revalidate. */
    String cacheControl(ResultPage<?> page) {
        return page.range().endedBefore(Instant.now(), settings.historyHorizon())
                ? Conditional.maxAge(settings.historicalMaxAge().toSeconds())
                : Conditional.NO_CACHE;
    }

    String immutableCacheControl() {
        return Conditional.maxAge(settings.historicalMaxAge().toSeconds());
    }
}
