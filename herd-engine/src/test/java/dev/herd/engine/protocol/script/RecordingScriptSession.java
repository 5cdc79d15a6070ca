package dev.herd.engine.protocol.script;

import dev.herd.engine.client.ClientRole;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.protocol.FrameValues;
import dev.herd.engine.protocol.Placeholders;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.receive.ReceiveBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ProtocolSession} that records what a protocol stage reports, for EmbeddedChannel tests: subscriptions,
 * refusals, timeouts, violations and each delivered payload (as text). Its placeholders: topic {@code chat-3}, topic
 * index 3, client 7, run {@code 0000abcd}, {@code {{ref}}} counting from 1, and any extra values given.
 *
 * <pre>{@code
 * RecordingScriptSession session = RecordingScriptSession.subscriber().with("token", "t-1");
 * EmbeddedChannel ch = new EmbeddedChannel(protocol.newStage(session));
 * }</pre>
 */
final class RecordingScriptSession implements ProtocolSession, FrameValues {

    public static final String TOPIC = "chat-3";
    public static final int TOPIC_INDEX = 3;
    public static final int CLIENT = 7;
    public static final long RUN = 0xabcd;

    private final ClientRole role;
    private final Map<String, String> extra = new LinkedHashMap<>();
    private int ref;
    public int subscribed;
    public final List<String> rejected = new ArrayList<>();
    public final List<String> timedOut = new ArrayList<>();
    public final List<String> violations = new ArrayList<>();
    public final List<FailureReason> violationReasons = new ArrayList<>();
    public final List<String> delivered = new ArrayList<>();
    /** The run's receive budget the stage's shares draw on: 256 MiB unless {@link #withBudget} says otherwise. */
    public ReceiveBudget budget = new ReceiveBudget(ReceiveBudget.DEFAULT_MAX_BYTES);

    private RecordingScriptSession(ClientRole role) {
        this.role = role;
    }

    public static RecordingScriptSession subscriber() {
        return new RecordingScriptSession(ClientRole.SUBSCRIBER);
    }

    public static RecordingScriptSession publisher() {
        return new RecordingScriptSession(ClientRole.PUBLISHER);
    }

    /** A value for {@code {{name}}}, as a feeder column gives one. */
    public RecordingScriptSession with(String name, String value) {
        extra.put(name, value);
        return this;
    }

    public RecordingScriptSession withBudget(long bytes) {
        budget = new ReceiveBudget(bytes);
        return this;
    }

    @Override
    public ClientRole role() {
        return role;
    }

    @Override
    public FrameValues values() {
        return this;
    }

    @Override
    public int maxMessageBytes() {
        return 1 << 20;
    }

    @Override
    public ReceiveBudget.Share receiveShare() {
        return budget.share();
    }

    @Override
    public void subscribed() {
        subscribed++;
    }

    @Override
    public void rejected(String why) {
        rejected.add(why);
    }

    @Override
    public void subscribeTimedOut(String why) {
        timedOut.add(why);
    }

    @Override
    public void deliver(ByteBuf buf, int index, int length) {
        delivered.add(buf.toString(index, length, StandardCharsets.UTF_8));
    }

    @Override
    public void violated(FailureReason reason, String why) {
        violationReasons.add(reason);
        violations.add(why);
    }

    @Override
    public void write(String name, ByteBuf out) {
        switch (name) {
            case Placeholders.TOPIC -> ByteBufUtil.writeUtf8(out, TOPIC);
            case Placeholders.TOPIC_INDEX -> Placeholders.writeDecimal(out, TOPIC_INDEX);
            case Placeholders.CLIENT -> Placeholders.writeDecimal(out, CLIENT);
            case Placeholders.RUN -> Placeholders.writeRunId(out, RUN);
            case Placeholders.REF -> Placeholders.writeDecimal(out, ++ref);
            default -> {
                String value = extra.get(name);
                if (value == null) {
                    throw new IllegalStateException("no value for {{" + name + "}}");
                }
                ByteBufUtil.writeUtf8(out, value);
            }
        }
    }
}
