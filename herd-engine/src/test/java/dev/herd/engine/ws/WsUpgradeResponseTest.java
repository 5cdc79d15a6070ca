package dev.herd.engine.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.client.ResponseLimits;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.connect.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The upgrade answer's head, read in any pieces, bounded, and refused by name when it does not parse. */
class WsUpgradeResponseTest {

    private static final String HEAD = "HTTP/1.1 101 Switching Protocols\r\n"
            + "upgrade: WebSocket\r\n"
            + "Connection: keep-alive\r\n"
            + "X-Other: ignored\r\n"
            + "CONNECTION: Upgrade\r\n"
            + "Sec-WebSocket-Accept:   s3pPLMBiTxaQ9kYGzzhZRbK+xOo=  \r\n"
            + "Sec-WebSocket-Protocol: v12.stomp\r\n"
            + "Sec-WebSocket-Extensions: permessage-deflate;\r\n"
            + "\tclient_max_window_bits=15\r\n"
            + "\r\n";
    /** A frame that came in the same read as the head: it must stay unread. */
    private static final String AFTER = "\u0081\u0002hi";

    @Test
    void readsTheStatusAndTheHandshakeHeadersLeavingWhatFollows() {
        WsUpgradeResponse head = new WsUpgradeResponse();
        ByteBuf in = bytes(HEAD + AFTER);

        assertThat(head.read(in)).isTrue();

        assertThat(head.status()).isEqualTo(101);
        assertThat(head.upgrade()).isEqualTo("WebSocket");
        assertThat(head.connection()).isEqualTo("keep-alive, Upgrade"); // a repeated header is one list
        assertThat(head.accept()).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(head.protocol()).isEqualTo("v12.stomp");
        assertThat(head.extensions()).isEqualTo("permessage-deflate; client_max_window_bits=15"); // folded
        assertThat(in.toString(StandardCharsets.ISO_8859_1)).isEqualTo(AFTER);
        in.release();
    }

    @Test
    void everySplitOfTheHeadReadsTheSame() {
        byte[] all = (HEAD + AFTER).getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 0; cut <= all.length; cut++) {
            for (int second = cut; second <= all.length; second++) {
                WsUpgradeResponse head = new WsUpgradeResponse();
                ByteBuf rest = null;
                boolean done = false;
                for (ByteBuf piece : new ByteBuf[] {Unpooled.wrappedBuffer(all, 0, cut),
                    Unpooled.wrappedBuffer(all, cut, second - cut),
                    Unpooled.wrappedBuffer(all, second, all.length - second)}) {
                    if (!done && head.read(piece)) {
                        done = true;
                        rest = piece;
                    } else if (done) {
                        rest = Unpooled.wrappedBuffer(rest, piece);
                    }
                }
                assertThat(done).as("cut at %d and %d", cut, second).isTrue();
                assertThat(head.accept()).as("cut at %d and %d", cut, second).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
                assertThat(head.extensions()).isEqualTo("permessage-deflate; client_max_window_bits=15");
                assertThat(head.connection()).isEqualTo("keep-alive, Upgrade");
                assertThat(rest.toString(StandardCharsets.ISO_8859_1)).as("cut at %d and %d", cut, second)
                        .isEqualTo(AFTER);
            }
        }
    }

    @Test
    void bareLineFeedsAndEmptyLinesBeforeTheStatusAreAccepted() {
        WsUpgradeResponse head = new WsUpgradeResponse();
        assertThat(head.read(bytes("\r\n\nHTTP/1.0 403\nContent-Length: 0\n\nbody"))).isTrue();
        assertThat(head.status()).isEqualTo(403);
        assertThat(head.upgrade()).isNull();
    }

    @Test
    void anIncompleteHeadIsNotComplete() {
        WsUpgradeResponse head = new WsUpgradeResponse();
        assertThat(head.read(bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"))).isFalse();
        assertThat(head.read(bytes("\r"))).isFalse();
        assertThat(head.read(bytes("\n"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2 101\r\n\r\n", "HTTP/1.1 1O1 Switching\r\n\r\n", "ICY 200 OK\r\n\r\n",
        "HTTP/1.1 101Switching\r\n\r\n", "HTTP/1.1 101\r\nNo colon here\r\n\r\n",
        "HTTP/1.1 101\r\n: no name\r\n\r\n", "HTTP/1.1 101\r\nBad name: x\r\n\r\n",
        "HTTP/1.1 101\r\n folded first\r\n\r\n", "HTTP/1.1 101\r\nNul\u0000: x\r\n\r\n"})
    void aHeadThatIsNotHttpIsMalformed(String response) {
        assertThatThrownBy(() -> new WsUpgradeResponse().read(bytes(response)))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(FailureReason.HTTP_MALFORMED))
                .hasMessageStartingWith("the upgrade response: ");
    }

    @Test
    void aStatusLineBeyondTheLimitIsTooLargeEvenWithoutItsEnd() {
        WsUpgradeResponse head = new WsUpgradeResponse();
        String start = "HTTP/1.1 101 " + "x".repeat(ResponseLimits.MAX_STATUS_LINE_BYTES - 13);
        assertThat(head.read(bytes(start))).isFalse(); // exactly at the limit: still reading
        assertThatThrownBy(() -> head.read(bytes("x")))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.reason()).isEqualTo(FailureReason.HEADERS_TOO_LARGE));
    }

    @Test
    void headersBeyondTheLimitAreTooLargeWhetherOneEndlessLineOrMany() {
        WsUpgradeResponse endless = new WsUpgradeResponse();
        endless.read(bytes("HTTP/1.1 101 Switching Protocols\r\nX-Filler: "));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                endless.read(bytes("y".repeat(1024)));
            }
        }).isInstanceOfSatisfying(ProtocolViolation.class,
                v -> assertThat(v.reason()).isEqualTo(FailureReason.HEADERS_TOO_LARGE));

        WsUpgradeResponse many = new WsUpgradeResponse();
        many.read(bytes("HTTP/1.1 101 Switching Protocols\r\n"));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100_000; i++) {
                many.read(bytes("X-H" + i + ": v\r\n"));
            }
        }).isInstanceOfSatisfying(ProtocolViolation.class,
                v -> assertThat(v.reason()).isEqualTo(FailureReason.HEADERS_TOO_LARGE));
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }
}
