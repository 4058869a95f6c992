package io.fleetpulse.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.fleetpulse.localstack.LocalClients;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Back-to-back uploads through {@link LocalClients#s3} all land: with {@code Expect: 100-continue} about 3 % of them
 * failed against S3Proxy ("Unexpected end of file from server") and the SDK did not retry them.
 */
class EmbeddedS3UploadsTest {

    @Test
    void athousandUploadsInARowAllLand() {
        try (EmbeddedS3 server = EmbeddedS3.start(); S3Client s3 = LocalClients.s3(server.endpoint())) {
            server.createBucket("uploads");
            for (int i = 0; i < 1_000; i++) {
                String key = "dt=2026-12-07/rh=" + (i % 16) + "/object-" + i + ".txt";
                s3.putObject(b -> b.bucket("uploads").key(key), RequestBody.fromString("object " + i + " " + "x".repeat(i % 300)));
            }
            assertThat(s3.getObjectAsBytes(b -> b.bucket("uploads").key("dt=2026-12-07/rh=7/object-999.txt")).asString(StandardCharsets.UTF_8))
                    .startsWith("object 999 ");
            assertThat(s3.listObjectsV2Paginator(b -> b.bucket("uploads")).contents().stream().count()).isEqualTo(1_000);
        }
    }
}
