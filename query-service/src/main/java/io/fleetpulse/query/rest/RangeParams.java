package io.fleetpulse.query.rest;

import java.time.Instant;

import jakarta.ws.rs.DefaultValue;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import io.fleetpulse.kit.param.WellFormed;
import io.fleetpulse.query.rest.param.OrderParam;
import io.fleetpulse.query.rest.param.TimeParam;
import io.fleetpulse.query.service.SortOrder;

/** The parameters every ranged endpoint shares: a time range and its order on top of the page parameters. */
public class RangeParams extends PageParams {

    @RestQuery
    @WellFormed
    @Parameter(description = Docs.FROM)
    TimeParam from;

    @RestQuery
    @WellFormed
    @Parameter(description = Docs.TO)
    TimeParam to;

    @RestQuery
    @DefaultValue("desc")
    @WellFormed
    @Parameter(description = Docs.ORDER)
    OrderParam order;

    Instant from() {
        return TimeParam.valueOrNull(from);
    }

    Instant to() {
        return TimeParam.valueOrNull(to);
    }

    SortOrder order() {
        return order.value();
    }
}
