package io.fleetpulse.k8s.manifest;

import java.util.List;

/** Manifests that do not parse strictly: each problem names the document and the field. */
public class ManifestException extends RuntimeException {

    private final List<String> problems;

    public ManifestException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
