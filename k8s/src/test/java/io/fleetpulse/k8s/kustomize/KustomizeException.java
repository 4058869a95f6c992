package io.fleetpulse.k8s.kustomize;

/** A kustomization that cannot be rendered (or uses a feature this renderer does not implement). */
public class KustomizeException extends RuntimeException {

    public KustomizeException(String message) {
        super(message);
    }

    public KustomizeException(String message, Throwable cause) {
        super(message, cause);
    }
}
