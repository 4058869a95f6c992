package io.fleetpulse.kit.param;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A {@link ParsedParameter} whose text was a value ({@code required}: and that was given, not absent or empty). The
 * violation's message is the parameter's own {@link ParsedParameter#problem()}, or "is required".
 */
@Documented
@Constraint(validatedBy = WellFormedValidator.class)
@Target({ PARAMETER, FIELD })
@Retention(RUNTIME)
public @interface WellFormed {

    String message() default "is not well-formed";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    boolean required() default false;
}
