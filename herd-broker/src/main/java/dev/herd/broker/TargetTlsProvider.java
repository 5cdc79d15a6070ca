package dev.herd.broker;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;

/**
 * Which TLS engine the reference target serves with: OpenSSL (BoringSSL through netty-tcnative) or the JDK's;
 * {@link #AUTO} takes OpenSSL when it loads, so that a TLS connect storm is not held back by the target's own
 * handshakes.
 *
 * <pre>{@code
 * TargetConfig.builder().tlsProvider(TargetTlsProvider.JDK)...
 * }</pre>
 */
public enum TargetTlsProvider {
    AUTO, OPENSSL, JDK;

    /** The name on the command line: {@code auto}, {@code openssl}, {@code jdk}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@link #OPENSSL} or {@link #JDK}: what the target actually uses here. */
    public TargetTlsProvider resolve() {
        return this == AUTO ? (OpenSsl.isAvailable() ? OPENSSL : JDK) : this;
    }

    SslProvider netty() {
        return resolve() == OPENSSL ? SslProvider.OPENSSL : SslProvider.JDK;
    }
}
