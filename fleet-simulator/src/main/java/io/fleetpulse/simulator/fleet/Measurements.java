package io.fleetpulse.simulator.fleet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The {@code result} document of one test: plausible numbers for the router's ISP, slower and lossier at the
 * evening peak. Decimals carry at most three fraction digits, so the archiver's sums are exact and comparable.
 * A failed test keeps what it measured before failing and says why ({@code error}).
 */
public final class Measurements {

    private static final String TARGET = "speedtest.example.net";

    private Measurements() {
    }

    public static Map<String, Object> of(TestType type, Router router, Instant at, boolean failed, Random random) {
        double congestion = DailyRhythm.congestion(at);
        Isp isp = router.isp();
        Map<String, Object> result = new LinkedHashMap<>();
        switch (type) {
            case LATENCY -> {
                result.put("target", TARGET);
                result.put("probes", 20);
                if (failed) {
                    result.put("received", random.nextInt(3));
                    result.put("error", "timeout");
                } else {
                    double rtt = positive(isp.baseLatencyMs() * congestion * (1 + 0.25 * random.nextGaussian()), 1);
                    result.put("rtt_ms", decimal(rtt, 3));
                    result.put("rtt_min_ms", decimal(rtt * (0.6 + 0.2 * random.nextDouble()), 3));
                    result.put("rtt_max_ms", decimal(rtt * (1.3 + random.nextDouble()), 3));
                    result.put("received", 20);
                }
            }
            case JITTER -> {
                result.put("samples", 50);
                if (failed) {
                    result.put("error", "no_reply");
                } else {
                    result.put("jitter_ms", decimal(positive(isp.baseLatencyMs() * 0.08 * congestion * (1 + 0.5 * random.nextGaussian()), 0.05), 3));
                }
            }
            case PACKET_LOSS -> {
                int sent = 100;
                double lossPct = failed ? 40 + random.nextInt(61) : Math.max(0, (congestion - 1) * 4 + random.nextGaussian() * 0.6);
                int lost = (int) Math.min(sent, Math.round(lossPct));
                result.put("sent", sent);
                result.put("received", sent - lost);
                result.put("loss_pct", decimal(lost, 1));
                if (failed) {
                    result.put("error", "loss_above_threshold");
                }
            }
            case DNS -> {
                result.put("server", "192.0.2.53");
                result.put("query", "example.com");
                if (failed) {
                    result.put("error", "SERVFAIL");
                    result.put("rcode", 2);
                } else {
                    boolean cached = random.nextDouble() < 0.6;
                    result.put("cached", cached);
                    result.put("resolve_ms", decimal(cached ? 0.3 + random.nextDouble() : positive(isp.baseLatencyMs() * 1.5
                            * congestion * (1 + 0.3 * random.nextGaussian()), 2), 3));
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("records", 1 + random.nextInt(4));
                    answer.put("ttl_s", 60 * (1 + random.nextInt(60)));
                    result.put("answer", answer);
                }
            }
            case THROUGHPUT -> {
                result.put("server", "fra-" + (1 + random.nextInt(4)) + "." + TARGET);
                result.put("duration_s", 10);
                double down = positive(isp.downMbps() / congestion * (0.75 + 0.3 * random.nextDouble()), 1);
                if (failed) {
                    result.put("error", "connection_reset");
                    result.put("down_mbps", decimal(down * random.nextDouble() * 0.2, 2));
                } else {
                    result.put("down_mbps", decimal(down, 2));
                    result.put("up_mbps", decimal(down * (0.1 + 0.3 * random.nextDouble()), 2));
                    result.put("bytes_down", Math.round(down * 1_250_000 * 10));
                }
            }
            default -> throw new IllegalArgumentException(type.name());
        }
        return result;
    }

    /** A short traceroute as raw text (kept inline: far below the S3 offload threshold). */
    public static String traceroute(Router router, Random random) {
        StringBuilder raw = new StringBuilder("traceroute to " + TARGET + ", 8 hops max\n");
        double rtt = 0.4;
        for (int hop = 1; hop <= 8; hop++) {
            rtt += router.isp().baseLatencyMs() / 8 * (0.5 + random.nextDouble());
            raw.append(String.format(java.util.Locale.ROOT, "%2d  10.%d.%d.1  %.3f ms%n", hop, hop, random.nextInt(250), rtt));
        }
        return raw.toString();
    }

    private static double positive(double value, double floor) {
        return Math.max(floor, value);
    }

    static BigDecimal decimal(double value, int scale) {
        return BigDecimal.valueOf(Math.round(value * Math.pow(10, scale)), scale);
    }
}
