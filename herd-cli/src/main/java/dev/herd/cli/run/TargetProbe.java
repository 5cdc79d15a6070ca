package dev.herd.cli.run;

import dev.herd.cli.RunFailedException;
import dev.herd.engine.client.TargetUrl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;

/**
 * Checks before a run that the target accepts TCP connections at all, so "nothing listens there" is a
 * one-line error (exit 3) instead of a run full of refused connections.
 */
public final class TargetProbe {

    private static final int TIMEOUT_MILLIS = 3000;

    private TargetProbe() {
    }

    public static void check(TargetUrl url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.host(), url.port()), TIMEOUT_MILLIS);
        } catch (UnknownHostException e) {
            throw new RunFailedException("target unreachable: " + url + " (unknown host " + url.host() + ")");
        } catch (IOException e) {
            throw new RunFailedException("target unreachable: " + url + " (" + e.getMessage() + ")");
        }
    }
}
