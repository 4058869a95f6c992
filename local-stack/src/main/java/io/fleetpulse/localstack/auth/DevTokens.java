package io.fleetpulse.localstack.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import io.fleetpulse.model.auth.Roles;

/**
 * The local stack's development token issuer: an RSA key pair kept in a directory (reused when it is already
 * there, so printed tokens survive a restart), the public key as PEM for the services'
 * {@code mp.jwt.verify.publickey.location}, and RS256 tokens for any roles and tenant. Development only: the key
 * never leaves the machine, and production verifies tokens of a real OIDC provider (JWKS URL).
 */
public final class DevTokens {

    public static final String ISSUER = "https://fleetpulse.local/dev";
    public static final String PUBLIC_KEY_FILE = "public-key.pem";
    static final String PRIVATE_KEY_FILE = "private-key.pem";

    private final Path directory;
    private final KeyPair keyPair;
    private final String keyId;

    private DevTokens(Path directory, KeyPair keyPair) {
        this.directory = directory;
        this.keyPair = keyPair;
        this.keyId = "fleetpulse-dev-" + Integer.toHexString(keyPair.getPublic().hashCode());
    }

    /** Loads the key pair from {@code directory}, or creates one there. */
    public static DevTokens open(Path directory) {
        try {
            Files.createDirectories(directory);
            Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
            KeyPair keyPair = Files.exists(privateFile) ? load(privateFile) : generate(privateFile);
            Files.writeString(directory.resolve(PUBLIC_KEY_FILE),
                    pem("PUBLIC KEY", keyPair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            return new DevTokens(directory, keyPair);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the development JWT keys in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable development JWT key in " + directory + ": delete it to start afresh", e);
        }
    }

    /** Where the services read the public key (PEM). */
    public Path publicKeyFile() {
        return directory.resolve(PUBLIC_KEY_FILE);
    }

    public Path directory() {
        return directory;
    }

    /**
     * A signed token: issuer {@link #ISSUER}, the roles as MicroProfile JWT {@code groups}, and, when {@code isp}
     * is not null, the tenant claim {@link Roles#ISP_CLAIM}.
     */
    public String mint(String subject, Collection<String> roles, String isp, Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setJwtId(UUID.randomUUID().toString());
        long now = System.currentTimeMillis() / 1000;
        long expires = now + lifetime.toSeconds();
        // an already expired token (for tests) was issued an hour before it expired
        claims.setIssuedAt(NumericDate.fromSeconds(lifetime.isNegative() ? expires - 3600 : now));
        claims.setExpirationTime(NumericDate.fromSeconds(expires));
        claims.setStringListClaim("groups", List.copyOf(roles));
        if (isp != null) {
            claims.setClaim(Roles.ISP_CLAIM, isp);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keyPair.getPrivate());
        jws.setKeyIdHeaderValue(keyId);
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    private static KeyPair generate(Path privateFile) throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keyPair = generator.generateKeyPair();
        Files.writeString(privateFile, pem("PRIVATE KEY", keyPair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions apply
        }
        return keyPair;
    }

    private static KeyPair load(Path privateFile) throws GeneralSecurityException, IOException {
        String body = Files.readString(privateFile, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        KeyFactory factory = KeyFactory.getInstance("RSA");
        PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
        PublicKey publicKey = factory.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        return new KeyPair(publicKey, privateKey);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
