package dev.herd.engine.transport;

import dev.herd.engine.client.TargetUrl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The source addresses herd uses by default towards a target on IPv4 loopback: 127.0.0.2 to 127.0.0.9, in turn.
 * Linux finds a free ephemeral port for a connect by searching the ports already used towards the same destination,
 * which slows down as tens of thousands are taken; spread over eight source addresses the search stays short
 * (bench/connect-rate.sh: about a third more connections per second at 15,000). Linux routes all of 127.0.0.0/8 to
 * loopback; elsewhere (or towards any other target) the system chooses, as it does with {@code --source-address none}.
 */
public final class LoopbackSources {

    private static final int FIRST = 2;
    private static final int COUNT = 8;

    private LoopbackSources() {
    }

    /** The source addresses towards {@code url}: eight loopback addresses in turn, or none (the system chooses). */
    public static List<InetAddress> forTarget(TargetUrl url) {
        if (!isIpv4Loopback(url.host()) || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return List.of();
        }
        List<InetAddress> sources = new ArrayList<>(COUNT);
        for (int i = FIRST; i < FIRST + COUNT; i++) {
            try {
                sources.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return sources;
    }

    private static boolean isIpv4Loopback(String host) {
        String[] octets = host.split("\\.");
        return octets.length == 4 && octets[0].equals("127")
                && host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }
}
