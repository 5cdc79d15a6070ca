package dev.herd.engine.ws;

import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The nonce of a WebSocket upgrade ({@code Sec-WebSocket-Key}: 16 random bytes in base64) and the
 * {@code Sec-WebSocket-Accept} a server must answer it with (RFC 6455 §4.1, §4.2.2): base64 of the SHA-1 of the key
 * followed by the protocol's GUID.
 *
 * <pre>{@code
 * String key = WsUpgradeKey.newKey();
 * boolean ok = WsUpgradeKey.acceptFor(key).equals(acceptHeaderValue);
 * }</pre>
 */
final class WsUpgradeKey {

    private static final byte[] GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(StandardCharsets.US_ASCII);

    /** One digest per event loop thread: SHA-1 of a key is made once per connection attempt. */
    private static final FastThreadLocal<MessageDigest> SHA1 = new FastThreadLocal<>() {
        @Override
        protected MessageDigest initialValue() throws NoSuchAlgorithmException {
            return MessageDigest.getInstance("SHA-1");
        }
    };

    private WsUpgradeKey() {
    }

    /**
     * A fresh key. The RFC asks for a nonce "randomly selected"; it guards against caches and confused servers, not
     * attackers, so the thread's fast generator serves.
     */
    static String newKey() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The {@code Sec-WebSocket-Accept} value a server must send for {@code key}. */
    static String acceptFor(String key) {
        MessageDigest sha1 = SHA1.get();
        sha1.reset();
        sha1.update(key.getBytes(StandardCharsets.US_ASCII));
        sha1.update(GUID);
        return Base64.getEncoder().encodeToString(sha1.digest());
    }
}
