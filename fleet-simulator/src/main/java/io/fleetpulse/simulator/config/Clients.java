package io.fleetpulse.simulator.config;

import java.net.URI;

import io.fleetpulse.client.FleetpulseClients;
import io.fleetpulse.client.api.ArchiverApi;
import io.fleetpulse.client.api.IngestApi;
import io.fleetpulse.client.api.ProbesApi;
import io.fleetpulse.client.api.QueryApi;

/**
 * The services through the Java client ({@code fleetpulse-client}), with the run's bearer token. Ingest is not
 * retried by the client: the sender waits out 429/503 itself and re-sends only what was not written. The checks'
 * reads and the archive run are retried by the client's policy. Each service gets as many pooled connections as
 * there are senders, so all their calls can be in flight at once.
 */
public record Clients(IngestApi ingest, QueryApi query, ArchiverApi archiver, ProbesApi ingestProbes, ProbesApi queryProbes,
        ProbesApi archiverProbes) {

    public static Clients of(Targets targets, BearerToken token, int concurrency) {
        return new Clients(
                at(targets.ingest(), token, concurrency).build(IngestApi.class),
                at(targets.query(), token, concurrency).retrying(QueryApi.class),
                at(targets.archiver(), token, concurrency).retrying(ArchiverApi.class),
                at(targets.ingest(), token, 2).build(ProbesApi.class),
                at(targets.query(), token, 2).build(ProbesApi.class),
                at(targets.archiver(), token, 2).build(ProbesApi.class));
    }

    private static FleetpulseClients at(URI service, BearerToken token, int connections) {
        return FleetpulseClients.at(service).token(token::value).connections(Math.max(2, connections));
    }
}
