package io.fleetpulse.archiver.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Test-scope SDK interceptor on the archiver's DynamoDB client ({@code quarkus.dynamodb.interceptors} in
 * {@code PollerProfile} and {@code KclProfile}): records every operation with its table and index, and refuses a
 * Scan of the fleetpulse table before it is sent (the archiver never needs one: archive runs read the registry and
 * GSI1). Other tables are not guarded: KCL scans its own lease tables (through its own client, but a Scan of a
 * table that is not the fleetpulse table is allowed here in any case).
 */
public class TableOperationGuard implements ExecutionInterceptor {

    public static final String SCAN = "Scan";

    /** One operation as sent: its name, its table(s) (comma-separated for batch calls) and index, or null. */
    public record Sent(String operation, String table, String index) {
    }

    private static final List<Sent> SENT = Collections.synchronizedList(new ArrayList<>());

    /** Everything recorded since the application started. */
    public static List<Sent> sent() {
        synchronized (SENT) {
            return List.copyOf(SENT);
        }
    }

    /** A position in the record, for {@link #since(int)}. */
    public static int mark() {
        return SENT.size();
    }

    public static List<Sent> since(int mark) {
        synchronized (SENT) {
            return List.copyOf(SENT.subList(mark, SENT.size()));
        }
    }

    /** Scans of the fleetpulse table recorded (each was refused). */
    public static List<Sent> scansOf(String table) {
        return sent().stream().filter(s -> SCAN.equals(s.operation()) && table.equals(s.table())).toList();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Sent sent = new Sent(operation, table(request), request.getValueForField("IndexName", String.class).orElse(null));
        SENT.add(sent);
        if (SCAN.equals(operation) && guardedTable().equals(sent.table())) {
            throw new IllegalStateException("Scan of " + sent.table() + " refused: the archiver reads by access pattern only");
        }
    }

    private static String table(SdkRequest request) {
        return request.getValueForField("TableName", String.class)
                .or(() -> request.getValueForField("RequestItems", Map.class)
                        .map(items -> ((Map<?, ?>) items).keySet().stream().map(String::valueOf).sorted().collect(Collectors.joining(","))))
                .orElse(null);
    }

    private static String guardedTable() {
        return ConfigProvider.getConfig().getValue("fleetpulse.table-name", String.class);
    }
}
