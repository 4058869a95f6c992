package io.fleetpulse.kit.param;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** Checks {@link WellFormed}: reports the parameter's own problem, or that a required one is missing. */
public class WellFormedValidator implements ConstraintValidator<WellFormed, ParsedParameter> {

    static final String REQUIRED = "is required";

    private boolean required;

    @Override
    public void initialize(WellFormed annotation) {
        required = annotation.required();
    }

    @Override
    public boolean isValid(ParsedParameter value, ConstraintValidatorContext context) {
        String problem;
        if (value == null || value.absent()) {
            problem = required ? REQUIRED : null;
        } else {
            problem = value.problem();
        }
        if (problem == null) {
            return true;
        }
        // a message parameter is inserted as it is: a problem that quotes a pattern ({0,63}) is not interpolated
        context.disableDefaultConstraintViolation();
        context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("problem", problem)
                .buildConstraintViolationWithTemplate("{problem}").addConstraintViolation();
        return false;
    }
}
