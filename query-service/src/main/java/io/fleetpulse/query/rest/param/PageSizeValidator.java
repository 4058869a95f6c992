package io.fleetpulse.query.rest.param;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

import io.fleetpulse.query.config.QueryConfig;

/**
 * Checks {@link PageSize} against the configured largest page. The configuration is looked up when a value is checked:
 * Quarkus builds the validator factory, and its validators, before the run-time configuration is there.
 */
@Singleton
public class PageSizeValidator implements ConstraintValidator<PageSize, LimitParam> {

    private final Provider<QueryConfig> config;

    public PageSizeValidator(Provider<QueryConfig> config) {
        this.config = config;
    }

    @Override
    public boolean isValid(LimitParam limit, ConstraintValidatorContext context) {
        int maxLimit = config.get().query().maxLimit();
        if (limit == null || limit.absent() || limit.value() != null && limit.value() >= 1 && limit.value() <= maxLimit) {
            return true;
        }
        context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("max", maxLimit);
        return false;
    }
}
