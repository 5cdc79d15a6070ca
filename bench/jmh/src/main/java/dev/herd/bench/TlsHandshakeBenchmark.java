package dev.herd.bench;

import dev.herd.engine.client.TrustMaterial;
import dev.herd.engine.tls.ClientTls;
import dev.herd.engine.tls.TlsHandshake;
import dev.herd.engine.tls.TlsOptions;
import dev.herd.engine.tls.TlsProvider;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * herd's CPU per TLS handshake: one client handshake as herd makes it (its {@link ClientTls}: the chosen engine,
 * herd's trust manager verifying the chain and host name, its session keys), against a server engine with OpenSSL as
 * herd's reference target serves, both in memory on one thread. Full handshakes, and resumed ones (the client's own
 * previous session), in TLS 1.3 and 1.2, with OpenSSL and with the JDK on herd's side; each followed by an
 * upgrade-sized request and answer (the server's TLS 1.3 session tickets come with its first write).
 *
 * <pre>{@code
 * bench/jmh.sh TlsHandshakeBenchmark
 * }</pre>
 *
 * <p>The primary score is the wall time of a whole handshake, both sides. What herd spends is in the auxiliary
 * counters: {@code clientCpuNanos} and {@code serverCpuNanos}, the thread CPU time spent in the client's and the
 * server's engine calls (delegated tasks included), summed over an iteration, and {@code handshakes}, their count:
 * herd's CPU per handshake is {@code clientCpuNanos / handshakes}. Thread CPU time does not count what other processes
 * take from the core, so it holds on a shared machine where the wall time does not. The certificate is a P-256 one
 * made by keytool at setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class TlsHandshakeBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int RESUMED_SESSION_KEY = 70_000;
    private static final byte[] UPGRADE_REQUEST = ("GET /ws/topic-0 HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] UPGRADE_RESPONSE = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Param({"openssl", "jdk"})
    String provider;

    @Param({"full", "resumed"})
    String handshake;

    @Param({"TLSv1.3", "TLSv1.2"})
    String version;

    private SslContext server;
    private ClientTls client;
    private SslContext clientContext;
    private int nextFullKey = 100_000;
    private final ByteBuffer clientToServer = ByteBuffer.allocateDirect(64 * 1024);
    private final ByteBuffer serverToClient = ByteBuffer.allocateDirect(64 * 1024);
    private final ByteBuffer application = ByteBuffer.allocateDirect(64 * 1024);
    private final ByteBuffer empty = ByteBuffer.allocate(0);

    /** Thread CPU spent in each side's engine, and the handshakes made; JMH sums them over an iteration. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Cost {
        public long clientCpuNanos;
        public long serverCpuNanos;
        public long handshakes;

        @Setup(Level.Iteration)
        public void reset() {
            clientCpuNanos = 0;
            serverCpuNanos = 0;
            handshakes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("herd-tls-bench");
        Path keystore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "herd", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "herd", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        server = SslContextBuilder.forServer((PrivateKey) store.getKey("herd", "changeit".toCharArray()),
                (X509Certificate) store.getCertificate("herd")).sslProvider(SslProvider.OPENSSL)
                .protocols(version).build();
        ((OpenSslSessionContext) server.sessionContext()).setTicketKeys();
        client = new ClientTls(TlsOptions.defaults().withProvider(TlsProvider.of(provider))
                .withVersions(List.of(version)), TrustMaterial.load(certificate, null), false, 16);
        clientContext = client.contextFor(name -> null);
        if (handshake.equals("resumed")) {
            // The client's first connection: a full handshake whose session every operation then resumes.
            if (!shake(RESUMED_SESSION_KEY, new Cost())) {
                throw new IllegalStateException("the first handshake was not full");
            }
        }
    }

    @Benchmark
    public boolean handshake(Cost cost) throws SSLException {
        int key = handshake.equals("resumed") ? RESUMED_SESSION_KEY : nextFullKey++;
        boolean full = shake(key, cost);
        if (full != handshake.equals("full")) {
            throw new IllegalStateException("expected a " + handshake + " handshake");
        }
        return full;
    }

    /** One handshake to completion, the server's session tickets delivered after it; true when it was full. */
    private boolean shake(int sessionKey, Cost cost) throws SSLException {
        SSLEngine c = client.newHandler(clientContext, ByteBufAllocator.DEFAULT, "localhost", sessionKey).engine();
        SSLEngine s = server.newEngine(ByteBufAllocator.DEFAULT);
        try {
            long t = cpu();
            c.beginHandshake();
            cost.clientCpuNanos += cpu() - t;
            t = cpu();
            s.beginHandshake();
            cost.serverCpuNanos += cpu() - t;
            // Rounds until neither side has anything to say; the server's tickets come after its handshake is done.
            for (int round = 0; round < 20; round++) {
                t = cpu();
                boolean clientSpoke = step(c, serverToClient, clientToServer);
                cost.clientCpuNanos += cpu() - t;
                t = cpu();
                boolean serverSpoke = step(s, clientToServer, serverToClient);
                cost.serverCpuNanos += cpu() - t;
                if (!clientSpoke && !serverSpoke && done(c) && done(s)) {
                    break;
                }
            }
            if (!done(c) || !done(s)) {
                throw new IllegalStateException("the handshake did not complete: client " + c.getHandshakeStatus()
                        + ", server " + s.getHandshakeStatus());
            }
            // Read as herd reads it, when the handshake is done (before the session tickets arrive).
            boolean full = TlsHandshake.full(c.getSession());
            // A request and its answer, as the WebSocket upgrade: BoringSSL sends its TLS 1.3 session tickets with
            // its first write, so only then can the client resume next time.
            t = cpu();
            send(c, UPGRADE_REQUEST, clientToServer);
            cost.clientCpuNanos += cpu() - t;
            t = cpu();
            step(s, clientToServer, serverToClient);
            send(s, UPGRADE_RESPONSE, serverToClient);
            cost.serverCpuNanos += cpu() - t;
            t = cpu();
            step(c, serverToClient, clientToServer);
            cost.clientCpuNanos += cpu() - t;
            cost.handshakes++;
            return full;
        } finally {
            ReferenceCountUtil.release(c);
            ReferenceCountUtil.release(s);
            clientToServer.clear();
            serverToClient.clear();
        }
    }

    /** Reads what the peer sent in {@code in}, then writes what this side has to say to {@code out}. */
    private boolean step(SSLEngine engine, ByteBuffer in, ByteBuffer out) throws SSLException {
        in.flip();
        while (in.hasRemaining()) {
            application.clear();
            SSLEngineResult r = engine.unwrap(in, application);
            runTasks(engine);
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                break;
            }
        }
        in.compact();
        int before = out.position();
        for (int i = 0; i < 8; i++) {
            SSLEngineResult r = engine.wrap(empty, out);
            runTasks(engine);
            if (r.bytesProduced() == 0) {
                break;
            }
        }
        return out.position() > before;
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static boolean done(SSLEngine engine) {
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        return status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                || status == SSLEngineResult.HandshakeStatus.FINISHED;
    }

    private void send(SSLEngine engine, byte[] data, ByteBuffer out) throws SSLException {
        engine.wrap(ByteBuffer.wrap(data), out);
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(output));
        }
    }
}
