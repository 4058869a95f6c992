package io.fleetpulse.client;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;

import io.fleetpulse.client.auth.BearerToken;
import io.fleetpulse.client.json.FleetpulseJson;
import io.fleetpulse.client.retry.Retrying;

/**
 * The clients of a plain Java caller, without CDI: {@link RestClientBuilder} with whatever MicroProfile REST Client
 * implementation is on the class path (RESTEasy's, which this module brings), the bearer token supplier, the
 * timeouts, a connection pool for concurrent callers, and {@link Retrying} for the interfaces' {@code @Retry}
 * (no interceptor applies it outside CDI). In Quarkus, inject the interfaces with {@code @RestClient} instead.
 *
 * <pre>{@code
 * QueryApi query = FleetpulseClients.at(URI.create("http://localhost:8082")).token(() -> jwt).retrying(QueryApi.class);
 * query.walkResults("rtr-1", from, to, null, "asc", 500).forEach(System.out::println);
 * }</pre>
 */
public final class FleetpulseClients {

    private final URI base;
    private Supplier<String> token = () -> null;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(60);
    private int connections = 64;

    private FleetpulseClients(URI base) {
        this.base = base;
    }

    /** Clients of the service at {@code base} ({@code http://host:port}). */
    public static FleetpulseClients at(URI base) {
        return new FleetpulseClients(base);
    }

    /** The JWT sent as {@code Authorization: Bearer}, asked for on every call; null for none. */
    public FleetpulseClients token(Supplier<String> supplier) {
        this.token = supplier;
        return this;
    }

    public FleetpulseClients connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /** How long one call may take (the interfaces' {@code @Timeout} in Quarkus). */
    public FleetpulseClients readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    /** Connections kept to the service: as many calls can be in flight at once. */
    public FleetpulseClients connections(int count) {
        this.connections = count;
        return this;
    }

    /** The interface as it is: every error answer thrown at once. */
    public <T> T build(Class<T> api) {
        return RestClientBuilder.newBuilder()
                .baseUri(base)
                .register(new JacksonJsonProvider(FleetpulseJson.MAPPER))
                .register(new BearerToken(token))
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                // RESTEasy's builder settings; other implementations ignore properties they do not know
                .property("resteasy.connectionPoolSize", connections)
                .property("resteasy.maxPooledPerRoute", connections)
                // ProblemExceptionMapper answers for every status from 400 (the default one would only be outranked)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(api);
    }

    /** The interface with its {@code @Retry} policy applied (429/503 after Retry-After, broken connections). */
    public <T> T retrying(Class<T> api) {
        return Retrying.wrap(api, build(api));
    }
}
