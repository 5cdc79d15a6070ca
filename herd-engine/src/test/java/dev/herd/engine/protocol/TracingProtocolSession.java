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
 * A {@link ProtocolSession} for stage tests: it records what the stage reports, in order, as readable lines, and fills
 * placeholders with fixed values (topic {@code news}, topic index 0, client 7, run {@code 1a2b3c4d}, ref 1, 2, …) and
 * feeder columns as given ({@link #with}).
 *
 * <pre>{@code
 * TracingProtocolSession session = TracingProtocolSession.subscriber();
 * EmbeddedChannel ch = new EmbeddedChannel(protocol.newStage(session));
 * ch.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
 * ...
 * assertThat(session.trace()).containsExactly("subscribed", "deliver hello");
 * }</pre>
 *
 * <p>Delivered payloads are recorded as UTF-8 text with control characters shown as {@code \0}, {@code \n}, {@code \r}
 * or {@code \xNN}, so a trace compares as plain strings.
 */
public final class TracingProtocolSession implements ProtocolSession {

    public static final String TOPIC = "news";
    public static final int CLIENT = 7;
    public static final long RUN = 0x1a2b3c4dL;

    private final ClientRole role;
    private final List<String> trace = new ArrayList<>();
    private final boolean recordsDeliveries;
    private int ref;
    private long deliveries;
    private final Map<String, String> columns = new LinkedHashMap<>();
    private int maxMessageBytes = 1 << 20;
    private ReceiveBudget budget = new ReceiveBudget(ReceiveBudget.DEFAULT_MAX_BYTES);

    public TracingProtocolSession(ClientRole role) {
        this(role, true);
    }

    private TracingProtocolSession(ClientRole role, boolean recordsDeliveries) {
        this.role = role;
        this.recordsDeliveries = recordsDeliveries;
    }

    /** A subscriber that only counts deliveries, allocating nothing for them: for allocation tests. */
    public static TracingProtocolSession countingSubscriber() {
        return new TracingProtocolSession(ClientRole.SUBSCRIBER, false);
    }

    /** How many payloads were delivered. */
    public long deliveries() {
        return deliveries;
    }

    public static TracingProtocolSession subscriber() {
        return new TracingProtocolSession(ClientRole.SUBSCRIBER);
    }

    public static TracingProtocolSession publisher() {
        return new TracingProtocolSession(ClientRole.PUBLISHER);
    }

    /** Everything reported so far: {@code subscribed}, {@code rejected <why>}, {@code deliver <payload>}, {@code violated <reason>: <why>}. */
    public List<String> trace() {
        return trace;
    }

    /** The payloads delivered so far, as {@link #trace()} shows them. */
    public List<String> delivered() {
        return trace.stream().filter(line -> line.startsWith("deliver ")).map(line -> line.substring(8)).toList();
    }

    @Override
    public ClientRole role() {
        return role;
    }

    /** A value for {@code {{name}}}, as a feeder column gives one. */
    public TracingProtocolSession with(String name, String value) {
        columns.put(name, value);
        return this;
    }

    /** Splits may hold at most {@code maxMessageBytes}, drawing on a budget of {@code budgetBytes} (see {@link #budget()}). */
    public TracingProtocolSession limits(int maxMessageBytes, long budgetBytes) {
        this.maxMessageBytes = maxMessageBytes;
        this.budget = new ReceiveBudget(budgetBytes);
        return this;
    }

    /** The run's receive budget the stage's shares draw on: 256 MiB unless {@link #limits} says otherwise. */
    public ReceiveBudget budget() {
        return budget;
    }

    @Override
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    @Override
    public ReceiveBudget.Share receiveShare() {
        return budget.share();
    }

    @Override
    public FrameValues values() {
        return this::write;
    }

    private void write(String name, ByteBuf out) {
        switch (name) {
            case Placeholders.TOPIC -> ByteBufUtil.writeUtf8(out, TOPIC);
            case Placeholders.TOPIC_INDEX -> Placeholders.writeDecimal(out, 0);
            case Placeholders.CLIENT -> Placeholders.writeDecimal(out, CLIENT);
            case Placeholders.RUN -> Placeholders.writeRunId(out, RUN);
            case Placeholders.REF -> Placeholders.writeDecimal(out, ++ref);
            default -> {
                String value = columns.get(name);
                if (value == null) {
                    throw new IllegalStateException("no value for {{" + name + "}}");
                }
                ByteBufUtil.writeUtf8(out, value);
            }
        }
    }

    @Override
    public void subscribed() {
        trace.add("subscribed");
    }

    @Override
    public void rejected(String why) {
        trace.add("rejected " + why);
    }

    @Override
    public void deliver(ByteBuf buf, int index, int length) {
        deliveries++;
        if (recordsDeliveries) {
            trace.add("deliver " + show(buf, index, length));
        }
    }

    @Override
    public void violated(FailureReason reason, String why) {
        trace.add("violated " + reason.key() + ": " + why);
    }

    /** {@code [index, index + length)} of {@code buf} as UTF-8, control characters escaped. */
    public static String show(ByteBuf buf, int index, int length) {
        String text = buf.toString(index, length, StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder(text.length());
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            switch (c) {
                case '\0' -> shown.append("\\0");
                case '\n' -> shown.append("\\n");
                case '\r' -> shown.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        shown.append(String.format("\\x%02x", (int) c));
                    } else {
                        shown.append(c);
                    }
                }
            }
        }
        return shown.toString();
    }
}
