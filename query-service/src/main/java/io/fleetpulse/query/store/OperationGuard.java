package io.fleetpulse.query.store;

import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * SDK interceptor on the service's DynamoDB client ({@code quarkus.dynamodb.interceptors}): counts every
 * operation in {@code fleetpulse.dynamodb.operations{operation}} and refuses a Scan before it is sent.
 * Every request path maps to an access pattern (Query, GetItem, BatchGetItem); a Scan would read the
 * whole table.
 */
@Singleton
@Unremovable // looked up by the amazon-services extension through CDI, never injected
public class OperationGuard implements ExecutionInterceptor {

    public static final String SCAN = "Scan";

    private final QueryMetrics metrics;

    public OperationGuard(QueryMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        metrics.operation(operation == null ? "unknown" : operation);
        if (SCAN.equals(operation)) {
            throw new ScanRefusedException();
        }
    }

    /** Thrown instead of sending a Scan. */
    public static final class ScanRefusedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ScanRefusedException() {
            super("Scan refused: every query-service request maps to an access pattern (Query, GetItem, BatchGetItem)");
        }
    }
}
