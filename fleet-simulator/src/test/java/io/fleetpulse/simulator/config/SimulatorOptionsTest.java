package io.fleetpulse.simulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
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
        assertThatThrownBy(() -> SimulatorOptions.parse("--bogus", "1")).hasMessageContaining("Unknown options: '--bogus'");
        assertThatThrownBy(() -> SimulatorOptions.parse("--routers", "many"))
                .hasMessageContaining("--routers").hasMessageContaining("'many' is not an int");
        assertThatThrownBy(() -> SimulatorOptions.parse("--concurrency", "65")).hasMessage("--concurrency must be between 1 and 64, got 65");
        assertThatThrownBy(() -> SimulatorOptions.parse("--epoch", "yesterday")).hasMessageContaining("--epoch")
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> SimulatorOptions.parse("--ingest-url", "nohost")).hasMessageContaining("--ingest-url")
                .hasMessageContaining("not a URL");
        assertThatThrownBy(() -> SimulatorOptions.parse("--target", "aws")).hasMessageContaining("--target is 'local'");
        assertThatThrownBy(() -> SimulatorOptions.parse("--routers")).hasMessageContaining("Missing required parameter for option '--routers'");
    }

    @Test
    void withoutOptionsTheDefaultsApply() throws Exception {
        SimulatorOptions options = SimulatorOptions.parse(Map.of());

        assertThat(options.fleet().routers()).isEqualTo(200);
        assertThat(options.fleet().locations()).isEqualTo(6);
        assertThat(options.fleet().seed()).isEqualTo(42);
        assertThat(options.fleet().span()).isEqualTo(Duration.ofHours(24));
        assertThat(options.fleet().runTag()).matches("[a-z][a-z0-9]{3}");
        assertThat(options.fleet().epoch()).isBetween(Instant.now().minus(Duration.ofMinutes(2)), Instant.now());
        assertThat(options.traffic()).isEqualTo(SimulatorOptions.Traffic.defaults());
        assertThat(options.payloads()).isEqualTo(6000);
        assertThat(options.rate()).isEqualTo(100);
        assertThat(options.concurrency()).isEqualTo(4);
        assertThat(options.verify()).isTrue();
        assertThat(options.archiveOlderThan()).isEqualTo(Duration.ofHours(20));
        assertThat(options.verifyRouters()).isZero();
        assertThat(options.pageSize()).isEqualTo(100);
        assertThat(options.catchUpTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(options.targets()).isEqualTo(Targets.local());
        assertThat(options.token().present()).isFalse();
        assertThat(SimulatorCommand.parse().terminal()).isEmpty();
    }

    @Test
    void aLaterOptionWinsAsWhenTheDemoScriptAppendsTheUsersOptions() throws Exception {
        SimulatorOptions options = SimulatorOptions.parse(Map.of(), "--routers", "200", "--duration", "60s", "--rate", "100",
                "--duration", "5m", "--no-verify", "--s3-endpoint", "none", "--bucket", "other");

        assertThat(options.payloads()).isEqualTo(30_000);
        assertThat(options.verify()).isFalse();
        assertThat(options.targets().s3Enabled()).isFalse();
        assertThat(options.targets().bucket()).isEqualTo("other");
        assertThat(SimulatorCommand.parse("--progress", "tty").terminal()).contains(true);
        assertThat(SimulatorCommand.parse("--progress=lines").terminal()).contains(false);
        assertThatThrownBy(() -> SimulatorCommand.parse("--progress", "maybe")).hasMessageContaining("--progress");
    }

    @Test
    void helpIsAUsageWithEveryOptionAndItsDefault() throws Exception {
        assertThatThrownBy(() -> SimulatorOptions.parse("--help")).isInstanceOf(SimulatorOptions.UsageException.class).hasMessage(null);
        assertThatThrownBy(() -> SimulatorOptions.parse("-h")).isInstanceOf(SimulatorOptions.UsageException.class).hasMessage(null);

        String usage = SimulatorCommand.usage();

        assertThat(usage).contains("Usage: java -jar fleet-simulator/target/fleet-simulator-0.1.0-SNAPSHOT.jar [options]",
                "--routers=N", "routers (default 200)", "--duration=D", "(default 60s)", "--invalid-share=X", "(default 0.02)",
                "--archive-older-than=D|none", "(default 20h;", "--no-verify", "--progress=tty|lines", "Exit code 0");
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
    void aTokenIsNeverPrinted() throws Exception {
        SimulatorOptions options = SimulatorOptions.parse(Map.of(), "--token", JWT);

        assertThat(options.token().value()).isEqualTo(JWT);
        assertThat(BearerToken.none().value()).isNull();
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
        assertThatThrownBy(() -> SimulatorOptions.parse(Map.of(), "--token")).hasMessageContaining("Missing required parameter for option '--token'");
    }
}
