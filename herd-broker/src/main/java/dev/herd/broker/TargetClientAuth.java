package dev.herd.broker;

import io.netty.handler.ssl.ClientAuth;
import java.util.Locale;

/**
 * Whether the reference target asks TLS clients for a certificate (mutual TLS): {@link #NONE} (the default),
 * {@link #OPTIONAL} (asks, and accepts clients without one), {@link #REQUIRE} (refuses clients without a certificate
 * its {@code tlsClientCa} vouches for).
 */
public enum TargetClientAuth {
    NONE, OPTIONAL, REQUIRE;

    /** The name on the command line: {@code none}, {@code optional}, {@code require}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    ClientAuth netty() {
        return switch (this) {
            case NONE -> ClientAuth.NONE;
            case OPTIONAL -> ClientAuth.OPTIONAL;
            case REQUIRE -> ClientAuth.REQUIRE;
        };
    }
}
