package dev.herd.engine.tls;

import javax.net.ssl.SSLSession;

/**
 * What a completed client handshake was: full or resumed, and its protocol version. Read once, on the connection's
 * event loop, when the handshake is done.
 *
 * <pre>{@code
 * SSLSession s = sslHandler.engine().getSession();
 * boolean full = TlsHandshake.full(s);           // false: the previous session was resumed
 * TlsVersion v = TlsHandshake.version(s);
 * }</pre>
 */
public final class TlsHandshake {

    private TlsHandshake() {
    }

    /**
     * True when the server's certificate was verified in this handshake (a full handshake), false when the session
     * was resumed; reads and removes {@link HandshakeTrustManager}'s mark, so that a resumed copy of this session
     * (which shares its values) does not carry it into the next handshake.
     */
    public static boolean full(SSLSession session) {
        if (session.getValue(HandshakeTrustManager.FULL_HANDSHAKE) == null) {
            return false;
        }
        session.removeValue(HandshakeTrustManager.FULL_HANDSHAKE);
        return true;
    }

    /** The negotiated version. */
    public static TlsVersion version(SSLSession session) {
        return TlsVersion.of(session.getProtocol());
    }
}
