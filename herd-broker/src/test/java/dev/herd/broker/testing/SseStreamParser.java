package dev.herd.broker.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A small, independent event-stream parser following the WHATWG "Server-sent events" interpretation rules
 * (§9.2.6): lines end at CRLF, LF or CR; {@code data} lines join with LF; an event is dispatched at a blank
 * line when its data buffer is not empty; a leading space after the colon is dropped. Used by tests to read
 * what a browser would read.
 */
public final class SseStreamParser {

    /** One dispatched event; {@code id} is the last event ID in force when it was dispatched. */
    public record Event(String id, String event, String data) {
        public long idAsLong() {
            return Long.parseLong(id);
        }
    }

    private final Consumer<Event> events;
    private final Consumer<String> comments;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean lastWasCr;
    private StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String lastEventId = "";
    private volatile long retryMillis = -1;

    public SseStreamParser(Consumer<Event> events, Consumer<String> comments) {
        this.events = events;
        this.comments = comments;
    }

    /** Parses {@code bytes}' readable bytes without consuming them; input may be split anywhere. */
    public void feed(ByteBuf bytes) {
        // One bulk copy: under paranoid leak detection every ByteBuf access records a stack trace.
        feed(ByteBufUtil.getBytes(bytes));
    }

    public void feed(byte[] bytes) {
        for (byte b : bytes) {
            feed(b);
        }
    }

    public long retryMillis() {
        return retryMillis;
    }

    private void feed(byte b) {
        if (b == '\n' && lastWasCr) {
            lastWasCr = false; // the LF of a CRLF: the line already ended at the CR
            return;
        }
        lastWasCr = b == '\r';
        if (b == '\r' || b == '\n') {
            processLine(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }

    private void processLine(String text) {
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.startsWith(":")) {
            comments.accept(text.substring(1).stripLeading());
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> data.append(value).append('\n');
            case "event" -> eventType = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                    retryMillis = Long.parseLong(value);
                }
            }
            default -> {
                // unknown fields are ignored
            }
        }
    }

    private void dispatch() {
        if (data.length() == 0) {
            eventType = "";
            return;
        }
        String value = data.substring(0, data.length() - 1);
        events.accept(new Event(lastEventId, eventType.isEmpty() ? "message" : eventType, value));
        data = new StringBuilder();
        eventType = "";
    }
}
