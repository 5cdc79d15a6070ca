package dev.herd.engine.sse;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Test listener that writes down everything a parser reports, one readable line per callback. */
final class RecordingSseListener implements SseEventListener {

    final List<String> trace = new ArrayList<>();
    /** The limits reported, apart from the trace so that the traces of dropped events read as before. */
    final List<SseLimit> limits = new ArrayList<>();
    private final Supplier<String> lastEventId;

    RecordingSseListener(Supplier<String> lastEventId) {
        this.lastEventId = lastEventId;
    }

    /** How an event appears in the trace: its type ("message" when empty), its data and the last event id. */
    static String event(String type, String data, String id) {
        return "event " + type + " [" + data + "] id=" + id;
    }

    @Override
    public void onEvent(ByteBuf data, ByteBuf eventType) {
        String type = eventType.isReadable() ? eventType.toString(StandardCharsets.UTF_8) : "message";
        trace.add(event(type, data.toString(StandardCharsets.UTF_8), lastEventId.get()));
    }

    @Override
    public void onRetry(long millis) {
        trace.add("retry " + millis);
    }

    @Override
    public void onComment(ByteBuf comment) {
        trace.add("comment [" + comment.toString(StandardCharsets.UTF_8) + "]");
    }

    @Override
    public void onLimitExceeded(SseLimit limit) {
        limits.add(limit);
    }
}
