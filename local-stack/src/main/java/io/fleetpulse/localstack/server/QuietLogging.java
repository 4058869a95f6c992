package io.fleetpulse.localstack.server;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the servers' own categories down to WARN through java.util.logging. That reaches them when
 * SLF4J ends up in a JUL-based backend (JBoss LogManager in Quarkus tests); the launcher and this
 * module's tests log through log4j2, configured by file. {@code -Dfleetpulse.localstack.verbose=true}
 * leaves the levels alone.
 */
public final class QuietLogging {

    private static final String[] CATEGORIES = {
        "kafka", "org.apache.kafka", "state.change.logger", "org.gaul", "org.eclipse.jetty",
        "com.almworks.sqlite4java", "com.amazonaws",
    };
    // JUL holds loggers weakly: keep them so the levels stick.
    private static final List<Logger> KEPT = new ArrayList<>();

    private QuietLogging() {
    }

    public static synchronized void apply() {
        if (!KEPT.isEmpty() || Boolean.getBoolean("fleetpulse.localstack.verbose")) {
            return;
        }
        for (String category : CATEGORIES) {
            keep(category).setLevel(Level.WARNING);
        }
        // DynamoDB Local logs every error it returns to a client (e.g. a failed condition) as a warning.
        keep("software.amazon.dynamodb").setLevel(Level.SEVERE);
        // Benign on every first start / every stop of a single-node KRaft broker.
        dropMessages("org.apache.kafka.controller.QuorumController", "Performing controller activation");
        dropMessages("org.apache.kafka.clients.NetworkClient", "Attempting to close NetworkClient that has already been closed");
    }

    private static Logger keep(String category) {
        Logger logger = Logger.getLogger(category);
        KEPT.add(logger);
        return logger;
    }

    private static void dropMessages(String category, String fragment) {
        keep(category).setFilter(record -> record.getMessage() == null || !record.getMessage().contains(fragment));
    }
}
