package dev.herd.engine.protocol.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.engine.protocol.ProtocolStarted;
import dev.herd.engine.protocol.RecordingProtocolSession;
import dev.herd.engine.receive.ReceiveBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A script protocol's stage on one connection, driven frame by frame, its clock moved by the test. */
class ScriptStageTest {

    private final List<TextWebSocketFrame> given = new ArrayList<>();
    private EmbeddedChannel channel;

    @AfterEach
    void nothingLeftAndNothingLeaked() {
        if (channel != null) {
            assertThat((Object) channel.readInbound()).isNull();
            channel.finishAndReleaseAll();
        }
        given.forEach(f -> assertThat(f.refCnt()).isZero());
    }

    @Test
    void stepsRunInOrderAndTheSubscriptionIsAcknowledgedAtTheLastExpect() {
        Script script = Script.builder("chat")
                .connect(ScriptStep.send("{\"type\":\"hello\"}"), ScriptStep.expect("\"type\":\"welcome\""))
                .subscribe(ScriptStep.send("{\"type\":\"subscribe\",\"channel\":\"{{topic}}\"}"),
                        ScriptStep.expect("\"type\":\"subscribed\""))
                .build();
        RecordingProtocolSession session = start(script, RecordingProtocolSession.subscriber());

        assertThat(sent()).isEqualTo("{\"type\":\"hello\"}");
        assertThat(channel.<Object>readOutbound()).isNull();
        receive("{\"type\":\"subscribed\"}");   // not what connect[1] waits for: ignored
        assertThat(channel.<Object>readOutbound()).isNull();
        receive("{\"type\":\"welcome\"}");
        assertThat(sent()).isEqualTo("{\"type\":\"subscribe\",\"channel\":\"news\"}");
        assertThat(session.subscriptions()).isZero();
        receive("{\"type\":\"subscribed\"}");

        assertThat(session.subscriptions()).isEqualTo(1);
        assertThat(session.delivered()).isEmpty();
        receive("{\"data\":\"after\"}");
        assertThat(session.delivered()).containsExactly("{\"data\":\"after\"}");
    }

    @Test
    void anExpectWrittenAsARegexMatchesAnywhereInTheFrame() {
        Script script = Script.builder("re")
                .subscribe(ScriptStep.expect("re:\"status\" *: *\"(ok|fine)\"")).build();
        RecordingProtocolSession session = start(script, RecordingProtocolSession.subscriber());

        receive("{\"status\": \"error\"}");
        assertThat(session.subscriptions()).isZero();
        receive("{\"id\":1,\"status\" : \"fine\",\"x\":2}");
        assertThat(session.subscriptions()).isEqualTo(1);
    }

    @Test
    void aCapturedValueIsUsedByLaterFramesAsItsBytesWere() {
        Script script = Script.builder("capture")
                .connect(ScriptStep.expect("connection_established")
                        .withCapture("socket_id", "\\\\\"socket_id\\\\\":\\\\\"([^\\\\]+)\\\\\""))
                .subscribe(ScriptStep.send("{\"socket\":\"{{socket_id}}\",\"channel\":\"{{topic}}\"}"),
                        ScriptStep.expect("subscribed"))
                .publish("{\"socket\":\"{{socket_id}}\",\"data\":\"{{payload}}\"}")
                .build();
        RecordingProtocolSession session = start(script, RecordingProtocolSession.subscriber());

        receive("{\"event\":\"connection_established\",\"data\":\"{\\\"socket_id\\\":\\\"123.4é56\\\"}\"}");

        assertThat(sent()).isEqualTo("{\"socket\":\"123.4é56\",\"channel\":\"news\"}");
        receive("subscribed");
        assertThat(session.subscriptions()).isEqualTo(1);
    }

    @Test
    void aCaptureThatFindsNothingInTheMatchingFrameIsAMalformedFrame() {
        Script script = Script.builder("capture")
                .subscribe(ScriptStep.expect("welcome").withCapture("sid", "\"sid\":\"([^\"]+)\""),
                        ScriptStep.send("{{sid}}"))
                .build();
        RecordingProtocolSession session = start(script, RecordingProtocolSession.subscriber());

        receive("{\"type\":\"welcome\"}");

        assertThat(session.violations()).singleElement().asString().startsWith("protocol_malformed: subscribe[0]")
                .contains("capture sid");
        assertThat(session.subscriptions()).isZero();
        assertThat(channel.<Object>readOutbound()).isNull();
    }

    @Test
    void capturedValuesDrawOnTheReceiveBudgetUntilTheConnectionEnds() {
        Script script = Script.builder("big")
                .subscribe(ScriptStep.expect("welcome").withCapture("sid", "\"sid\":\"([^\"]+)\"")).build();
        RecordingProtocolSession session = start(script, RecordingProtocolSession.subscriber());

        receive("{\"type\":\"welcome\",\"sid\":\"" + "s".repeat(70_000) + "\"}");

        assertThat(session.subscriptions()).isEqualTo(1);
        assertThat(session.budget().drawnBytes()).isEqualTo(70_000 - ReceiveBudget.FREE_BYTES_PER_BUFFER);
        channel.close();
        assertThat(session.budget().drawnBytes()).isZero();
    }

    @Test
    void aCaptureTheReceiveBudgetCannotHoldFailsTheConnection() {
        Script script = Script.builder("big")
                .subscribe(ScriptStep.expect("welcome").withCapture("sid", "\"sid\":\"([^\"]+)\"")).build();
        RecordingProtocolSession session = start(script, RecordingProtocolSession.subscriber().limits(1 << 20, 1_000));

        receive("{\"type\":\"welcome\",\"sid\":\"" + "s".repeat(70_000) + "\"}");

        assertThat(session.violations()).containsExactly("local_receive_budget: subscribe[0]: the run's receive "
                + "budget cannot hold capture sid (--receive-budget)");
        assertThat(session.subscriptions()).isZero();
        assertThat(session.budget().drawnBytes()).isZero();
    }

    @Test
    void aStepNotAnsweredWithinItsTimeoutIsASubscribeTimeout() {
        Script script = Script.builder("slow")
                .subscribe(ScriptStep.send("join"), ScriptStep.expect("joined").withTimeout(Duration.ofSeconds(5)),
                        ScriptStep.send("ready"), ScriptStep.expect("go"))
                .build();
        RecordingProtocolSession session = start(script, RecordingProtocolSession.subscriber());
        assertThat(sent()).isEqualTo("join");

        tick(4_900);
        assertThat(session.timeouts()).isEmpty();
        receive("joined");
        assertThat(sent()).isEqualTo("ready");
        tick(9_900);   // the next expect has the default: 10 s from when it began
        assertThat(session.timeouts()).isEmpty();
        tick(200);

        assertThat(session.timeouts()).containsExactly("subscribe[3]: no frame with 'go' within 10000 ms");
        receive("go");
        assertThat(session.subscriptions()).isZero();
        assertThat(session.delivered()).isEmpty();
    }

    @Test
    void aFrameMatchingRejectRefusesTheSubscription() {
        Script script = Script.builder("phoenix")
                .subscribe(ScriptStep.send("[\"1\",\"1\",\"{{topic}}\",\"phx_join\",{}]"),
                        ScriptStep.expect("\"status\":\"ok\"").withReject("\"status\":\"error\""))
                .build();
        RecordingProtocolSession session = start(script, RecordingProtocolSession.subscriber());
        sent();

        receive("[\"1\",\"1\",\"news\",\"phx_reply\",{\"response\":{},\"status\":\"error\"}]");

        assertThat(session.rejections()).containsExactly("subscribe[1]: a frame matched reject '\"status\":\"error\"'");
        assertThat(session.subscriptions()).isZero();
        tick(20_000);
        assertThat(session.timeouts()).isEmpty();
    }

    @Test
    void onRulesReplyOrKeepTheirFramesAndTheFirstMatchWins() {
        Script script = Script.builder("rules")
                .on("\"type\":\"ping\"", "{\"type\":\"pong\",\"ref\":\"{{ref}}\"}")
                .ignore("\"type\":\"")
                .on("never reached", "x")
                .build();
        RecordingProtocolSession session = start(script, RecordingProtocolSession.subscriber());
        assertThat(session.subscriptions()).isEqualTo(1);

        receive("{\"type\":\"ping\"}");
        receive("{\"type\":\"ping\"}");
        receive("{\"type\":\"ack\"} never reached");
        receive("~h1.abcd.3.0.1.2~....");

        assertThat(sent()).isEqualTo("{\"type\":\"pong\",\"ref\":\"1\"}");
        assertThat(sent()).isEqualTo("{\"type\":\"pong\",\"ref\":\"2\"}");
        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(session.delivered()).containsExactly("~h1.abcd.3.0.1.2~....");
    }

    @Test
    void onRulesAnswerDuringTheHandshakeTooButNothingIsDeliveredBeforeItEnds() {
        Script script = Script.builder("lines")
                .subscribe(ScriptStep.send("SUB {{topic}}"), ScriptStep.expect("OK {{topic}}".replace("{{topic}}",
                        RecordingProtocolSession.TOPIC)))
                .on("PING", "PONG")
                .build();
        RecordingProtocolSession session = start(script, RecordingProtocolSession.subscriber());
        assertThat(sent()).isEqualTo("SUB news");

        receive("PING");
        receive("hello from before");
        assertThat(sent()).isEqualTo("PONG");
        receive("OK news");

        assertThat(session.subscriptions()).isEqualTo(1);
        assertThat(session.delivered()).isEmpty();
    }

    @Test
    void everyRuleSendsOnItsOwnPeriodFromTheUpgradeUntilTheConnectionEnds() {
        Script script = Script.builder("beats")
                .subscribe(ScriptStep.expect("never").withCapture("sid", "sid=(\\w+)"))
                .every(Duration.ofSeconds(1), "fast {{ref}}")
                .every(Duration.ofMillis(2500), "slow {{sid}}")
                .build();
        start(script, RecordingProtocolSession.subscriber());

        tick(999);
        assertThat(channel.<Object>readOutbound()).isNull();
        tick(1);
        assertThat(sent()).isEqualTo("fast 1");
        tick(1_500);
        assertThat(sent()).isEqualTo("fast 2");
        assertThat(sent()).isEqualTo("slow ");   // a capture not taken yet is written as nothing
        tick(500);
        assertThat(sent()).isEqualTo("fast 3");
        assertThat(channel.<Object>readOutbound()).isNull();

        channel.close();
        tick(10_000);
        assertThat(channel.<Object>readOutbound()).isNull();
    }

    @Test
    void aPublishIsThePublishFrameAroundThePayloadItsLengthAndItsStamp() {
        Script script = Script.builder("pub")
                .publish("{\"topic\":\"{{topic}}\",\"len\":{{length}},\"stamp\":\"{{stamp}}\",\"data\":\"{{payload}}\"}")
                .build();
        start(script, RecordingProtocolSession.publisher());
        ByteBuf payload = Unpooled.copiedBuffer("x~h1.abcd.3.0.1.2~.....", StandardCharsets.UTF_8);

        ChannelPromise promise = channel.newPromise();
        channel.writeAndFlush(payload, promise);

        assertThat(sent()).isEqualTo("{\"topic\":\"news\",\"len\":23,\"stamp\":\"~h1.abcd.3.0.1.2~\","
                + "\"data\":\"x~h1.abcd.3.0.1.2~.....\"}");
        assertThat(promise.isSuccess()).isTrue();
        assertThat(payload.refCnt()).isZero();
    }

    @Test
    void aBinaryPublishAndABinarySendAreBinaryMessages() {
        Script script = new Script("bin", List.of(), List.of(),
                List.of(new ScriptStep.Send(ScriptFrame.binary("join {{topic}}"))), List.of(),
                ScriptFrame.binary("{{payload}}"),
                List.of(), List.of());
        start(script, RecordingProtocolSession.subscriber());

        WebSocketFrame join = channel.readOutbound();
        assertThat(join).isInstanceOf(BinaryWebSocketFrame.class);
        assertThat(join.content().toString(StandardCharsets.UTF_8)).isEqualTo("join news");
        join.release();
        channel.writeAndFlush(Unpooled.copiedBuffer("~h1.1.0.0.0.0~", StandardCharsets.UTF_8));
        WebSocketFrame published = channel.readOutbound();
        assertThat(published).isInstanceOf(BinaryWebSocketFrame.class);
        published.release();
    }

    @Test
    void aPublisherRunsTheConnectStepsAloneAndMayPublishOnceTheLastIsWritten() {
        Script script = Script.builder("both")
                .connect(ScriptStep.send("CONNECT {{client}}"))
                .subscribe(ScriptStep.send("SUB {{topic}}"), ScriptStep.expect("OK"))
                .publish("PUB {{payload}}")
                .build();
        List<ChannelPromise> held = new ArrayList<>();
        channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                held.add(promise);
                ctx.write(msg);
            }
        });
        RecordingProtocolSession session = RecordingProtocolSession.publisher();
        channel.pipeline().addLast(ScriptProtocol.of(script).newStage(session));
        channel.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);

        assertThat(sent()).isEqualTo("CONNECT 7");
        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(session.subscriptions()).isZero();
        held.get(0).setSuccess();
        assertThat(session.subscriptions()).isEqualTo(1);
    }

    @Test
    void aPublisherRunsItsOwnStepsAfterConnectAndTheirCapturesFillThePublishFrame() {
        Script script = Script.builder("lines")
                .connect(ScriptStep.send("HELLO"))
                .subscribe(ScriptStep.send("SUB {{topic}}"), ScriptStep.expect("OK"))
                .publishSteps(ScriptStep.send("PUB {{topic}}"), ScriptStep.expect("OK").withCapture("slot", "OK (\\d+)")
                        .withTimeout(Duration.ofSeconds(1)))
                .publish("{{slot}}:{{payload}}")
                .build();
        RecordingProtocolSession session = start(script, RecordingProtocolSession.publisher());

        assertThat(sent()).isEqualTo("HELLO");
        assertThat(sent()).isEqualTo("PUB news");
        receive("OK 12");
        assertThat(session.subscriptions()).isEqualTo(1);
        channel.writeAndFlush(Unpooled.copiedBuffer("~h1.1.0.0.0.0~", StandardCharsets.UTF_8));
        assertThat(sent()).isEqualTo("12:~h1.1.0.0.0.0~");
    }

    @Test
    void aPublisherStepTimedOutNamesItsPlaceInTheScript() {
        Script script = Script.builder("lines")
                .publishSteps(ScriptStep.send("PUB {{topic}}"), ScriptStep.expect("OK").withTimeout(Duration.ofSeconds(1)))
                .publish("{{payload}}")
                .build();
        RecordingProtocolSession session = start(script, RecordingProtocolSession.publisher());
        sent();
        tick(1_000);
        assertThat(session.timeouts()).containsExactly("publish.steps[1]: no frame with 'OK' within 1000 ms");
    }

    @Test
    void aScriptWithoutStepsIsAcknowledgedAtOnce() {
        RecordingProtocolSession session = start(Script.builder("none").build(), RecordingProtocolSession.subscriber());
        assertThat(session.subscriptions()).isEqualTo(1);
        assertThat(channel.<Object>readOutbound()).isNull();
    }

    @Test
    void everyPlaceholderIsFilled() {
        Script script = Script.builder("all")
                .connect(ScriptStep.send("{{token}}"), ScriptStep.expect("re:id=(\\d+)").withCapture("id", "id=(\\d+)"))
                .subscribe(ScriptStep.send("{{topic}}|{{topic_index}}|{{client}}|{{run}}|{{ref}}|{{ref}}|{{id}}|"
                        + "{{token}}|{not}|{{ not}}"))
                .build();
        start(script, RecordingProtocolSession.subscriber().with("token", "tok-7"));

        assertThat(sent()).isEqualTo("tok-7");
        receive("id=42;");
        assertThat(sent()).isEqualTo("news|0|7|1a2b3c4d|1|2|42|tok-7|{not}|{{ not}}");
    }

    @Test
    void theProtocolNamesThePlaceholdersItNeedsButNotItsCaptures() {
        Script script = Script.builder("all")
                .connect(ScriptStep.send("{{token}}"), ScriptStep.expect("x").withCapture("id", "id=(\\d+)"))
                .subscribe(ScriptStep.send("{{topic}} {{id}}"))
                .publish("{{payload}} {{length}} {{id}}")
                .every(Duration.ofSeconds(1), "{{client}}")
                .build();
        ScriptProtocol protocol = ScriptProtocol.of(script);

        assertThat(protocol.placeholders()).containsExactlyInAnyOrder("token", "topic", "payload", "length", "client");
        assertThat(protocol.publishes()).isTrue();
        assertThat(protocol.subscribes()).isTrue();
        assertThat(ScriptProtocol.of(Script.builder("no-publish").build()).publishes()).isFalse();
    }

    @Test
    void aScriptThatCannotRunNamesItsField() {
        assertThatThrownBy(() -> Script.builder("x").subscribe(ScriptStep.send("{{sid}}"),
                ScriptStep.expect("a").withCapture("sid", "(.)")).build())
                .isInstanceOf(ScriptException.class).hasMessage("subscribe[0].send: uses {{sid}} before a step captures it");
        assertThatThrownBy(() -> Script.builder("x").subscribe(ScriptStep.expect("a").withCapture("sid", "(.)"))
                .publish("{{payload}}{{sid}}").build())
                .hasMessageStartingWith("publish: uses {{sid}}, which only subscribe: captures");
        assertThatThrownBy(() -> Script.builder("x").publishSteps(ScriptStep.send("PUB")).build())
                .hasMessageStartingWith("publish.steps: prepare a publish frame the script does not have");
        assertThatThrownBy(() -> Script.builder("x").publish("{{topic}}").build())
                .hasMessageStartingWith("publish: has neither {{payload}} nor {{stamp}}");
        assertThatThrownBy(() -> Script.builder("x").on("ping", "{{payload}}").build())
                .hasMessage("on[0].send: uses {{payload}}, which only the publish frame has");
        assertThatThrownBy(() -> Script.builder("x").every(Duration.ZERO, "beat").build())
                .hasMessage("every[0].interval: must be at least 1ms");
        assertThatThrownBy(() -> Script.builder("x").connect(ScriptStep.expect("a").withCapture("topic", "(.)")).build())
                .hasMessageStartingWith("connect[0].capture.topic: {{topic}} is herd's own placeholder");
        assertThatThrownBy(() -> ScriptStep.expect("a").withCapture("sid", "no group"))
                .hasMessageContaining("has no group");
        assertThatThrownBy(() -> ScriptStep.expect("re:(unclosed"))
                .hasMessageStartingWith("'(unclosed' is not a valid regex: Unclosed group");
    }

    private RecordingProtocolSession start(Script script, RecordingProtocolSession session) {
        channel = new EmbeddedChannel(ScriptProtocol.of(script).newStage(session));
        channel.freezeTime();
        channel.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
        return session;
    }

    private void receive(String text) {
        TextWebSocketFrame frame = new TextWebSocketFrame(text);
        given.add(frame);
        channel.writeInbound(frame);
    }

    private String sent() {
        WebSocketFrame frame = channel.readOutbound();
        assertThat(frame).as("a frame sent").isNotNull();
        try {
            return frame.content().toString(StandardCharsets.UTF_8);
        } finally {
            frame.release();
        }
    }

    private void tick(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }
}
