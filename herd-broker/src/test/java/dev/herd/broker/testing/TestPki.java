package dev.herd.broker.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small certificate authority for TLS tests, made at test time with the running JDK's {@code keytool} (no private
 * key is ever committed): a CA, server certificates it signed (good, expired, for another host name), client
 * certificates it signed (good, expired) and one a second CA signed (a stranger to the first). Made once per test
 * JVM, in one extra JVM that runs every keytool command ({@link KeytoolBatch}), in a few seconds.
 *
 * <pre>{@code
 * TestPki pki = TestPki.shared();
 * TargetFixture.start(b -> b.tlsKeystore(pki.server().keystore()).tlsKeystorePassword(pki.server().password())
 *         .tlsClientAuth(TargetClientAuth.REQUIRE).tlsClientCa(pki.caCertificate()));
 * // clients: --trust-cert pki.caCertificate(), --client-cert pki.client().certificate() --client-key pki.client().key()
 * }</pre>
 */
public final class TestPki {

    public static final String PASSWORD = "changeit";
    private static TestPki shared;

    /**
     * A server's PKCS12 keystore (key and chain: its certificate, then the CA's) and its certificate alone (PEM).
     */
    public record ServerFiles(Path keystore, String password, Path certificate) {
    }

    /**
     * A client's certificate chain (PEM: its own, then the CA's), its key (PEM PKCS#8), both in one PEM file, and
     * both in a PKCS12 store opened by {@code password}.
     */
    public record ClientFiles(Path certificate, Path key, Path combined, Path pkcs12, String password) {
    }

    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    /** The one of this JVM, made on first use in a temporary directory removed when the JVM ends. */
    public static synchronized TestPki shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("herd-test-pki");
                shared = generate(dir);
                dir.toFile().deleteOnExit();
                try (var files = Files.list(dir)) {
                    files.forEach(f -> f.toFile().deleteOnExit());
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot make the test certificates: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    /** Makes every file in {@code dir}. */
    public static TestPki generate(Path dir) {
        List<String> commands = new ArrayList<>();
        ca(commands, dir, "ca", "herd test CA");
        ca(commands, dir, "other-ca", "another test CA");
        leaf(commands, dir, "server", "ca", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1", "EKU=serverAuth", false);
        leaf(commands, dir, "server-expired", "ca", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1", "EKU=serverAuth",
                true);
        leaf(commands, dir, "server-wrong-host", "ca", "CN=elsewhere.test", "SAN=dns:elsewhere.test", "EKU=serverAuth",
                false);
        leaf(commands, dir, "client", "ca", "CN=herd client", null, "EKU=clientAuth", false);
        leaf(commands, dir, "client-expired", "ca", "CN=herd expired client", null, "EKU=clientAuth", true);
        leaf(commands, dir, "client-stranger", "other-ca", "CN=herd stranger", null, "EKU=clientAuth", false);
        runKeytool(commands);
        TestPki pki = new TestPki(dir);
        for (String server : List.of("server", "server-expired", "server-wrong-host")) {
            pki.assemble(server, "ca");
        }
        pki.assemble("client", "ca");
        pki.assemble("client-expired", "ca");
        pki.assemble("client-stranger", "other-ca");
        return pki;
    }

    /** The CA certificate (PEM): what clients trust ({@code --trust-cert}) and the target's client CA. */
    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    /** The second CA's certificate (PEM), which signed {@link #strangerClient()}. */
    public Path otherCaCertificate() {
        return dir.resolve("other-ca.pem");
    }

    /** For {@code localhost} and {@code 127.0.0.1}, valid for 30 days. */
    public ServerFiles server() {
        return serverFiles("server");
    }

    /** For {@code localhost} and {@code 127.0.0.1}, expired two days ago. */
    public ServerFiles expiredServer() {
        return serverFiles("server-expired");
    }

    /** For {@code elsewhere.test} only. */
    public ServerFiles wrongHostServer() {
        return serverFiles("server-wrong-host");
    }

    /** Signed by the CA, valid for 30 days. */
    public ClientFiles client() {
        return clientFiles("client");
    }

    /** Signed by the CA, expired two days ago. */
    public ClientFiles expiredClient() {
        return clientFiles("client-expired");
    }

    /** Valid, but signed by the other CA. */
    public ClientFiles strangerClient() {
        return clientFiles("client-stranger");
    }

    private ServerFiles serverFiles(String name) {
        return new ServerFiles(dir.resolve(name + ".p12"), PASSWORD, dir.resolve(name + "-cert.pem"));
    }

    private ClientFiles clientFiles(String name) {
        return new ClientFiles(dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"),
                dir.resolve(name + "-combined.pem"), dir.resolve(name + ".p12"), PASSWORD);
    }

    private static void ca(List<String> commands, Path dir, String name, String commonName) {
        add(commands, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + commonName, "-ext", "bc:c", "-ext", "KU=keyCertSign,cRLSign", "-validity", "30",
                "-storetype", "PKCS12", "-keystore", dir.resolve(name + "-key.p12").toString(), "-storepass", PASSWORD);
        add(commands, "-exportcert", "-rfc", "-alias", "ca", "-keystore", dir.resolve(name + "-key.p12").toString(),
                "-storepass", PASSWORD, "-file", dir.resolve(name + ".pem").toString());
    }

    private static void leaf(List<String> commands, Path dir, String name, String ca, String dname, String san,
                             String eku, boolean expired) {
        String keys = dir.resolve(name + "-key.p12").toString();
        add(commands, "-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "30", "-storetype", "PKCS12", "-keystore", keys, "-storepass", PASSWORD);
        add(commands, "-certreq", "-alias", "leaf", "-keystore", keys, "-storepass", PASSWORD,
                "-file", dir.resolve(name + ".csr").toString());
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca",
                "-keystore", dir.resolve(ca + "-key.p12").toString(), "-storepass", PASSWORD,
                "-infile", dir.resolve(name + ".csr").toString(), "-outfile", dir.resolve(name + "-cert.pem").toString(),
                "-ext", eku));
        if (san != null) {
            sign.addAll(List.of("-ext", san));
        }
        // Valid for one day from three days ago: expired two days ago.
        sign.addAll(expired ? List.of("-startdate", "-3d", "-validity", "1") : List.of("-validity", "30"));
        add(commands, sign.toArray(new String[0]));
    }

    private static void add(List<String> commands, String... command) {
        if (!commands.isEmpty()) {
            commands.add(KeytoolBatch.NEXT);
        }
        commands.addAll(List.of(command));
    }

    /** The signed certificate with the CA's after it, as a keystore, a PEM chain, a PEM key and both in one PEM. */
    private void assemble(String name, String ca) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve(name + "-key.p12"))) {
                keys.load(in, PASSWORD.toCharArray());
            }
            PrivateKey key = (PrivateKey) keys.getKey("leaf", PASSWORD.toCharArray());
            X509Certificate[] chain = {certificate(dir.resolve(name + "-cert.pem")), certificate(dir.resolve(ca + ".pem"))};
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("herd", key, PASSWORD.toCharArray(), chain);
            try (OutputStream out = Files.newOutputStream(dir.resolve(name + ".p12"))) {
                store.store(out, PASSWORD.toCharArray());
            }
            String pemChain = pem("CERTIFICATE", chain[0].getEncoded()) + pem("CERTIFICATE", chain[1].getEncoded());
            String pemKey = pem("PRIVATE KEY", key.getEncoded());
            Files.writeString(dir.resolve(name + ".pem"), pemChain);
            Files.writeString(dir.resolve(name + "-key.pem"), pemKey);
            Files.writeString(dir.resolve(name + "-combined.pem"), pemChain + pemKey);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot assemble " + name + ": " + e.getMessage(), e);
        }
    }

    /** PEM text of a DER block, 64 characters a line. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static X509Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
        Certificate c = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
        return (X509Certificate) c;
    }

    private static void runKeytool(List<String> commands) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "--add-exports", "java.base/sun.security.tools.keytool=ALL-UNNAMED",
                "-cp", classPathOf(KeytoolBatch.class), KeytoolBatch.class.getName()));
        command.addAll(commands);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // keytool prints a few lines per command; read them as they come so the pipe never fills.
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed (" + process.exitValue() + "): "
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }

    private static String classPathOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
