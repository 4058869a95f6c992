package io.fleetpulse.query.service;

import java.util.List;

/** The request cannot be answered as asked; the HTTP layer answers 400 naming every offending input. */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<InputError> errors;

    public InvalidInputException(List<InputError> errors) {
        super(summary(errors), null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid input needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException parameter(String name, String message) {
        return new InvalidInputException(List.of(InputError.parameter(name, message)));
    }

    public List<InputError> errors() {
        return errors;
    }

    private static String summary(List<InputError> errors) {
        StringBuilder text = new StringBuilder();
        for (InputError error : errors) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(error.parameter() != null ? error.parameter() : error.pointer()).append(' ').append(error.message());
        }
        return text.toString();
    }
}
