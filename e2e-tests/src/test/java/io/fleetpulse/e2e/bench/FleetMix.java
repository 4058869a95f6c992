package io.fleetpulse.e2e.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import io.fleetpulse.model.entity.TestResult;
import io.fleetpulse.model.entity.TestStatus;

/**
 * An endless realistic fleet mix: routers over several locations and two ISPs, a quarter of the results from a few
 * hot routers, 3 % failures, five test types, timestamps over the last two hours. Seeded: the same sequence every run.
 * Results carry no {@code expires_at} (ingest sets it). Thread-safe.
 */
final class FleetMix {

    private static final String[] TYPES = {"latency", "jitter", "packet_loss", "dns", "throughput"};
    private static final String[] ISPS = {"ExampleISP", "OtherNet"};
    private static final int SPAN_MILLIS = (int) Duration.ofHours(2).toMillis();

    private final int routers;
    private final int locations;
    private final int hotRouters;
    private final Random random = new Random(42);
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    private int next;

    FleetMix(int routers, int locations, int hotRouters) {
        this.routers = routers;
        this.locations = locations;
        this.hotRouters = hotRouters;
    }

    synchronized TestResult next() {
        int i = next++;
        int router = random.nextInt(4) == 0 ? random.nextInt(hotRouters) : random.nextInt(routers);
        boolean failed = random.nextInt(100) < 3;
        Map<String, Object> measurements = new LinkedHashMap<>();
        measurements.put("latency_ms", BigDecimal.valueOf(5 + random.nextInt(20_000), 2));
        measurements.put("jitter_ms", BigDecimal.valueOf(random.nextInt(5_000), 2));
        measurements.put("server", "1.1.1.1");
        return new TestResult("router-" + router, "bench-" + i, TYPES[i % TYPES.length], start.plusMillis(random.nextInt(SPAN_MILLIS)),
                failed ? TestStatus.FAILED : TestStatus.OK, measurements, "LOC-" + (router % locations), ISPS[router % ISPS.length],
                null, null, null);
    }
}
