package dev.herd.engine.protocol;

import dev.herd.engine.client.ClientRole;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.receive.ReceiveBudget;
import dev.herd.engine.stamp.StampListener;
import dev.herd.engine.stamp.StampScanner;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ProtocolSession} of every protocol stage test: it records what the stage reports, in order, as readable
 * lines, scans each delivered payload for stamps as herd's session does, and fills placeholders with fixed values
 * (topic {@value #TOPIC}, topic index 0, client {@value #CLIENT}, run {@code 1a2b3c4d}, {@code {{ref}}} 1, 2, …) and
 * feeder columns as given ({@link #with}).
 *
 * <pre>{@code
 * RecordingProtocolSession session = RecordingProtocolSession.subscriber().with("token", "t-1");
 * EmbeddedChannel ch = new EmbeddedChannel(protocol.newStage(session));
 * ch.pipeline().fireUserEventTriggered(ProtocolStarted.INSTANCE);
 * ...
 * assertThat(session.trace()).containsExactly("subscribed", "deliver hello");
 * }</pre>
 *
 * <p>The lines: {@code subscribed}, {@code rejected <why>}, {@code subscribe timed out <why>}, {@code deliver
 * <payload>} and {@code violated <reason>: <why>}. A payload is shown as UTF-8 with control characters written
 * {@code \0}, {@code \n}, {@code \r} or {@code \xNN}, so a trace compares as plain strings. A
 * {@linkplain #countingSubscriber() counting} session leaves deliveries out of the trace and so allocates nothing for
 * them: for allocation tests.
 */
public final class RecordingProtocolSession implements ProtocolSession, FrameValues, StampListener {

    public static final String TOPIC = "news";
    public static final int CLIENT = 7;
    public static final long RUN = 0x1a2b3c4dL;

    private static final String DELIVER = "deliver ";
    private static final String REJECTED = "rejected ";
    private static final String TIMED_OUT = "subscribe timed out ";
    private static final String VIOLATED = "violated ";

    private final ClientRole role;
    private final boolean recordsDeliveries;
    private final List<String> trace = new ArrayList<>();
    private final Map<String, String> columns = new LinkedHashMap<>();
    private int maxMessageBytes = 1 << 20;
    private ReceiveBudget budget = new ReceiveBudget(ReceiveBudget.DEFAULT_MAX_BYTES);
    private int ref;
    private long deliveries;
    private long stamps;
    private long malformedStamps;

    private RecordingProtocolSession(ClientRole role, boolean recordsDeliveries) {
        this.role = role;
        this.recordsDeliveries = recordsDeliveries;
    }

    public static RecordingProtocolSession subscriber() {
        return new RecordingProtocolSession(ClientRole.SUBSCRIBER, true);
    }

    public static RecordingProtocolSession publisher() {
        return new RecordingProtocolSession(ClientRole.PUBLISHER, true);
    }

    /** A subscriber that counts deliveries and stamps without recording them, allocating nothing per message. */
    public static RecordingProtocolSession countingSubscriber() {
        return new RecordingProtocolSession(ClientRole.SUBSCRIBER, false);
    }

    /** A value for {@code {{name}}}, as a feeder column gives one. */
    public RecordingProtocolSession with(String name, String value) {
        columns.put(name, value);
        return this;
    }

    /**
     * Splits may hold at most {@code maxMessageBytes}, drawing on a budget of {@code budgetBytes} ({@link #budget()});
     * the defaults are herd's: 1 MiB and 256 MiB.
     */
    public RecordingProtocolSession limits(int maxMessageBytes, long budgetBytes) {
        this.maxMessageBytes = maxMessageBytes;
        this.budget = new ReceiveBudget(budgetBytes);
        return this;
    }

    /** The run's receive budget the stage's shares draw on. */
    public ReceiveBudget budget() {
        return budget;
    }

    /** Everything reported so far, in order (deliveries left out by a counting session). */
    public List<String> trace() {
        return trace;
    }

    /** The payloads delivered so far, as {@link #trace()} shows them. */
    public List<String> delivered() {
        return linesAfter(DELIVER);
    }

    /** The reasons of the refusals reported ({@code rejected}). */
    public List<String> rejections() {
        return linesAfter(REJECTED);
    }

    /** The reasons of the handshake steps reported timed out ({@code subscribeTimedOut}). */
    public List<String> timeouts() {
        return linesAfter(TIMED_OUT);
    }

    /** The violations reported, each as {@code <reason>: <why>}. */
    public List<String> violations() {
        return linesAfter(VIOLATED);
    }

    /** How many times the stage said the subscription is acknowledged (once at most, for a sound stage). */
    public long subscriptions() {
        return trace.stream().filter("subscribed"::equals).count();
    }

    /** How many payloads were delivered, counting session or not. */
    public long deliveries() {
        return deliveries;
    }

    /** How many stamps the delivered payloads held, and how many malformed ones. */
    public long stamps() {
        return stamps;
    }

    public long malformedStamps() {
        return malformedStamps;
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
        return maxMessageBytes;
    }

    @Override
    public ReceiveBudget.Share receiveShare() {
        return budget.share();
    }

    @Override
    public void subscribed() {
        trace.add("subscribed");
    }

    @Override
    public void rejected(String why) {
        trace.add(REJECTED + why);
    }

    @Override
    public void subscribeTimedOut(String why) {
        trace.add(TIMED_OUT + why);
    }

    @Override
    public void deliver(ByteBuf buf, int index, int length) {
        deliveries++;
        StampScanner.scan(buf, index, length, this);
        if (recordsDeliveries) {
            trace.add(DELIVER + show(buf, index, length));
        }
    }

    @Override
    public void violated(FailureReason reason, String why) {
        trace.add(VIOLATED + reason.key() + ": " + why);
    }

    @Override
    public void write(String name, ByteBuf out) {
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
    public void onStamp(long runId, int topicIndex, long seq, long intendedNanos, long sentNanos) {
        stamps++;
    }

    @Override
    public void onMalformed() {
        malformedStamps++;
    }

    private List<String> linesAfter(String prefix) {
        return trace.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .toList();
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
