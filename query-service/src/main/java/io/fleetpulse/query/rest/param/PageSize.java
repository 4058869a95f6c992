package io.fleetpulse.query.rest.param;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A {@link LimitParam}, when given, is an integer from 1 to {@code fleetpulse.query.max-limit}. */
@Documented
@Constraint(validatedBy = PageSizeValidator.class)
@Target({ PARAMETER, FIELD })
@Retention(RUNTIME)
public @interface PageSize {

    String message() default "must be an integer from 1 to {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
