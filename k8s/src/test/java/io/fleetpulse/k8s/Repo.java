package io.fleetpulse.k8s;

import java.nio.file.Path;

/** Paths of the repository, from the module's build (system property fleetpulse.root) or the working directory. */
final class Repo {

    private Repo() {
    }

    static Path root() {
        return Path.of(System.getProperty("fleetpulse.root", "..")).toAbsolutePath().normalize();
    }

    static Path k8s() {
        return root().resolve("k8s");
    }

    static Path overlay(String name) {
        return k8s().resolve("overlays").resolve(name);
    }
}
