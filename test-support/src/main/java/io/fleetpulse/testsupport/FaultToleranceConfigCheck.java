package io.fleetpulse.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.smallrye.faulttolerance.api.RateLimit;

/**
 * Enforces the convention "every fault-tolerance value is in configuration": for every MicroProfile /
 * SmallRye fault-tolerance annotation on a class or method, {@code application.properties} must hold
 * {@code <fqcn>/<method>/<Annotation>/<member>} (or {@code <fqcn>/<Annotation>/<member>} for a class-level
 * annotation) for each required member, with the annotation's own value, so that the annotation and the
 * configuration say the same thing and an operator sees every knob.
 *
 * <p>Required members per annotation (the tuning values; exception lists such as {@code retryOn},
 * {@code abortOn}, {@code failOn}, {@code skipOn}, {@code applyOn} and the fallback method are code, not tuning):
 * <table>
 * <caption>required members</caption>
 * <tr><th>annotation</th><th>always</th><th>when not the MicroProfile default</th></tr>
 * <tr><td>{@code Timeout}</td><td>value</td><td>unit</td></tr>
 * <tr><td>{@code Bulkhead}</td><td>value</td><td>waitingTaskQueue</td></tr>
 * <tr><td>{@code Retry}</td><td>maxRetries, delay, jitter</td><td>delayUnit, maxDuration, durationUnit, jitterDelayUnit</td></tr>
 * <tr><td>{@code CircuitBreaker}</td><td>requestVolumeThreshold, failureRatio, delay, successThreshold</td><td>delayUnit</td></tr>
 * <tr><td>{@code RateLimit} (SmallRye)</td><td>value, window</td><td>windowUnit, minSpacing, minSpacingUnit, type</td></tr>
 * <tr><td>{@code Fallback}, {@code Asynchronous}</td><td>none</td><td>none</td></tr>
 * </table>
 * "Always" members are what one reads to understand the behaviour, so they are listed even when the annotation
 * leaves them at their default; the others are required once the annotation sets them (a unit such as
 * {@code SECONDS} changes the meaning of the value next to it). Reflection cannot tell an explicit default from
 * an omitted member, so "sets" means "differs from the default".
 *
 * <p>Also reported: a configured value that differs from the annotation's, a key for a class, method or
 * annotation that does not exist (a renamed method silently loses its configuration), and any other
 * fault-tolerance annotation (SmallRye's backoffs, ...) until this policy covers it.
 */
public final class FaultToleranceConfigCheck {

    /** One annotation type's required members. */
    private record Policy(List<String> always, List<String> whenSet) {
    }

    private static final Map<Class<? extends Annotation>, Policy> POLICIES = Map.of(
            Timeout.class, new Policy(List.of("value"), List.of("unit")),
            Bulkhead.class, new Policy(List.of("value"), List.of("waitingTaskQueue")),
            Retry.class, new Policy(List.of("maxRetries", "delay", "jitter"),
                    List.of("delayUnit", "maxDuration", "durationUnit", "jitterDelayUnit")),
            CircuitBreaker.class, new Policy(List.of("requestVolumeThreshold", "failureRatio", "delay", "successThreshold"),
                    List.of("delayUnit")),
            RateLimit.class, new Policy(List.of("value", "window"), List.of("windowUnit", "minSpacing", "minSpacingUnit", "type")),
            Fallback.class, new Policy(List.of(), List.of()),
            Asynchronous.class, new Policy(List.of(), List.of()));

    private static final Set<String> FT_PACKAGES = Set.of("org.eclipse.microprofile.faulttolerance", "io.smallrye.faulttolerance.api");

    /** {@code <fqcn>[/<method>]/<Annotation>/<member>}: the class name has a dot, the other parts do not. */
    private static final Pattern KEY = Pattern.compile("^(?:%[^.]+\\.)?([\\w$]+(?:\\.[\\w$]+)+)(?:/([\\w$]+))?/([A-Z]\\w*)/(\\w+)$");

    /**
     * @param annotated every annotation found, as {@code <fqcn>[/<method>]/<Annotation>}
     * @param problems what breaks the rule; empty when the configuration is complete
     */
    public record Report(List<String> annotated, List<String> problems) {
    }

    private FaultToleranceConfigCheck() {
    }

    /**
     * Checks every class of {@code basePackage} (and below) in the compiled classes directory that holds
     * {@code anchor}, against that directory's {@code application.properties}.
     */
    public static Report ofService(Class<?> anchor, String basePackage) {
        Path classes = classesDirectory(anchor);
        return check(classesUnder(classes, basePackage, anchor.getClassLoader()), properties(classes.resolve("application.properties")));
    }

    /** Checks the given classes against the given configuration keys and values. */
    public static Report check(List<Class<?>> classes, Map<String, String> config) {
        List<String> annotated = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        classes.forEach(type -> byName.put(type.getName(), type));
        for (Class<?> type : classes) {
            inspect(type.getName(), type, config, annotated, problems);
            Stream.of(type.getDeclaredMethods()).filter(m -> !m.isSynthetic() && !m.isBridge())
                    .sorted(Comparator.comparing(Method::getName))
                    .forEach(method -> inspect(type.getName() + "/" + method.getName(), method, config, annotated, problems));
        }
        for (String key : new TreeMap<>(config).keySet()) {
            Matcher matcher = KEY.matcher(key);
            if (!matcher.matches() || !isFaultToleranceName(matcher.group(3))) {
                continue;
            }
            String stale = stale(byName.get(matcher.group(1)), matcher.group(2), matcher.group(3), matcher.group(4));
            if (stale != null) {
                problems.add(key + ": " + stale);
            }
        }
        return new Report(annotated, problems);
    }

    private static void inspect(String prefix, AnnotatedElement element, Map<String, String> config, List<String> annotated,
            List<String> problems) {
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (!FT_PACKAGES.contains(type.getPackageName())) {
                continue;
            }
            String base = prefix + "/" + type.getSimpleName();
            annotated.add(base);
            Policy policy = POLICIES.get(type);
            if (policy == null) {
                problems.add(base + ": no configuration policy for @" + type.getName() + " in FaultToleranceConfigCheck; add one");
                continue;
            }
            Stream.of(type.getDeclaredMethods()).sorted(Comparator.comparing(Method::getName)).forEach(member -> {
                String key = base + "/" + member.getName();
                Object expected = value(annotation, member.getName());
                boolean required = policy.always().contains(member.getName())
                        || policy.whenSet().contains(member.getName()) && !Objects.equals(expected, member.getDefaultValue());
                String configured = config.get(key);
                if (configured != null) {
                    // also members the policy does not require (e.g. delayUnit=MILLIS written out): they must agree
                    compare(key, expected, configured, problems);
                } else if (required) {
                    problems.add(key + ": missing (the annotation says " + text(expected) + ")");
                }
            });
        }
    }

    private static void compare(String key, Object expected, String configured, List<String> problems) {
        if (!same(expected, configured.trim())) {
            problems.add(key + ": configured " + configured + " but the annotation says " + text(expected));
        }
    }

    private static boolean same(Object expected, String configured) {
        if (expected instanceof Number number) {
            try {
                return new BigDecimal(number.toString()).compareTo(new BigDecimal(configured)) == 0;
            } catch (NumberFormatException notANumber) {
                return false;
            }
        }
        return text(expected).equals(configured);
    }

    private static String text(Object value) {
        if (value instanceof Class<?>[] types) {
            return String.join(",", Stream.of(types).map(Class::getName).toList());
        }
        return value instanceof Enum<?> constant ? constant.name() : String.valueOf(value);
    }

    /** Why a configuration key points at nothing, or null when it names an existing annotation member. */
    private static String stale(Class<?> type, String method, String annotationName, String member) {
        if (type == null) {
            return "no such class among the checked ones";
        }
        List<AnnotatedElement> elements = new ArrayList<>();
        if (method == null) {
            elements.add(type);
        } else {
            Stream.of(type.getDeclaredMethods()).filter(m -> m.getName().equals(method)).forEach(elements::add);
            if (elements.isEmpty()) {
                return "no method " + method + " in " + type.getName();
            }
        }
        for (AnnotatedElement element : elements) {
            for (Annotation annotation : element.getDeclaredAnnotations()) {
                if (annotation.annotationType().getSimpleName().equals(annotationName)) {
                    try {
                        annotation.annotationType().getDeclaredMethod(member);
                        return null;
                    } catch (NoSuchMethodException unknown) {
                        return "@" + annotationName + " has no member " + member;
                    }
                }
            }
        }
        return "no @" + annotationName + " there";
    }

    private static boolean isFaultToleranceName(String simpleName) {
        return POLICIES.keySet().stream().anyMatch(t -> t.getSimpleName().equals(simpleName))
                || Set.of("ExponentialBackoff", "FibonacciBackoff", "CustomBackoff", "RetryWhen", "BeforeRetry")
                        .contains(simpleName);
    }

    private static Object value(Annotation annotation, String member) {
        try {
            return annotation.annotationType().getDeclaredMethod(member).invoke(annotation);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("@" + annotation.annotationType().getSimpleName() + " has no member " + member, e);
        }
    }

    private static Path classesDirectory(Class<?> anchor) {
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(location)) {
                throw new IllegalStateException(anchor.getName() + " was not loaded from a classes directory but from " + location);
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Class<?>> classesUnder(Path classes, String basePackage, ClassLoader loader) {
        Path root = classes.resolve(basePackage.replace('.', '/'));
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("-info"))
                    .map(f -> classes.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .<Class<?>>map(name -> load(name.substring(0, name.length() - ".class".length()).replace('/', '.'), loader))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> properties(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> config.put(name, properties.getProperty(name)));
        return config;
    }
}
