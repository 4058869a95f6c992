package io.fleetpulse.archiver.lambda.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The packaged function (the runner jar and its {@code lib/}, as in {@code function.zip}) loaded in this JVM on a class
 * loader of its own and invoked through the handler template.yaml names, {@code QuarkusStreamHandler::handleRequest},
 * as Lambda's Java runtime invokes it: the first invocation boots Quarkus (a cold start without SnapStart).
 */
final class FunctionInProcess implements AutoCloseable {

    private final URLClassLoader loader;
    private final Object handler;
    private final Method handleRequest;

    FunctionInProcess(Path runnerJar) throws Exception {
        if (!Files.exists(runnerJar)) {
            throw new IllegalStateException("no packaged function at " + runnerJar.toAbsolutePath() + " (run the package phase first)");
        }
        // the platform loader as parent: the function's (Quarkus-transformed) libraries, not this harness's classpath
        loader = new URLClassLoader(new URL[] {runnerJar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> type = loader.loadClass("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler");
        handleRequest = type.getMethod("handleRequest", InputStream.class, OutputStream.class,
                loader.loadClass("com.amazonaws.services.lambda.runtime.Context"));
        handler = withFunctionLoader(() -> type.getDeclaredConstructor().newInstance());
    }

    /** The response JSON of one invocation with {@code event}. */
    String invoke(String event) throws Exception {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        withFunctionLoader(() -> handleRequest.invoke(handler, new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), response, null));
        return response.toString(StandardCharsets.UTF_8);
    }

    private <T> T withFunctionLoader(java.util.concurrent.Callable<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Stops the function's Quarkus application, then closes its class loader (its threads would fail on a closed one). */
    @Override
    public void close() throws Exception {
        withFunctionLoader(() -> {
            Object application = loader.loadClass("io.quarkus.runtime.Application").getMethod("currentApplication").invoke(null);
            if (application != null) {
                application.getClass().getMethod("stop").invoke(application);
            }
            return null;
        });
        loader.close();
    }
}
