package dev.herd.engine.scenario.reconnectstorm;

import dev.herd.engine.scenario.PhaseFigures;

/**
 * The {@code tls} part of summary.json's {@code reconnect_storm} section: the TLS handshakes from the disruption (t0)
 * to the end of the observation, resumed against full, and what the process spent meanwhile. With resumption on
 * (the default) the clients that come back resume their sessions; {@code --no-tls-resume} makes every one full, which
 * is what a storm costs the target without resumption (and, in the section's {@code cpu_ms}, herd).
 *
 * @param resume whether clients resumed their sessions ({@code --no-tls-resume} turns it off)
 * @param full full handshakes (the server's certificate sent and verified)
 * @param resumed handshakes that resumed the client's previous session
 * @param handshakeFull the TLS phase of the full ones, ms
 * @param handshakeResumed the TLS phase of the resumed ones, ms
 */
public record ReconnectStormTls(boolean resume, long full, long resumed, PhaseFigures handshakeFull,
                                PhaseFigures handshakeResumed) {
}
