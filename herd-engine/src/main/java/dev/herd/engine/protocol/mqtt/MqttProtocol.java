package dev.herd.engine.protocol.mqtt;

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
 * MQTT 3.1.1 and 5 over WebSocket ({@code --protocol mqtt}): CONNECT, SUBSCRIBE, PINGREQ keep-alives, PUBLISH at QoS 0
 * or 1 (<a href="https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html">MQTT 3.1.1</a>, <a
 * href="https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html">MQTT 5.0</a>, §6 for WebSocket). Brokers:
 * mosquitto, EMQX, HiveMQ, VerneMQ, RabbitMQ's Web MQTT.
 *
 * <pre>{@code
 * WireProtocol mqtt = WireProtocols.builtIn("mqtt", Map.of("version", "5", "qos", "1"));
 * WireProtocol perUser = WireProtocols.builtIn("mqtt", Map.of("username", "{{user}}", "password", "{{token}}"));
 * }</pre>
 *
 * <p>Immutable and shared by every connection; the client id and credentials are templates written per connection. Publisher connections add {@value #PUBLISHER_CLIENT_ID_SUFFIX} to
 * their client id: {@code {{client}}} numbers publishers by topic from 0, as it numbers subscribers, and a broker
 * disconnects a client whose id another connection takes.
 */
public final class MqttProtocol implements WireProtocol {

    public static final String NAME = "mqtt";

    /** What {@code --protocol-option} takes for MQTT, with the defaults (declared here only). */
    public static final List<ProtocolOption> OPTIONS = List.of(
            new ProtocolOption("version", "3.1.1", "the MQTT version: 3.1.1 or 5"),
            new ProtocolOption("topic", "{{topic}}",
                    "the topic filter subscribed to and the topic published to; placeholders are filled per connection"),
            new ProtocolOption("qos", "0", "the QoS of SUBSCRIBE and PUBLISH: 0 or 1 (herd then PUBACKs each message)"),
            new ProtocolOption("keepalive", "30s",
                    "CONNECT's keep alive, whole seconds: a PINGREQ this often; 0 for none"),
            new ProtocolOption("username", null,
                    "CONNECT's user name; sent only when given; placeholders such as {{user}} are filled per connection"),
            new ProtocolOption("password", null, "CONNECT's password; sent only when given; placeholders such as "
                    + "{{token}} are filled per connection; a secret, masked in every output"),
            new ProtocolOption("client_id", "herd-{{run}}-{{client}}", "CONNECT's client id, unique per connection "
                    + "(placeholders are filled per connection); publishers add " + MqttProtocol.PUBLISHER_CLIENT_ID_SUFFIX));

    /** Added to a publisher connection's client id, so it never takes over a subscriber's session. */
    static final String PUBLISHER_CLIENT_ID_SUFFIX = "-pub";

    private static final List<String> SUBPROTOCOLS = List.of("mqtt");
    private static final int MAX_KEEPALIVE_SECONDS = 0xFFFF;

    private final MqttVersion version;
    private final FrameTemplate topic;
    private final int qos;
    private final int keepaliveSeconds;
    private final FrameTemplate userName;
    private final FrameTemplate password;
    private final FrameTemplate clientId;
    private final Set<String> placeholders;

    private MqttProtocol(MqttVersion version, FrameTemplate topic, int qos, int keepaliveSeconds,
                         FrameTemplate userName, FrameTemplate password, FrameTemplate clientId) {
        this.version = version;
        this.topic = topic;
        this.qos = qos;
        this.keepaliveSeconds = keepaliveSeconds;
        this.userName = userName;
        this.password = password;
        this.clientId = clientId;
        Set<String> names = new LinkedHashSet<>(clientId.names());
        if (userName != null) {
            names.addAll(userName.names());
        }
        if (password != null) {
            names.addAll(password.names());
        }
        names.addAll(topic.names());
        // In the order the frames use them, so that a check names the first one it cannot fill.
        this.placeholders = Collections.unmodifiableSet(names);
    }

    /** MQTT with {@code options}; a bad value is an {@link IllegalArgumentException} of one line naming it. */
    public static MqttProtocol of(ProtocolOptions options) {
        MqttVersion version = MqttVersion.of(options.choice("version", Set.of("3.1.1", "5")));
        FrameTemplate topic = template(options, "topic");
        if (topic.text().isEmpty()) {
            throw new IllegalArgumentException("protocol option 'topic' of " + NAME + " must not be empty");
        }
        int qos = options.integer("qos", 0, 1);
        Duration keepalive = options.duration("keepalive");
        if (keepalive.isNegative() || keepalive.toNanosPart() != 0 || keepalive.getSeconds() > MAX_KEEPALIVE_SECONDS) {
            throw new IllegalArgumentException("protocol option 'keepalive' of " + NAME + " must be whole seconds from "
                    + "0 to " + MAX_KEEPALIVE_SECONDS + " (such as 30s), not '" + options.text("keepalive") + "'");
        }
        FrameTemplate userName = template(options, "username");
        FrameTemplate password = template(options, "password");
        if (password != null && userName == null && version == MqttVersion.V3_1_1) {
            throw new IllegalArgumentException("protocol option 'password' of " + NAME
                    + " needs 'username' too: MQTT 3.1.1 sends no password without a user name");
        }
        return new MqttProtocol(version, topic, qos, (int) keepalive.getSeconds(), userName, password,
                template(options, "client_id"));
    }

    /** The option as a template, null when neither given nor defaulted; it may not use a publish's placeholders. */
    private static FrameTemplate template(ProtocolOptions options, String key) {
        String text = options.text(key);
        if (text == null) {
            return null;
        }
        FrameTemplate template = FrameTemplate.parse(text);
        for (String name : template.names()) {
            if (Placeholders.PUBLISH.contains(name)) {
                throw new IllegalArgumentException("protocol option '" + key + "' of " + NAME + " cannot use {{" + name
                        + "}}: it is sent before any payload");
            }
        }
        return template;
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
    public Set<String> secretValues() {
        return password == null ? Set.of() : Set.copyOf(password.literals());
    }

    @Override
    public ProtocolStage newStage(ProtocolSession session) {
        return new MqttStage(this, session);
    }

    MqttVersion version() {
        return version;
    }

    FrameTemplate topic() {
        return topic;
    }

    int qos() {
        return qos;
    }

    int keepaliveSeconds() {
        return keepaliveSeconds;
    }

    FrameTemplate clientId() {
        return clientId;
    }

    /** Null when not given. */
    FrameTemplate userName() {
        return userName;
    }

    /** Null when not given. */
    FrameTemplate password() {
        return password;
    }
}
