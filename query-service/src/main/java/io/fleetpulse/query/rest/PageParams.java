package io.fleetpulse.query.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import io.fleetpulse.query.rest.param.LimitParam;
import io.fleetpulse.query.rest.param.PageSize;

/**
 * The page parameters of every listing: a Quarkus REST parameter container, validated with {@code @Valid}. A field is
 * named as its parameter, because a violation names the field.
 */
public class PageParams {

    @RestQuery
    @PageSize
    @Parameter(description = Docs.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000",
            defaultValue = "50"))
    LimitParam limit;

    @RestQuery
    @Parameter(description = Docs.CURSOR)
    String cursor;

    int limit(int defaultLimit) {
        return LimitParam.orDefault(limit, defaultLimit);
    }

    /** The cursor, or null on a first page. */
    String cursor() {
        return cursor == null || cursor.isEmpty() ? null : cursor;
    }
}
