package io.fleetpulse.query.rest;

import java.time.Instant;

import jakarta.inject.Singleton;

import io.fleetpulse.query.config.QueryConfig;
import io.fleetpulse.query.service.RangeQuery;
import io.fleetpulse.query.service.ResultPage;

/** The paging parameters shared by every ranged endpoint, and the caching of their pages. */
@Singleton
public class Paging {

    private final QueryConfig.Query settings;
    private final TenantReads tenant;

    public Paging(QueryConfig config, TenantReads tenant) {
        this.settings = config.query();
        this.tenant = tenant;
    }

    RangeQuery parse(Params params, String from, String to, String order, String limit, String cursor, String consistent) {
        return new RangeQuery(
                params.instant("from", from),
                params.instant("to", to),
                params.order(order),
                params.limit(limit, settings.defaultLimit(), settings.maxLimit()),
                params.cursor(cursor),
                params.flag("consistent", consistent),
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
