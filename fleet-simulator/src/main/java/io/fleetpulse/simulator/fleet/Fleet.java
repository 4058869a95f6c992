package io.fleetpulse.simulator.fleet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.fleetpulse.simulator.config.SimulatorOptions.FleetShape;

/**
 * The simulated fleet: locations (each with two or three ISPs), routers spread over them by city size, and a
 * few hot routers. A pure function of the shape (seed, counts, run tag). Every id starts with the run tag, so
 * runs against the same table never share a router, a location or a fleet aggregate.
 */
public final class Fleet {

    private static final String[] CITIES = {"berlin", "paris", "london", "madrid", "milan", "warsaw", "amsterdam", "vienna",
        "prague", "lisbon", "dublin", "oslo", "munich", "lyon", "porto", "krakow"};
    private static final double[] CITY_WEIGHTS = {3.5, 3.2, 4.0, 2.6, 2.0, 1.8, 1.4, 1.5, 1.2, 1.0, 0.9, 0.7, 1.6, 1.0, 0.6, 0.8};
    private static final List<Isp> ISPS = List.of(
            new Isp("northnet", 14, 250, 0.8),
            new Isp("fibrefast", 8, 900, 0.5),
            new Isp("metrocable", 19, 400, 1.2),
            new Isp("skylink", 38, 60, 2.2),
            new Isp("telco-one", 16, 120, 1.0));
    private static final String[] MODELS = {"FP-1000", "FP-2000", "FP-2000", "FP-X"};
    private static final String[] FIRMWARE = {"3.1.4", "3.2.0", "3.2.1", "3.2.1"};

    private final List<Router> routers;
    private final Map<String, List<Isp>> locations;
    private final double[] cumulativeWeights;

    private Fleet(List<Router> routers, Map<String, List<Isp>> locations, double hotWeight) {
        this.routers = List.copyOf(routers);
        this.locations = Collections.unmodifiableMap(locations);
        this.cumulativeWeights = new double[routers.size()];
        double total = 0;
        for (int i = 0; i < routers.size(); i++) {
            total += routers.get(i).hot() ? hotWeight : 1;
            cumulativeWeights[i] = total;
        }
    }

    public static Fleet generate(FleetShape shape, double hotShare, double hotWeight) {
        Random random = new Random(shape.seed());
        String tag = shape.runTag();
        int locationCount = Math.min(shape.locations(), CITIES.length);
        Map<String, List<Isp>> locations = new LinkedHashMap<>();
        double[] cityWeights = new double[locationCount];
        for (int i = 0; i < locationCount; i++) {
            List<Isp> isps = new ArrayList<>(ISPS);
            Collections.shuffle(isps, random);
            locations.put(tag + "-" + CITIES[i], List.copyOf(isps.subList(0, 2 + random.nextInt(2))));
            cityWeights[i] = CITY_WEIGHTS[i];
        }
        List<String> locationIds = List.copyOf(locations.keySet());
        int hotCount = hotShare <= 0 ? 0 : Math.max(1, (int) Math.round(shape.routers() * hotShare));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < shape.routers(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        boolean[] hot = new boolean[shape.routers()];
        for (int i = 0; i < hotCount && i < order.size(); i++) {
            hot[order.get(i)] = true;
        }
        List<Router> routers = new ArrayList<>(shape.routers());
        for (int i = 0; i < shape.routers(); i++) {
            String location = locationIds.get(pick(random, cityWeights));
            List<Isp> isps = locations.get(location);
            Isp isp = isps.get(random.nextInt(isps.size()));
            routers.add(new Router(String.format("%s-r%04d", tag, i + 1), location, isp, MODELS[random.nextInt(MODELS.length)],
                    FIRMWARE[random.nextInt(FIRMWARE.length)], hot[i]));
        }
        return new Fleet(routers, locations, hotWeight);
    }

    private static int pick(Random random, double[] weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double point = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            point -= weights[i];
            if (point < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A router drawn by how chatty it is: a hot router is drawn {@code hotWeight} times as often. */
    public Router draw(Random random) {
        double point = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        int low = 0;
        int high = cumulativeWeights.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulativeWeights[middle] > point) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return routers.get(low);
    }

    public List<Router> routers() {
        return routers;
    }

    public List<Router> hotRouters() {
        return routers.stream().filter(Router::hot).toList();
    }

    /** Location id -> its ISPs. */
    public Map<String, List<Isp>> locations() {
        return locations;
    }
}
