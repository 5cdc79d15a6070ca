package dev.herd.engine.tls;

import dev.herd.engine.result.HistogramSummary;
import java.util.Map;

/**
 * summary.json's {@code tls} section, beside the common keys of a run whose clients connect over {@code wss://} or
 * {@code https://}: which TLS engine they used and what their handshakes were. Counts are the subscribers' (as
 * {@code connect.tls} is); publishers are herd's plumbing.
 *
 * @param provider {@code openssl} or {@code jdk}
 * @param library what the provider is ({@code BoringSSL}, {@code SunJSSE 17})
 * @param resume whether clients resumed their sessions on reconnect ({@code --no-tls-resume} turns it off)
 * @param versions handshakes by negotiated version ({@code TLSv1.3}, {@code TLSv1.2})
 * @param full handshakes in which the server's certificate was sent and verified
 * @param resumed handshakes that resumed the client's previous session (ticket or id), no certificate
 * @param handshake the TLS phase of each kind, in ms
 */
public record TlsSection(String provider, String library, boolean resume, Map<String, Long> versions, long full,
                         long resumed, Handshakes handshake) {

    public TlsSection {
        versions = Map.copyOf(versions);
    }

    /**
     * The TLS phase ({@code connect.tls}) split by kind: a resumed handshake skips the certificate and its
     * verification, so it is shorter and cheaper for both sides.
     */
    public record Handshakes(HistogramSummary full, HistogramSummary resumed) {
    }
}
