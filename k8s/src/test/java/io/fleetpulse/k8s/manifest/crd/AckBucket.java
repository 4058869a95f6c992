package io.fleetpulse.k8s.manifest.crd;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/** AWS Controllers for Kubernetes {@code s3.services.k8s.aws/v1alpha1 Bucket} (spec fields of the ACK CRD that we use). */
public record AckBucket(String apiVersion, String kind, ObjectMeta metadata, Spec spec) implements CustomResource {

    public static final String API_VERSION = "s3.services.k8s.aws/v1alpha1";

    public AckBucket {
        Objects.requireNonNull(spec, "spec");
    }

    public record Spec(String name, PublicAccessBlock publicAccessBlock, OwnershipControls ownershipControls,
                       Encryption encryption, Versioning versioning, Lifecycle lifecycle, Tagging tagging) {
        public Spec {
            Objects.requireNonNull(name, "spec.name");
        }
    }

    public record PublicAccessBlock(Boolean blockPublicACLs, Boolean blockPublicPolicy, Boolean ignorePublicACLs,
                                    Boolean restrictPublicBuckets) {
    }

    public record OwnershipControls(List<OwnershipRule> rules) {
    }

    public record OwnershipRule(String objectOwnership) {
    }

    public record Encryption(List<EncryptionRule> rules) {
    }

    public record EncryptionRule(DefaultEncryption applyServerSideEncryptionByDefault, Boolean bucketKeyEnabled) {
    }

    public record DefaultEncryption(String sseAlgorithm, String kmsMasterKeyID) {
    }

    public record Versioning(String status) {
    }

    public record Lifecycle(List<LifecycleRule> rules) {
    }

    public record LifecycleRule(String id, String status, LifecycleFilter filter, Expiration expiration,
                                NoncurrentVersionExpiration noncurrentVersionExpiration,
                                AbortIncompleteMultipartUpload abortIncompleteMultipartUpload) {
    }

    public record NoncurrentVersionExpiration(Long noncurrentDays) {
    }

    public record LifecycleFilter(String prefix) {
    }

    public record Expiration(Long days, Boolean expiredObjectDeleteMarker) {
    }

    public record AbortIncompleteMultipartUpload(Long daysAfterInitiation) {
    }

    public record Tagging(List<Tag> tagSet) {
    }

    public record Tag(String key, String value) {
    }
}
