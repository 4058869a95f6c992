package io.fleetpulse.archiver.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.fleetpulse.kit.config.FleetpulseConfig;
import io.fleetpulse.archiver.config.StreamConfig;
import io.fleetpulse.archiver.stream.StreamClients;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * One KCL worker's own clients (stream reads; lease, worker-metrics and coordinator tables, the leader lock among
 * them), real clients of the local stack until {@link #crash()}: from then on every call fails at once, as if the
 * process were gone. Nothing the worker's KCL threads do after that reaches DynamoDB: no lease renewal, no lease
 * release, no checkpoint, no leader-lock heartbeat or release. {@link #loseCheckpoints()} fails only the lease
 * updates that carry a checkpoint, as when a process dies with its checkpoint write in flight.
 */
public final class CrashableStreamClients extends StreamClients {

    /** The lease table's checkpoint attribute, which KCL's checkpoint writes as an attribute update. */
    private static final String KCL_CHECKPOINT = "checkpoint";
    private static final Set<String> LOCAL_METHODS = Set.of("close", "serviceName", "serviceClientConfiguration", "toString",
            "hashCode", "equals");

    private volatile boolean crashed;
    private volatile boolean checkpointsLost;
    private final AtomicInteger lostCheckpointWrites = new AtomicInteger();
    private DynamoDbStreamsClient streams;
    private DynamoDbAsyncClient dynamoAsync;

    public CrashableStreamClients(DynamoDbClient dynamo, FleetpulseConfig fleetpulse, StreamConfig config) {
        super(dynamo, fleetpulse, config);
    }

    public void crash() {
        crashed = true;
    }

    /** From now on a lease update carrying a checkpoint fails; lease renewals and everything else still work. */
    public void loseCheckpoints() {
        checkpointsLost = true;
    }

    private boolean lost(Method method, Object[] args) {
        if (crashed) {
            return !LOCAL_METHODS.contains(method.getName());
        }
        boolean checkpointWrite = checkpointsLost && method.getName().equals("updateItem") && args != null && args.length == 1
                && args[0] instanceof UpdateItemRequest update && update.attributeUpdates().containsKey(KCL_CHECKPOINT);
        if (checkpointWrite) {
            lostCheckpointWrites.incrementAndGet();
        }
        return checkpointWrite;
    }

    /** Checkpoint writes failed since {@link #loseCheckpoints()}: each one means records applied past the checkpoint. */
    public int lostCheckpointWrites() {
        return lostCheckpointWrites.get();
    }

    @Override
    public synchronized DynamoDbStreamsClient streams() {
        if (streams == null) {
            streams = cutOffAtCrash(DynamoDbStreamsClient.class, super.streams());
        }
        return streams;
    }

    @Override
    public synchronized DynamoDbAsyncClient dynamoAsync() {
        if (dynamoAsync == null) {
            dynamoAsync = cutOffAtCrash(DynamoDbAsyncClient.class, super.dynamoAsync());
        }
        return dynamoAsync;
    }

    private <T> T cutOffAtCrash(Class<T> type, T client) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (lost(method, args)) {
                SdkClientException gone = SdkClientException.builder().message("this worker crashed: " + method.getName() + " never sent")
                        .writableStackTrace(false).build(); // KCL logs every failed call: keep the log readable
                if (CompletableFuture.class.isAssignableFrom(method.getReturnType())) {
                    return CompletableFuture.failedFuture(gone);
                }
                throw gone;
            }
            return invoke(client, method, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException failed) {
            throw failed.getCause();
        }
    }
}
