package io.fleetpulse.kit.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.step.StepMeterRegistry;
import io.micrometer.core.instrument.step.StepRegistryConfig;
import io.micrometer.core.instrument.util.NamedThreadFactory;
import org.jboss.logging.Logger;

/**
 * A Micrometer registry that writes each step's figures as CloudWatch Embedded Metric Format (EMF) documents, one JSON
 * line each, to a sink (stdout in the services). Written here because Micrometer ships no EMF registry (its CloudWatch
 * registry calls {@code PutMetricData} instead, which Lambda and log-based pipelines do not need).
 * <p>
 * Meters with the same tags share a document: the tags are its one dimension set (at most 30), their values root
 * members, and each figure a root member named after the meter (at most 100 per document). Counters publish the
 * step's count; timers and distribution summaries {@code <name>.count}, {@code <name>.sum} and {@code <name>.max} (in
 * milliseconds for timers); gauges their value. NaN and infinite values are left out: EMF accepts numbers only.
 */
public final class EmfMeterRegistry extends StepMeterRegistry {

    public static final int MAX_METRICS_PER_DOCUMENT = 100;
    public static final int MAX_DIMENSIONS = 30;
    private static final Logger LOG = Logger.getLogger(EmfMeterRegistry.class);

    private final String namespace;
    private final Consumer<String> sink;
    private final ObjectMapper json = new ObjectMapper();

    public EmfMeterRegistry(String namespace, Duration step, Clock clock, Consumer<String> sink) {
        super(stepConfig(step), clock);
        this.namespace = namespace;
        this.sink = sink;
    }

    /** Starts publishing once per step on a daemon thread of its own. */
    public EmfMeterRegistry startPublishing() {
        start(new NamedThreadFactory("emf-metrics"));
        return this;
    }

    @Override
    protected void publish() {
        documents().forEach(sink);
    }

    @Override
    protected TimeUnit getBaseTimeUnit() {
        return TimeUnit.MILLISECONDS;
    }

    /** The documents of the last completed step, in a stable order (by tags, then meter). */
    public List<String> documents() {
        Map<List<Tag>, List<Figure>> byTags = new LinkedHashMap<>();
        getMeters().stream()
                .sorted(Comparator.comparing((Meter meter) -> meter.getId().getTags().toString())
                        .thenComparing(meter -> meter.getId().getName()))
                .forEach(meter -> {
                    List<Tag> tags = meter.getId().getTags();
                    if (tags.size() > MAX_DIMENSIONS) {
                        LOG.warnf("%s has %d tags, more than EMF's %d dimensions: not published", meter.getId().getName(),
                                tags.size(), MAX_DIMENSIONS);
                        return;
                    }
                    figures(meter, byTags.computeIfAbsent(tags, any -> new ArrayList<>()));
                });
        long timestamp = clock.wallTime();
        List<String> documents = new ArrayList<>();
        byTags.forEach((tags, figures) -> {
            for (int from = 0; from < figures.size(); from += MAX_METRICS_PER_DOCUMENT) {
                documents.add(document(timestamp, tags, figures.subList(from, Math.min(figures.size(), from + MAX_METRICS_PER_DOCUMENT))));
            }
        });
        return documents;
    }

    private void figures(Meter meter, List<Figure> into) {
        String name = meter.getId().getName();
        String unit = unit(meter.getId().getBaseUnit());
        meter.use(
                gauge -> add(into, name, gauge.value(), unit),
                counter -> add(into, name, counter.count(), unit == null ? "Count" : unit),
                timer -> {
                    add(into, name + ".count", timer.count(), "Count");
                    add(into, name + ".sum", timer.totalTime(TimeUnit.MILLISECONDS), "Milliseconds");
                    add(into, name + ".max", timer.max(TimeUnit.MILLISECONDS), "Milliseconds");
                },
                summary -> {
                    add(into, name + ".count", summary.count(), "Count");
                    add(into, name + ".sum", summary.totalAmount(), unit);
                    add(into, name + ".max", summary.max(), unit);
                },
                longTask -> {
                    add(into, name + ".active", longTask.activeTasks(), "Count");
                    add(into, name + ".duration", longTask.duration(TimeUnit.MILLISECONDS), "Milliseconds");
                },
                timeGauge -> add(into, name, timeGauge.value(TimeUnit.MILLISECONDS), "Milliseconds"),
                functionCounter -> add(into, name, functionCounter.count(), unit == null ? "Count" : unit),
                functionTimer -> {
                    add(into, name + ".count", functionTimer.count(), "Count");
                    add(into, name + ".sum", functionTimer.totalTime(TimeUnit.MILLISECONDS), "Milliseconds");
                },
                other -> other.measure().forEach(m -> add(into, name + "." + m.getStatistic().getTagValueRepresentation(),
                        m.getValue(), unit)));
    }

    private static void add(List<Figure> into, String name, double value, String unit) {
        if (Double.isFinite(value)) {
            into.add(new Figure(name, value, unit == null ? "None" : unit));
        }
    }

    /** Micrometer base units that have a CloudWatch unit; others publish as {@code None}. */
    private static String unit(String baseUnit) {
        if (baseUnit == null) {
            return null;
        }
        return switch (baseUnit) {
            case "bytes" -> "Bytes";
            case "seconds" -> "Seconds";
            case "milliseconds" -> "Milliseconds";
            case "percent" -> "Percent";
            default -> null;
        };
    }

    private String document(long timestamp, List<Tag> tags, List<Figure> figures) {
        ObjectNode root = json.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", timestamp);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        ArrayNode metrics = directive.putArray("Metrics");
        for (Tag tag : tags) {
            dimensionSet.add(tag.getKey());
            root.put(tag.getKey(), tag.getValue());
        }
        for (Figure figure : figures) {
            metrics.addObject().put("Name", figure.name()).put("Unit", figure.unit());
            root.put(figure.name(), figure.value());
        }
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static StepRegistryConfig stepConfig(Duration step) {
        return new StepRegistryConfig() {
            @Override
            public String prefix() {
                return "fleetpulse.emf";
            }

            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public Duration step() {
                return step;
            }
        };
    }

    private record Figure(String name, double value, String unit) {
    }
}
