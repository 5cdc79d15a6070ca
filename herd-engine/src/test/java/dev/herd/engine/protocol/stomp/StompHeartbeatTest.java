package dev.herd.engine.protocol.stomp;

import static dev.herd.engine.protocol.stomp.StompFixture.message;
import static dev.herd.engine.protocol.stomp.StompFixture.protocol;
import static dev.herd.engine.protocol.stomp.StompFixture.receive;
import static dev.herd.engine.protocol.stomp.StompFixture.sent;
import static dev.herd.engine.protocol.stomp.StompFixture.subscribed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.herd.engine.protocol.RecordingProtocolSession;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Heart-beats as STOMP 1.2 negotiates them, on the channel's clock (moved by the test, never slept): herd sends an
 * EOL every negotiated interval, and fails a connection whose server stayed silent for twice its own.
 */
class StompHeartbeatTest {

    private static final long HOUR_MILLIS = TimeUnit.HOURS.toMillis(1);

    static Stream<Arguments> negotiations() {
        return Stream.of(
                Arguments.of("herd and the server both offer and want 10s: 10s each way", "10s", "10000,10000",
                        10_000, 10_000),
                Arguments.of("the server sends every 5s but wants 20s: herd beats every 20s, the server every 10s",
                        "10s", "5000,20000", 20_000, 10_000),
                Arguments.of("the server says 0,0: no heart-beats either way", "10s", "0,0", 0, 0),
                Arguments.of("the server sends no heart-beat header, as STOMP 1.0: none either way", "10s", null, 0, 0),
                Arguments.of("herd's heartbeat is 0: none either way, whatever the server offers", "0", "5000,5000",
                        0, 0),
                Arguments.of("the server cannot send but wants 1s: herd beats every 10s and expects nothing", "10s",
                        "0,1000", 10_000, 0),
                Arguments.of("the server sends every 30s and wants nothing: herd sends nothing, expects 30s", "10s",
                        "30000,0", 0, 30_000),
                Arguments.of("herd asks for 500ms and the server offers 100ms: 500ms each way", "500ms", "100,100",
                        500, 500));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negotiations")
    void herdBeatsAtTheNegotiatedInterval(String sentence, String heartbeat, String serverHeartBeat,
                                           long herdMillis, long serverMillis) {
        EmbeddedChannel ch = subscribed(protocol("heartbeat", heartbeat), RecordingProtocolSession.subscriber(), "1.2",
                serverHeartBeat);
        if (herdMillis == 0) {
            advance(ch, HOUR_MILLIS);
            assertNull(ch.readOutbound());
        } else {
            advance(ch, herdMillis - 1);
            assertNull(ch.readOutbound());
            advance(ch, 1);
            assertThat(sent(ch)).isEqualTo("\n");
            assertNull(ch.readOutbound());
            advance(ch, herdMillis);
            assertThat(sent(ch)).isEqualTo("\n");
        }
        ch.finishAndReleaseAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negotiations")
    void aServerSilentForTwiceItsIntervalTimesOut(String sentence, String heartbeat, String serverHeartBeat,
                                                 long herdMillis, long serverMillis) {
        RecordingProtocolSession session = RecordingProtocolSession.subscriber();
        EmbeddedChannel ch = subscribed(protocol("heartbeat", heartbeat), session, "1.2", serverHeartBeat);
        if (serverMillis == 0) {
            advance(ch, HOUR_MILLIS);
            assertThat(session.trace()).isEmpty();
        } else {
            advance(ch, 2 * serverMillis - 1);
            assertThat(session.trace()).isEmpty();
            advance(ch, 1);
            assertThat(session.trace()).containsExactly("violated heartbeat_timeout: no STOMP frame or heart-beat "
                    + "from the server for " + 2 * serverMillis + " ms (twice its heart-beat)");
        }
        ch.finishAndReleaseAll();
    }

    @Test
    void heartBeatsAndFramesFromTheServerKeepTheConnectionAlive() {
        RecordingProtocolSession session = RecordingProtocolSession.subscriber();
        EmbeddedChannel ch = subscribed(protocol(), session, "1.2", "10000,10000");
        advance(ch, 15_000);
        receive(ch, "\n");
        advance(ch, 15_000);
        receive(ch, message("still here"));
        advance(ch, 15_000);
        receive(ch, "\r\n");
        advance(ch, 19_999);
        assertThat(session.trace()).containsExactly("deliver still here");
        advance(ch, 1);
        assertThat(session.trace()).containsExactly("deliver still here",
                "violated heartbeat_timeout: no STOMP frame or heart-beat from the server for 20000 ms (twice its "
                        + "heart-beat)");
        drain(ch);
        ch.finishAndReleaseAll();
    }

    @Test
    void herdKeepsBeatingEveryIntervalWhileTheConnectionLasts() {
        EmbeddedChannel ch = subscribed(protocol("heartbeat", "1s"), RecordingProtocolSession.subscriber(), "1.2",
                "0,1000");
        for (int beat = 0; beat < 5; beat++) {
            advance(ch, 1_000);
            assertThat(sent(ch)).isEqualTo("\n");
            assertNull(ch.readOutbound());
        }
        ch.close();
        advance(ch, 10_000);
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void aPublisherBeatsAndWatchesTheServerToo() {
        RecordingProtocolSession publisher = RecordingProtocolSession.publisher();
        EmbeddedChannel ch = StompFixture.start(protocol(), publisher);
        sent(ch);
        receive(ch, StompFixture.connected("1.2", "10000,10000"));
        advance(ch, 10_000);
        assertThat(sent(ch)).isEqualTo("\n");
        advance(ch, 10_000);
        assertThat(sent(ch)).isEqualTo("\n");
        assertThat(publisher.trace()).containsExactly("subscribed", "violated heartbeat_timeout: no STOMP frame or "
                + "heart-beat from the server for 20000 ms (twice its heart-beat)");
        ch.finishAndReleaseAll();
    }

    @Test
    void noHeartBeatIsSentOrExpectedBeforeConnected() {
        RecordingProtocolSession session = RecordingProtocolSession.subscriber();
        EmbeddedChannel ch = StompFixture.start(protocol(), session);
        sent(ch);
        advance(ch, HOUR_MILLIS);
        assertNull(ch.readOutbound());
        assertThat(session.trace()).isEmpty();
        ch.finishAndReleaseAll();
    }

    private static void advance(EmbeddedChannel ch, long millis) {
        ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
    }

    private static void drain(EmbeddedChannel ch) {
        while (sent(ch) != null) {
            // heart-beats sent meanwhile
        }
    }
}
