package dev.herd.broker.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed key and certificate for {@code localhost} and {@code 127.0.0.1}, made at test time with the
 * running JDK's {@code keytool} (so no private key is ever committed): the PKCS12 keystore the target serves
 * TLS with, and the certificate exported as PEM for clients to trust.
 *
 * <pre>{@code
 * @TempDir static Path dir;
 * SelfSignedKeystore tls = SelfSignedKeystore.generate(dir);
 * TargetFixture.start(b -> b.tlsKeystore(tls.keystore()).tlsKeystorePassword(tls.password()));
 * }</pre>
 *
 * @param keystore     PKCS12 keystore holding the key pair under alias {@code herd}
 * @param password     the keystore's (and key's) password
 * @param certificate  the certificate alone, PEM ({@code keytool -exportcert -rfc})
 */
public record SelfSignedKeystore(Path keystore, String password, Path certificate) {

    public static final String PASSWORD = "changeit";

    /** Generates {@code target.p12} and {@code target.pem} in {@code dir}; takes a second or two (two JVMs). */
    public static SelfSignedKeystore generate(Path dir) {
        Path keystore = dir.resolve("target.p12");
        Path certificate = dir.resolve("target.pem");
        keytool("-genkeypair", "-alias", "herd", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "herd", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        return new SelfSignedKeystore(keystore, PASSWORD, certificate);
    }

    /** A PKCS12 truststore holding only the certificate, protected by {@code storePassword}; made once per password. */
    public Path truststore(Path dir, String storePassword) {
        Path truststore = dir.resolve("trust-" + storePassword + ".p12");
        if (Files.exists(truststore)) {
            return truststore;
        }
        keytool("-importcert", "-noprompt", "-alias", "herd", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", truststore.toString(), "-storepass", storePassword);
        return truststore;
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // keytool prints a line or two: the pipe never fills, so waiting before reading cannot block it.
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within 60 s: " + command);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed (" + process.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
