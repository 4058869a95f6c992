package io.fleetpulse.simulator.fleet;

import java.util.Random;

/** The diagnostic tests a router runs, and how often each is run relative to the others. */
public enum TestType {
    LATENCY("latency", 35),
    JITTER("jitter", 15),
    PACKET_LOSS("packet_loss", 15),
    DNS("dns", 25),
    THROUGHPUT("throughput", 10);

    private final String wire;
    private final int weight;

    TestType(String wire, int weight) {
        this.wire = wire;
        this.weight = weight;
    }

    public String wire() {
        return wire;
    }

    public static TestType draw(Random random) {
        int point = random.nextInt(100);
        for (TestType type : values()) {
            point -= type.weight;
            if (point < 0) {
                return type;
            }
        }
        return LATENCY;
    }
}
