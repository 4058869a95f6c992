package io.fleetpulse.localstack.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fleetpulse.model.auth.Roles;

class DevTokensTest {

    @TempDir
    Path dir;

    @Test
    void tokensVerifyAgainstThePublishedPublicKeyAndCarryRolesAndTenant() throws Exception {
        DevTokens tokens = DevTokens.open(dir);
        String token = tokens.mint("router-fleet-a", List.of(Roles.RESULTS_WRITE, Roles.RESULTS_READ), "acme-net", Duration.ofMinutes(5));

        JwtClaims claims = consumer(tokens.publicKeyFile()).processToClaims(token);
        assertThat(claims.getIssuer()).isEqualTo(DevTokens.ISSUER);
        assertThat(claims.getSubject()).isEqualTo("router-fleet-a");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly(Roles.RESULTS_WRITE, Roles.RESULTS_READ);
        assertThat(claims.getStringClaimValue(Roles.ISP_CLAIM)).isEqualTo("acme-net");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(300L);
    }

    @Test
    void withoutATenantTheTokenHasNoIspClaim() throws Exception {
        DevTokens tokens = DevTokens.open(dir);
        JwtClaims claims = consumer(tokens.publicKeyFile()).processToClaims(tokens.mint("ops", List.of(Roles.ADMIN), null, Duration.ofHours(1)));
        assertThat(claims.hasClaim(Roles.ISP_CLAIM)).isFalse();
    }

    @Test
    void reopeningTheDirectoryKeepsTheKeySoEarlierTokensStayValid() throws Exception {
        String before = DevTokens.open(dir).mint("a", List.of(Roles.RESULTS_READ), null, Duration.ofHours(1));
        DevTokens reopened = DevTokens.open(dir);
        assertThat(consumer(reopened.publicKeyFile()).processToClaims(before).getSubject()).isEqualTo("a");
        assertThat(Files.getPosixFilePermissions(dir.resolve(DevTokens.PRIVATE_KEY_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void anotherDirectorysKeyDoesNotVerify(@TempDir Path other) throws Exception {
        String foreign = DevTokens.open(other).mint("a", List.of(Roles.RESULTS_READ), null, Duration.ofHours(1));
        JwtConsumer consumer = consumer(DevTokens.open(dir).publicKeyFile());
        assertThatThrownBy(() -> consumer.processToClaims(foreign)).isInstanceOf(InvalidJwtException.class);
    }

    private static JwtConsumer consumer(Path publicKeyPem) throws Exception {
        String body = Files.readString(publicKeyPem).replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        return new JwtConsumerBuilder().setVerificationKey(key).setExpectedIssuer(DevTokens.ISSUER).setRequireExpirationTime().build();
    }
}
