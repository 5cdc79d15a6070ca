package dev.herd.engine.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.connect.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** herd's side of the opening handshake: the request it writes, and what it makes of each kind of answer. */
class WsUpgradeHandlerTest {

    private static final Pattern KEY = Pattern.compile("\r\nSec-WebSocket-Key: ([A-Za-z0-9+/=]+)\r\n");

    private final Recorder outcome = new Recorder();

    @Test
    void theKeyIsAnsweredAsTheRfcsExampleSays() {
        assertThat(WsUpgradeKey.acceptFor("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        String key = WsUpgradeKey.newKey();
        assertThat(Base64.getDecoder().decode(key)).hasSize(16);
        assertThat(WsUpgradeKey.newKey()).isNotEqualTo(key);
    }

    @Test
    void theRequestIsAnHttp11UpgradeWithTheRunsHeadersAfterHerds() {
        HttpHeaders headers = new DefaultHttpHeaders().add("Authorization", "Bearer t").add("X-Two", "a")
                .add("X-Two", "b");
        EmbeddedChannel ch = channel(new WsUpgradeRequest("/ws/t1?x=1", "127.0.0.1:8080", "http://127.0.0.1:8080",
                "v12.stomp,v11.stomp", null, headers), null);

        String request = sent(ch);

        assertThat(request).startsWith("GET /ws/t1?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: ").endsWith("\r\nSec-WebSocket-Version: 13\r\n"
                + "Origin: http://127.0.0.1:8080\r\nSec-WebSocket-Protocol: v12.stomp,v11.stomp\r\n"
                + "Authorization: Bearer t\r\nX-Two: a\r\nX-Two: b\r\n\r\n");
        assertThat(Base64.getDecoder().decode(key(request))).hasSize(16);
        ch.finishAndReleaseAll();
    }

    @Test
    void theRunsHostOrOriginTakesThePlaceOfHerds() {
        HttpHeaders headers = new DefaultHttpHeaders().add("origin", "https://app.example").add("HOST", "example");
        EmbeddedChannel ch = channel(new WsUpgradeRequest("/", "127.0.0.1:80", "http://127.0.0.1", null, null,
                headers), null);

        String request = sent(ch);

        assertThat(request).doesNotContain("Host: 127.0.0.1").doesNotContain("Origin: http://")
                .contains("\r\norigin: https://app.example\r\nHOST: example\r\n\r\n")
                .doesNotContain("Sec-WebSocket-Protocol").doesNotContain("Sec-WebSocket-Extensions");
        ch.finishAndReleaseAll();
    }

    @Test
    void aRight101UpgradesLeavesThePipelineAndPassesOnTheFramesThatCameWithIt() {
        EmbeddedChannel ch = channel(request("v12.stomp,v11.stomp", null), null);
        String key = key(sent(ch));

        ch.writeInbound(ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\nSec-WebSocket-Protocol: v11.stomp\r\n\r\n"
                + "\u0081\u0002hi"));

        assertThat(outcome.events).containsExactly("upgraded");
        assertThat(ch.pipeline().get(WsUpgradeHandler.NAME)).isNull();
        ByteBuf after = ch.readInbound();
        assertThat(after.toString(StandardCharsets.ISO_8859_1)).isEqualTo("\u0081\u0002hi");
        after.release();
        ch.writeInbound(ascii("more"));
        ByteBuf more = ch.readInbound();
        assertThat(more.toString(StandardCharsets.ISO_8859_1)).isEqualTo("more");
        more.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aServerMayChooseNoSubprotocolOfThoseOffered() {
        EmbeddedChannel ch = channel(request("mqtt", null), null);
        ch.writeInbound(ascii(upgrade(key(sent(ch)), "")));
        assertThat(outcome.events).containsExactly("upgraded");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void theAnswerInPiecesUpgradesOnceWhole() {
        EmbeddedChannel ch = channel(request(null, null), null);
        String response = upgrade(key(sent(ch)), "");
        for (int i = 0; i < response.length(); i++) {
            assertThat(outcome.events).as("after %d bytes", i).isEmpty();
            ch.writeInbound(ascii(response.substring(i, i + 1)));
        }
        assertThat(outcome.events).containsExactly("upgraded");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void anotherStatusIsARefusalAndItsBodyIsNotRead() {
        EmbeddedChannel ch = channel(request(null, null), null);
        sent(ch);
        ch.writeInbound(ascii("HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\n\r\nforbid"));
        ch.writeInbound(ascii("den"));
        assertThat(outcome.events).containsExactly("refused 403");
        assertThat(ch.pipeline().get(WsUpgradeHandler.NAME)).isNotNull();
        assertThat(ch.finish()).isFalse(); // nothing passed on, everything released
    }

    @Test
    void eachBrokenRuleOfThe101IsHandshakeInvalid() {
        String[][] cases = {
            {"a wrong accept", "HTTP/1.1 101 OK\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", "Sec-WebSocket-Accept"},
            {"no accept", "HTTP/1.1 101 OK\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", "Sec-WebSocket-Accept"},
            {"no Upgrade", "HTTP/1.1 101 OK\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n", "Upgrade"},
            {"another Upgrade", "HTTP/1.1 101 OK\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: {accept}\r\n\r\n", "not websocket"},
            {"no Upgrade token", "HTTP/1.1 101 OK\r\nUpgrade: websocket\r\nConnection: keep-alive\r\n"
                + "Sec-WebSocket-Accept: {accept}\r\n\r\n", "without Upgrade"},
            {"a subprotocol not offered", upgrade("{key}", "Sec-WebSocket-Protocol: mqtt\r\n"), "did not offer"},
            {"an extension not offered", upgrade("{key}", "Sec-WebSocket-Extensions: permessage-deflate\r\n"),
                "did not offer"}};
        for (String[] c : cases) {
            Recorder seen = new Recorder();
            EmbeddedChannel ch = channel(request(null, null), null, seen);
            String key = key(sent(ch));
            String response = c[1].replace("{accept}", accept(key)).replace(accept("{key}"), accept(key));
            ch.writeInbound(ascii(response + "\u0081\u0002hi"));
            assertThat(seen.events).as(c[0]).hasSize(1);
            assertThat(seen.events.get(0)).as(c[0]).startsWith("broken handshake_invalid the upgrade's 101: ")
                    .contains(c[2]);
            assertThat(ch.finish()).as(c[0]).isFalse(); // the frame after a broken head is not passed on
        }
    }

    @Test
    void aHeadThatDoesNotParseIsMalformed() {
        EmbeddedChannel ch = channel(request(null, null), null);
        sent(ch);
        ch.writeInbound(ascii("HTTP/1.1 101 OK\r\nUpgrade websocket\r\n\r\n"));
        assertThat(outcome.events).singleElement().asString().startsWith("broken http_malformed");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void permessageDeflateIsOfferedAndItsCodecJoinsBeforeHerdsHandler() {
        PerMessageDeflateClientExtensionHandshaker deflate = new PerMessageDeflateClientExtensionHandshaker(1 << 20);
        EmbeddedChannel ch = channel(request(null, WsUpgradeHandler.offer(deflate)), deflate);
        String request = sent(ch);
        assertThat(request).contains("\r\nSec-WebSocket-Extensions: permessage-deflate");

        ch.writeInbound(ascii(upgrade(key(request), "Sec-WebSocket-Extensions: permessage-deflate\r\n")));

        assertThat(outcome.events).containsExactly("upgraded");
        assertThat(ch.pipeline().names()).containsSubsequence("ws-deflate-decoder", "ws-deflate-encoder",
                WsSession.HANDLER_NAME);
        ch.finishAndReleaseAll();
    }

    @Test
    void aDeflateAnswerWithParametersNotOfferedIsHandshakeInvalid() {
        PerMessageDeflateClientExtensionHandshaker deflate = new PerMessageDeflateClientExtensionHandshaker(1 << 20);
        EmbeddedChannel ch = channel(request(null, WsUpgradeHandler.offer(deflate)), deflate);
        ch.writeInbound(ascii(upgrade(key(sent(ch)), "Sec-WebSocket-Extensions: permessage-deflate; unknown=1, x\r\n")));
        assertThat(outcome.events).singleElement().asString().startsWith("broken handshake_invalid");
        assertThat(ch.finish()).isFalse();
    }

    private static WsUpgradeRequest request(String subprotocols, String extensions) {
        return new WsUpgradeRequest("/ws/t", "127.0.0.1:8080", "http://127.0.0.1:8080", subprotocols, extensions,
                new DefaultHttpHeaders());
    }

    private EmbeddedChannel channel(WsUpgradeRequest request, PerMessageDeflateClientExtensionHandshaker deflate) {
        return channel(request, deflate, outcome);
    }

    /** The upgrade handler, then a stand-in for herd's handler under its name, which lets frames pass. */
    private static EmbeddedChannel channel(WsUpgradeRequest request, PerMessageDeflateClientExtensionHandshaker deflate,
                                           Recorder outcome) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(WsUpgradeHandler.NAME, new WsUpgradeHandler(outcome, request, deflate));
        ch.pipeline().addLast(WsSession.HANDLER_NAME, new ChannelInboundHandlerAdapter());
        ((WsUpgradeHandler) ch.pipeline().get(WsUpgradeHandler.NAME)).start(ch);
        return ch;
    }

    private static String sent(EmbeddedChannel ch) {
        ByteBuf out = ch.readOutbound();
        String text = out.toString(StandardCharsets.ISO_8859_1);
        out.release();
        return text;
    }

    private static String key(String request) {
        Matcher m = KEY.matcher(request);
        assertThat(m.find()).as(request).isTrue();
        return m.group(1);
    }

    private static String upgrade(String key, String extraHeaders) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n" + extraHeaders + "\r\n";
    }

    /** RFC 6455 §4.2.2, computed here apart from the code under test. */
    private static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                    .getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    private static final class Recorder implements WsUpgradeHandler.Outcome {
        final List<String> events = new ArrayList<>();

        @Override
        public void upgraded() {
            events.add("upgraded");
        }

        @Override
        public void refused(int status) {
            events.add("refused " + status);
        }

        @Override
        public void broken(ProtocolViolation why) {
            events.add("broken " + why.reason().key() + " " + why.getMessage());
        }
    }
}
