package dev.herd.broker.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The ways a {@link MisbehavingServer} breaks the rules, one per server. Each answers a request head it has read;
 * the WebSocket ones break RFC 6455, the SSE ones the WHATWG event stream or HTTP/1.1's framing.
 */
public enum Misbehaviour {
    /** A 101 whose {@code Sec-WebSocket-Accept} does not match the key (RFC 6455 §4.1). */
    WRONG_ACCEPT(c -> c.upgradeWithAccept("dGhlIHNhbXBsZSBub25jZQ==")),
    /** The upgrade refused with 403. */
    UPGRADE_403(c -> c.text("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")),
    /** The upgrade answered with 503. */
    UPGRADE_503(c -> c.text("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n")),
    /** The upgrade redirected elsewhere (3xx): clients do not follow redirects on an upgrade. */
    UPGRADE_302(c -> c.text("HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n")),
    /** Accepts TCP, reads the request, never answers. */
    SILENT(c -> {
    }),
    /** Reads the request and closes without a word. */
    CLOSE_WITHOUT_RESPONSE(MisbehavingConnection::close),
    /** A response header line that never ends. */
    ENDLESS_HEADERS(c -> {
        c.text("HTTP/1.1 101 Switching Protocols\r\nX-Filler: ");
        c.stream(k -> filler(64 * 1024));
    }),
    /** Thousands of short response headers, far beyond any sane head (a thousand to a write, so it comes fast). */
    MANY_HEADERS(c -> {
        c.text("HTTP/1.1 101 Switching Protocols\r\n");
        c.stream(k -> {
            StringBuilder lines = new StringBuilder();
            for (int h = 0; h < 1000; h++) {
                lines.append("X-H").append(k * 1000 + h).append(": v\r\n");
            }
            return lines.toString().getBytes(StandardCharsets.ISO_8859_1);
        });
    }),
    /** Upgrades, starts a 100-byte text frame, sends 10 bytes of it and resets the connection. */
    RST_MID_FRAME(c -> {
        byte[] frame = WsFrames.frame(0x81, filler(100), false);
        c.upgrade().bytes(Arrays.copyOf(frame, 12));
        c.reset();
    }),
    /** Upgrades, then a frame header claiming 2^62 payload bytes. */
    FRAME_LENGTH_2_62(c -> c.upgrade().bytes(WsFrames.headerOnly(0x81, 1L << 62))),
    /** Upgrades, then a valid text frame of 2 MiB: beyond herd's default largest message. */
    OVERSIZED_FRAME(c -> c.upgrade().frame(0x81, filler(2 << 20), false)),
    /** Upgrades, then a text message of continuation frames that never ends. */
    ENDLESS_FRAGMENTS(c -> {
        c.upgrade().frame(0x01, filler(1024), false);
        c.stream(k -> WsFrames.frame(0x00, filler(16 * 1024), false));
    }),
    /** Upgrades, then a text frame with RSV1 set although no extension was negotiated. */
    RESERVED_BITS(c -> c.upgrade().frame(0xC1, ascii("hello"), false)),
    /** Upgrades, then a data frame with the reserved opcode 3. */
    RESERVED_OPCODE(c -> c.upgrade().frame(0x83, ascii("hello"), false)),
    /** Upgrades, then a masked frame: servers must not mask (RFC 6455 §5.1). */
    MASKED_FRAME(c -> c.upgrade().frame(0x81, ascii("hello"), true)),
    /** Upgrades, then a ping with FIN clear: control frames must not be fragmented. */
    FRAGMENTED_CONTROL(c -> c.upgrade().frame(0x09, new byte[0], false)),
    /** Upgrades, then a text frame whose payload is not UTF-8. */
    INVALID_UTF8(c -> c.upgrade().frame(0x81, new byte[] {(byte) 0xC3, 0x28}, false)),
    /** Upgrades, then a close frame with status code 999, which no one may send. */
    INVALID_CLOSE_CODE(c -> c.upgrade().frame(0x88, new byte[] {0x03, (byte) 0xE7}, false)),
    /** Upgrades, then shuts its output down (FIN) without a close frame, and stays otherwise open. */
    HALF_CLOSE(c -> {
        c.upgrade();
        c.halfClose();
    }),
    /** Upgrades, then sends small valid text frames as fast as the client reads. */
    FLOOD(c -> {
        c.upgrade();
        byte[] frame = WsFrames.frame(0x81, ascii("flood flood flood flood flood flood"), false);
        byte[] many = repeat(frame, 2048);
        c.stream(k -> many);
    }),
    /** Upgrades, then stops reading: whatever the client writes stays in the socket buffers. */
    UPGRADE_THEN_DEAF(c -> {
        c.upgrade();
        c.stopReading();
    }),
    /** An SSE request answered 200 with {@code text/html}. */
    SSE_WRONG_CONTENT_TYPE(c -> c.text("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n"
            + "<html></html>")),
    /** An SSE stream in chunked encoding whose second chunk size is not hexadecimal. */
    SSE_BAD_CHUNK(c -> c.text(Heads.SSE_CHUNKED + "9\r\ndata: x\n\n\r\nzz\r\ndata: y\n\n\r\n")),
    /** An SSE stream whose first line never ends. */
    SSE_ENDLESS_LINE(c -> {
        c.text(Heads.SSE + "data: ");
        c.stream(k -> filler(64 * 1024));
    }),
    /** An SSE stream of data lines that never reach the blank line ending the event. */
    SSE_ENDLESS_EVENT(c -> {
        c.text(Heads.SSE);
        byte[] lines = repeat(ascii("data: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"), 1024);
        c.stream(k -> lines);
    }),
    /** An SSE stream of small events as fast as the client reads. */
    SSE_FLOOD(c -> {
        c.text(Heads.SSE);
        byte[] events = repeat(ascii("data: flood flood flood\n\n"), 4096);
        c.stream(k -> events);
    });

    private final Answer answer;

    Misbehaviour(Answer answer) {
        this.answer = answer;
    }

    void answer(MisbehavingConnection connection) {
        answer.answer(connection);
    }

    /** True for the behaviours meant for an SSE client; the others expect a WebSocket upgrade request. */
    public boolean sse() {
        return name().startsWith("SSE_");
    }

    /** Response heads, apart so that the constants above may use them. */
    private static final class Heads {
        static final String SSE = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                + "Connection: close\r\n\r\n";
        static final String SSE_CHUNKED = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n";
    }

    @FunctionalInterface
    private interface Answer {
        void answer(MisbehavingConnection connection);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] filler(int bytes) {
        byte[] b = new byte[bytes];
        Arrays.fill(b, (byte) 'a');
        return b;
    }

    private static byte[] repeat(byte[] unit, int times) {
        byte[] out = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }
}
