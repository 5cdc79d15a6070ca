package dev.herd.engine.protocol.socketio;

import dev.herd.engine.client.TargetUrl;
import dev.herd.engine.protocol.ProtocolOption;
import dev.herd.engine.protocol.ProtocolOptions;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.protocol.ProtocolStage;
import dev.herd.engine.protocol.WireProtocol;
import dev.herd.engine.protocol.json.JsonFrameTemplate;
import dev.herd.engine.protocol.json.JsonOptions;
import dev.herd.engine.protocol.json.JsonStrings;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Socket.IO 5 over Engine.IO 4, WebSocket transport only ({@code --protocol socketio}): each connection awaits the
 * Engine.IO open packet, connects its namespace ({@code 40}), and a subscriber emits the subscribe event with an ack
 * id, acknowledged by the server's {@code 43}. Publishers emit the publish event. Pings ({@code 2}) are answered with
 * pongs ({@code 3}).
 *
 * <pre>{@code
 * WireProtocol io = WireProtocols.builtIn("socketio", Map.of("namespace", "/chat", "subscribe_event", "join"));
 * io.url(TargetUrl.parse("ws://127.0.0.1:3000"));   // ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket
 * }</pre>
 *
 * @see <a href="https://socket.io/docs/v4/socket-io-protocol/">the Socket.IO protocol</a>
 * @see <a href="https://socket.io/docs/v4/engine-io-protocol/">the Engine.IO protocol</a>
 */
public final class SocketIoProtocol implements WireProtocol {

    public static final String NAME = "socketio";

    public static final List<ProtocolOption> OPTIONS = List.of(
            new ProtocolOption("namespace", "/", "the namespace each connection connects (40/chat, for /chat)"),
            new ProtocolOption("subscribe_event", "subscribe", "the event a subscriber emits once connected"),
            new ProtocolOption("subscribe_args", "[\"{{topic}}\"]",
                    "the subscribe event's arguments, a JSON array (the event name goes first)"),
            new ProtocolOption("publish_event", "publish", "the event a publisher emits for each message"),
            new ProtocolOption("publish_args", "[{\"topic\":\"{{topic}}\",\"data\":\"{{payload}}\"}]",
                    "the publish event's arguments, a JSON array (the event name goes first)"),
            new ProtocolOption("ack", "true",
                    "emit the subscribe event with an ack id and wait for the server's ack (false: acknowledged once "
                            + "written)"));

    /** The ack id of the subscribe event: the only emit herd asks an ack for, once per connection. */
    static final long SUBSCRIBE_ACK_ID = 0;

    private final String namespace;
    private final byte[] namespaceBytes;
    private final byte[] connectFrame;
    private final JsonFrameTemplate subscribeFrame;
    private final JsonFrameTemplate publishFrame;
    private final boolean ack;

    private SocketIoProtocol(String namespace, JsonFrameTemplate subscribeFrame, JsonFrameTemplate publishFrame,
                             boolean ack) {
        this.namespace = namespace;
        this.namespaceBytes = namespace.getBytes(StandardCharsets.UTF_8);
        this.connectFrame = ("40" + namespacePrefix(namespace)).getBytes(StandardCharsets.UTF_8);
        this.subscribeFrame = subscribeFrame;
        this.publishFrame = publishFrame;
        this.ack = ack;
    }

    /** The protocol with {@code options}; throws {@link IllegalArgumentException} naming a bad option. */
    public static SocketIoProtocol of(ProtocolOptions options) {
        String namespace = options.text("namespace").strip();
        if (!namespace.startsWith("/") || namespace.indexOf(',') >= 0 || namespace.indexOf('{') >= 0) {
            throw new IllegalArgumentException("protocol option 'namespace' of " + NAME + " must start with / and "
                    + "hold no comma or placeholder (e.g. /chat), not '" + namespace + "'");
        }
        boolean ack = options.flag("ack");
        JsonFrameTemplate subscribeArgs = JsonOptions.array(options, "subscribe_args", "[\"{{topic}}\"]", false);
        JsonFrameTemplate publishArgs = JsonOptions.array(options, "publish_args",
                "[{\"topic\":\"{{topic}}\",\"data\":\"{{payload}}\"}]", true);
        String prefix = "42" + namespacePrefix(namespace);
        String subscribe = prefix + (ack ? Long.toString(SUBSCRIBE_ACK_ID) : "")
                + emit(event(options, "subscribe_event"), subscribeArgs.text());
        String publish = prefix + emit(event(options, "publish_event"), publishArgs.text());
        return new SocketIoProtocol(namespace, JsonFrameTemplate.parse(subscribe), JsonFrameTemplate.parse(publish),
                ack);
    }

    private static String event(ProtocolOptions options, String key) {
        String event = options.text(key);
        if (event.isEmpty()) {
            throw new IllegalArgumentException("protocol option '" + key + "' of " + NAME + " must name an event");
        }
        return event;
    }

    /** {@code ["event",arg1,…]}: the event name first, then the arguments of the JSON array {@code args}. */
    private static String emit(String event, String args) {
        String inner = args.substring(1, args.length() - 1).strip();
        return "[" + JsonStrings.quote(event) + (inner.isEmpty() ? "" : "," + inner) + "]";
    }

    /** What follows a packet's type for a namespace: nothing for the main one, {@code /chat,} otherwise. */
    private static String namespacePrefix(String namespace) {
        return namespace.equals("/") ? "" : namespace + ",";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> subprotocols() {
        return List.of();
    }

    @Override
    public boolean subscribes() {
        return true;
    }

    @Override
    public TargetUrl url(TargetUrl given) {
        return SocketIoUrl.complete(given);
    }

    @Override
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>(subscribeFrame.names());
        names.addAll(publishFrame.names());
        return names;
    }

    @Override
    public ProtocolStage newStage(ProtocolSession session) {
        return new SocketIoStage(session, this);
    }

    String namespace() {
        return namespace;
    }

    byte[] namespaceBytes() {
        return namespaceBytes;
    }

    /** {@code 40} or {@code 40/chat,}: the namespace connect. */
    byte[] connectFrame() {
        return connectFrame;
    }

    /** {@code 42[0]["subscribe","topic-0"]}, namespace and ack id included. */
    JsonFrameTemplate subscribeFrame() {
        return subscribeFrame;
    }

    /** {@code 42["publish",{"topic":"topic-0","data":"…"}]}, namespace included. */
    JsonFrameTemplate publishFrame() {
        return publishFrame;
    }

    /** True when the subscribe event waits for the server's ack. */
    boolean ack() {
        return ack;
    }

    @Override
    public String toString() {
        return NAME + "[namespace=" + namespace + ", subscribe=" + subscribeFrame + ", publish=" + publishFrame
                + ", ack=" + ack + "]";
    }
}
