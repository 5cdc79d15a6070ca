package dev.herd.engine.protocol;

import dev.herd.engine.client.ClientRole;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.receive.ReceiveBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ProtocolSession} for stage tests: records what the stage reports as lines ({@code subscribed},
 * {@code rejected: why}, {@code deliver: text}, {@code violated reason: why}) and fills placeholders from fixed values
 * (topic {@code topic-0}, client 0, run {@code 1a2b3c4d}, {@code {{ref}}} counting from 1, extra columns as given).
 *
 * <pre>{@code
 * RecordingProtocolSession session = RecordingProtocolSession.subscriber();
 * EmbeddedChannel ch = new EmbeddedChannel(protocol.newStage(session));
 * assertThat(session.events).containsExactly("subscribed", "deliver: [\"message\",\"hi\"]");
 * }</pre>
 */
public final class RecordingProtocolSession implements ProtocolSession, FrameValues {

    public static final long RUN_ID = 0x1a2b3c4dL;

    public final List<String> events = new ArrayList<>();
    public final ReceiveBudget budget = new ReceiveBudget(ReceiveBudget.DEFAULT_MAX_BYTES);
    private final ClientRole role;
    private final Map<String, String> values = new LinkedHashMap<>();
    private int ref;

    public RecordingProtocolSession(ClientRole role, String topic, Map<String, String> columns) {
        this.role = role;
        values.put(Placeholders.TOPIC, topic);
        values.put(Placeholders.TOPIC_INDEX, "0");
        values.put(Placeholders.CLIENT, "0");
        values.putAll(columns);
    }

    public static RecordingProtocolSession subscriber() {
        return new RecordingProtocolSession(ClientRole.SUBSCRIBER, "topic-0", Map.of());
    }

    public static RecordingProtocolSession publisher() {
        return new RecordingProtocolSession(ClientRole.PUBLISHER, "topic-0", Map.of());
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
        events.add("subscribed");
    }

    @Override
    public void rejected(String why) {
        events.add("rejected: " + why);
    }

    @Override
    public void deliver(ByteBuf buf, int index, int length) {
        events.add("deliver: " + buf.toString(index, length, StandardCharsets.UTF_8));
    }

    @Override
    public void violated(FailureReason reason, String why) {
        events.add("violated " + reason.key() + ": " + why);
    }

    @Override
    public void write(String name, ByteBuf out) {
        switch (name) {
            case Placeholders.RUN -> Placeholders.writeRunId(out, RUN_ID);
            case Placeholders.REF -> Placeholders.writeDecimal(out, ++ref);
            default -> {
                String value = values.get(name);
                if (value == null) {
                    throw new IllegalStateException("no value for {{" + name + "}}");
                }
                ByteBufUtil.writeUtf8(out, value);
            }
        }
    }
}
