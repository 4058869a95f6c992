package io.fleetpulse.query.service;

/**
 * One bad input: a query or path {@code parameter}, or a JSON Pointer into the request body ({@code pointer}).
 * Exactly one of them is set.
 */
public record InputError(String parameter, String pointer, String message) {

    public static InputError parameter(String name, String message) {
        return new InputError(name, null, message);
    }

    public static InputError pointer(String pointer, String message) {
        return new InputError(null, pointer, message);
    }
}
