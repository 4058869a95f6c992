package io.fleetpulse.simulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {

    @Test
    void rateTimesDurationIsThePayloadCount() throws Exception {
        SimulatorOptions options = SimulatorOptions.parse("--routers", "50", "--duration", "2m", "--rate=25", "--seed", "9",
                "--epoch", "2026-03-01T12:00:00Z", "--run-tag", "abc", "--archive-older-than", "none");

        assertThat(options.payloads()).isEqualTo(3000);
        assertThat(options.fleet().routers()).isEqualTo(50);
        assertThat(options.fleet().epoch()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(options.archiveOlderThan()).isNull();
        assertThat(options.targets()).isEqualTo(Targets.local());
        assertThat(options.reproduceWith()).isEqualTo("--seed 9 --epoch 2026-03-01T12:00:00Z --run-tag abc --routers 50 --locations 6 --payloads 3000");
    }

    @Test
    void aDeploymentNeedsAllThreeServices() throws Exception {
        assertThatThrownBy(() -> SimulatorOptions.parse("--ingest-url", "http://10.0.0.1:8081"))
                .hasMessageContaining("--query-url");
        SimulatorOptions options = SimulatorOptions.parse("--ingest-url", "https://ingest.example/", "--query-url", "https://query.example",
                "--archiver-url", "https://archiver.example", "--kafka", "none", "--s3-endpoint", "aws");
        assertThat(options.targets().ingest()).isEqualTo(URI.create("https://ingest.example"));
        assertThat(options.targets().kafkaEnabled()).isFalse();
        assertThat(options.targets().s3Enabled()).isTrue();
        assertThat(options.targets().s3Endpoint()).isNull();
    }

    @Test
    void durationsAndBadValues() throws Exception {
        assertThat(SimulatorOptions.duration("x", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(SimulatorOptions.duration("x", "PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(SimulatorOptions.duration("x", "20h")).isEqualTo(Duration.ofHours(20));
        assertThatThrownBy(() -> SimulatorOptions.parse("--duration", "soon")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> SimulatorOptions.parse("--invalid-share", "1.5")).hasMessageContaining("share");
        assertThatThrownBy(() -> SimulatorOptions.parse("--rate", "0")).hasMessageContaining("--payloads");
        assertThatThrownBy(() -> SimulatorOptions.parse("--run-tag", "Bad#Tag")).hasMessageContaining("--run-tag");
        assertThatThrownBy(() -> SimulatorOptions.parse("--bogus", "1")).hasMessageContaining("unknown option");
    }

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzaW0ifQ.c2lnbmF0dXJl";
    private static final String OTHER_JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJlbnYifQ.b3RoZXI";

    @Test
    void theTokenComesFromTheOptionElseFromTheEnvironment() throws Exception {
        Map<String, String> environment = Map.of("FLEETPULSE_TOKEN", OTHER_JWT);

        BearerToken given = SimulatorOptions.parse(environment, "--token", JWT).token();
        BearerToken inherited = SimulatorOptions.parse(environment).token();
        BearerToken none = SimulatorOptions.parse(Map.of("FLEETPULSE_TOKEN", "  ")).token();

        assertThat(given).isEqualTo(new BearerToken(JWT, "--token"));
        assertThat(inherited).isEqualTo(new BearerToken(OTHER_JWT, "FLEETPULSE_TOKEN"));
        assertThat(none.present()).isFalse();
        assertThat(SimulatorOptions.parse(Map.of(), "--token=" + JWT).token().value()).isEqualTo(JWT);
        assertThat(SimulatorOptions.parse(Map.of(), "--token", JWT).withTargets(Targets.local()).token().value()).isEqualTo(JWT);
    }

    @Test
    void aTokenIsSentAsBearerAndNeverPrinted() throws Exception {
        SimulatorOptions options = SimulatorOptions.parse(Map.of(), "--token", JWT);
        HttpRequest withToken = options.token().addTo(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8081/v1/results"))).build();
        HttpRequest without = BearerToken.none().addTo(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8081/v1/results"))).build();

        assertThat(withToken.headers().allValues("Authorization")).containsExactly("Bearer " + JWT);
        assertThat(without.headers().map()).doesNotContainKey("Authorization");
        assertThat(options.toString()).doesNotContain(JWT).contains("bearer token from --token");
        assertThat(BearerToken.none()).hasToString("no bearer token");
    }

    @Test
    void whatIsNotATokenIsRefusedNamingWhereItCameFrom() {
        assertThatThrownBy(() -> SimulatorOptions.parse(Map.of(), "--token", "Bearer " + JWT))
                .isInstanceOf(SimulatorOptions.UsageException.class).hasMessageContaining("--token").hasMessageContaining("without 'Bearer '");
        assertThatThrownBy(() -> SimulatorOptions.parse(Map.of(), "--token", "not a token"))
                .hasMessageContaining("--token is not a JWT");
        assertThatThrownBy(() -> SimulatorOptions.parse(Map.of("FLEETPULSE_TOKEN", "abc.def")))
                .hasMessageContaining("FLEETPULSE_TOKEN is not a JWT");
        assertThatThrownBy(() -> SimulatorOptions.parse(Map.of(), "--token")).hasMessageContaining("--token needs a value");
    }
}
