package io.fleetpulse.k8s.manifest.crd;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * A custom resource fabric8 has no typed model for. Each implementation is a record of exactly the spec fields its
 * CRD documents (the subset Fleetpulse may use), read with unknown properties failing.
 */
public interface CustomResource {

    String apiVersion();

    String kind();

    ObjectMeta metadata();
}
