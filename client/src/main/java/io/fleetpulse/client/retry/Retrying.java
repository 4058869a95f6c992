package io.fleetpulse.client.retry;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;

import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The interfaces' {@code @Retry} policy for plain Java, where no CDI interceptor applies the annotations: a proxy
 * that calls again on the exceptions {@code retryOn} names, at most {@code maxRetries} times within
 * {@code maxDuration}, waiting as {@link RetryAfterBackoff} says ({@code Retry-After} when the answer gave one).
 * The annotation itself is read, so both paths follow one policy.
 */
public final class Retrying implements InvocationHandler {

    private final Object target;
    private final Sleeper sleeper;

    /** How the wait before another attempt is taken, and after which failure (callers that log or count retries). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration delay, Throwable cause) throws InterruptedException;
    }

    private Retrying(Object target, Sleeper sleeper) {
        this.target = target;
        this.sleeper = sleeper;
    }

    /** {@code client} with every call of {@code api} retried as its {@code @Retry} says. */
    public static <T> T wrap(Class<T> api, T client) {
        return wrap(api, client, (delay, cause) -> Thread.sleep(delay.toMillis()));
    }

    /** As {@link #wrap(Class, Object)}, waiting with {@code sleeper}. */
    public static <T> T wrap(Class<T> api, T client, Sleeper sleeper) {
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, new Retrying(client, sleeper)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return method.invoke(target, args);
        }
        if (method.isDefault()) {
            // through this proxy, so the calls a default method makes are retried one by one
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        Retry policy = policy(method);
        RetryAfterBackoff backoff = new RetryAfterBackoff();
        if (policy != null) {
            backoff.init(Duration.of(policy.delay(), policy.delayUnit()).toMillis());
        }
        long maxNanos = policy == null ? 0 : Duration.of(policy.maxDuration(), policy.durationUnit()).toNanos();
        long begin = System.nanoTime();
        long waitedNanos = 0;
        for (int retries = 0;; retries++) {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException failed) {
                Throwable cause = failed.getCause();
                if (policy == null || retries >= policy.maxRetries() || !retriable(policy, cause)) {
                    throw cause;
                }
                long delayNanos = backoff.nextDelayInMillis(cause) * 1_000_000;
                // the time spent is at least the waits (a sleeper may record rather than sleep)
                if (Math.max(System.nanoTime() - begin, waitedNanos) + delayNanos > maxNanos) {
                    throw cause;
                }
                sleeper.sleep(Duration.ofNanos(delayNanos), cause);
                waitedNanos += delayNanos;
            }
        }
    }

    /** The method's {@code @Retry}, else its interface's. */
    static Retry policy(Method method) {
        Retry retry = method.getAnnotation(Retry.class);
        return retry != null ? retry : method.getDeclaringClass().getAnnotation(Retry.class);
    }

    private static boolean retriable(Retry policy, Throwable cause) {
        return Arrays.stream(policy.retryOn()).anyMatch(type -> type.isInstance(cause))
                && Arrays.stream(policy.abortOn()).noneMatch(type -> type.isInstance(cause));
    }
}
