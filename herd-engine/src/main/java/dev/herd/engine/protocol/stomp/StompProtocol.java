package dev.herd.engine.protocol.stomp;

import dev.herd.engine.protocol.FrameTemplate;
import dev.herd.engine.protocol.Placeholders;
import dev.herd.engine.protocol.ProtocolOption;
import dev.herd.engine.protocol.ProtocolOptions;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.protocol.ProtocolStage;
import dev.herd.engine.protocol.WireProtocol;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * STOMP 1.0, 1.1 and 1.2 over WebSocket ({@code --protocol stomp}): CONNECT, SUBSCRIBE with a receipt, negotiated
 * heart-beats, SEND to publish (<a href="https://stomp.github.io/stomp-specification-1.2.html">STOMP 1.2</a>). Brokers:
 * RabbitMQ's Web STOMP, ActiveMQ, Artemis, Spring's STOMP endpoints.
 *
 * <pre>{@code
 * WireProtocol stomp = WireProtocols.builtIn("stomp", Map.of("login", "guest", "passcode", "guest"));
 * WireProtocol perUser = WireProtocols.builtIn("stomp", Map.of("login", "{{user}}", "passcode", "{{token}}"));
 * }</pre>
 *
 * <p>Immutable and shared by every connection: the CONNECT, SUBSCRIBE and SEND templates are made once, and written
 * per connection (credentials from feeder columns) or per message.
 */
public final class StompProtocol implements WireProtocol {

    public static final String NAME = "stomp";

    /** What {@code --protocol-option} takes for STOMP, with the defaults (declared here only). */
    public static final List<ProtocolOption> OPTIONS = List.of(
            new ProtocolOption("login", null,
                    "CONNECT's login header; sent only when given; placeholders such as {{user}} are filled per connection"),
            new ProtocolOption("passcode", null, "CONNECT's passcode header; sent only when given; placeholders such as "
                    + "{{token}} are filled per connection; a secret, masked in every output"),
            new ProtocolOption("host", "/",
                    "CONNECT's host header: the virtual host (RabbitMQ's vhost); placeholders are filled per connection"),
            new ProtocolOption("destination", "/topic/{{topic}}",
                    "where SUBSCRIBE and SEND go; placeholders such as {{topic}} are filled per connection"),
            new ProtocolOption("heartbeat", "10s",
                    "the heart-beat herd offers and asks for, both ways (CONNECT's heart-beat header); 0 for none"),
            new ProtocolOption("ack", "auto",
                    "the subscription's ack mode: auto, client or client-individual (herd then ACKs every MESSAGE)"));

    private static final List<String> SUBPROTOCOLS = List.of("v12.stomp", "v11.stomp", "v10.stomp");

    private final Set<String> secretValues;
    private final long heartbeatMillis;
    private final StompAckMode ackMode;
    private final FrameTemplate connectFrame;
    private final FrameTemplate subscribeFrame;
    private final FrameTemplate sendHead;
    private final Set<String> placeholders;

    private StompProtocol(String login, String passcode, String host, String destination, long heartbeatMillis,
                          StompAckMode ackMode) {
        this.heartbeatMillis = heartbeatMillis;
        this.ackMode = ackMode;
        this.connectFrame = StompFrameWriter.connect(host, login, passcode, heartbeatMillis);
        this.subscribeFrame = StompFrameWriter.subscribe(destination, ackMode);
        this.sendHead = StompFrameWriter.sendHead(destination);
        // Every placeholder of a STOMP frame herd writes is in a header: the CONNECT's or the destination.
        Set<String> names = new LinkedHashSet<>(connectFrame.names());
        names.addAll(subscribeFrame.names());
        // In the order the frames use them, so that a check names the first one it cannot fill.
        this.placeholders = Collections.unmodifiableSet(names);
        this.secretValues = passcode == null ? Set.of() : Set.copyOf(FrameTemplate.parse(passcode).literals());
    }

    /** STOMP with {@code options}; a bad value is an {@link IllegalArgumentException} of one line naming it. */
    public static StompProtocol of(ProtocolOptions options) {
        String login = headerValue(options, "login", "CONNECT");
        String passcode = headerValue(options, "passcode", "CONNECT");
        String host = headerValue(options, "host", "CONNECT");
        String destination = headerValue(options, "destination", "SUBSCRIBE");
        if (destination.isEmpty()) {
            throw new IllegalArgumentException("protocol option 'destination' of " + NAME + " must not be empty");
        }
        Duration heartbeat = options.duration("heartbeat");
        if (heartbeat.isNegative()) {
            throw new IllegalArgumentException("protocol option 'heartbeat' of " + NAME
                    + " must be a duration such as 10s, or 0 for none, not '" + options.text("heartbeat") + "'");
        }
        StompAckMode ack = StompAckMode.of(options.choice("ack", Set.of("auto", "client", "client-individual")));
        return new StompProtocol(login, passcode, host, destination, heartbeat.toMillis(), ack);
    }

    /**
     * The option's value (null when neither given nor defaulted), a template for a header of {@code frame}: refused if
     * it would break the frame's lines or uses a publish's own placeholders.
     */
    private static String headerValue(ProtocolOptions options, String key, String frame) {
        String value = options.text(key);
        if (value == null) {
            return null;
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("protocol option '" + key + "' of " + NAME
                    + " must not hold a line break or NUL");
        }
        for (String name : FrameTemplate.parse(value).names()) {
            if (Placeholders.PUBLISH.contains(name)) {
                throw new IllegalArgumentException("protocol option '" + key + "' of " + NAME + " cannot use {{"
                        + name + "}}: " + frame + " has no payload");
            }
        }
        return value;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> subprotocols() {
        return SUBPROTOCOLS;
    }

    @Override
    public boolean subscribes() {
        return true;
    }

    @Override
    public Set<String> placeholders() {
        return placeholders;
    }

    @Override
    public Set<String> headerPlaceholders() {
        return placeholders;
    }

    @Override
    public Set<String> secretValues() {
        return secretValues;
    }

    @Override
    public ProtocolStage newStage(ProtocolSession session) {
        return new StompStage(this, session);
    }

    FrameTemplate connectFrame() {
        return connectFrame;
    }

    FrameTemplate subscribeFrame() {
        return subscribeFrame;
    }

    FrameTemplate sendHead() {
        return sendHead;
    }

    long heartbeatMillis() {
        return heartbeatMillis;
    }

    StompAckMode ackMode() {
        return ackMode;
    }
}
