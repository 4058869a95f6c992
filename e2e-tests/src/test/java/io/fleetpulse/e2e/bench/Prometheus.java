package io.fleetpulse.e2e.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One scrape of a service's {@code /q/metrics} (Prometheus text). */
final class Prometheus {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String text;

    private Prometheus(String text) {
        this.text = text;
    }

    static Prometheus scrape(URI service) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(service.resolve("/q/metrics")).timeout(Duration.ofSeconds(30)).GET().build();
        return new Prometheus(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The sum of every series of {@code metric} whose labels contain {@code labels} ("" for all series). */
    double sum(String metric, String labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            boolean series = line.startsWith(metric + "{") || line.startsWith(metric + " ");
            if (series && line.contains(labels)) {
                String[] parts = line.trim().split("\\s+");
                sum += Double.parseDouble(parts[parts.length - 1]);
            }
        }
        return sum;
    }
}
