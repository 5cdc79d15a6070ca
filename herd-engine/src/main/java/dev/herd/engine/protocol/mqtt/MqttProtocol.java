package dev.herd.engine.protocol.mqtt;

import dev.herd.engine.protocol.FrameTemplate;
import dev.herd.engine.protocol.Placeholders;
import dev.herd.engine.protocol.ProtocolOption;
import dev.herd.engine.protocol.ProtocolOptions;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.protocol.ProtocolStage;
import dev.herd.engine.protocol.WireProtocol;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
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
 * }</pre>
 *
 * <p>Immutable and shared by every connection. Publisher connections add {@value #PUBLISHER_CLIENT_ID_SUFFIX} to
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
            new ProtocolOption("username", null, "CONNECT's user name; sent only when given"),
            new ProtocolOption("password", null,
                    "CONNECT's password; sent only when given; a secret, masked in every output"),
            new ProtocolOption("client_id", "herd-{{run}}-{{client}}",
                    "CONNECT's client id, unique per connection; publishers add " + MqttProtocol.PUBLISHER_CLIENT_ID_SUFFIX));

    /** Added to a publisher connection's client id, so it never takes over a subscriber's session. */
    static final String PUBLISHER_CLIENT_ID_SUFFIX = "-pub";

    private static final List<String> SUBPROTOCOLS = List.of("mqtt");
    private static final int MAX_KEEPALIVE_SECONDS = 0xFFFF;

    private final MqttVersion version;
    private final FrameTemplate topic;
    private final int qos;
    private final int keepaliveSeconds;
    private final byte[] userName;
    private final String password;
    private final FrameTemplate clientId;

    private MqttProtocol(MqttVersion version, FrameTemplate topic, int qos, int keepaliveSeconds, String userName,
                         String password, FrameTemplate clientId) {
        this.version = version;
        this.topic = topic;
        this.qos = qos;
        this.keepaliveSeconds = keepaliveSeconds;
        this.userName = userName == null ? null : userName.getBytes(StandardCharsets.UTF_8);
        this.password = password;
        this.clientId = clientId;
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
        String userName = options.text("username");
        String password = options.text("password");
        if (password != null && userName == null && version == MqttVersion.V3_1_1) {
            throw new IllegalArgumentException("protocol option 'password' of " + NAME
                    + " needs 'username' too: MQTT 3.1.1 sends no password without a user name");
        }
        return new MqttProtocol(version, topic, qos, (int) keepalive.getSeconds(), userName, password,
                template(options, "client_id"));
    }

    private static FrameTemplate template(ProtocolOptions options, String key) {
        FrameTemplate template = FrameTemplate.parse(options.text(key));
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
        Set<String> names = new HashSet<>(topic.names());
        names.addAll(clientId.names());
        return Set.copyOf(names);
    }

    @Override
    public Set<String> secretValues() {
        return password == null || password.isEmpty() ? Set.of() : Set.of(password);
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

    /** Null when not given. Shared: read, never written. */
    byte[] userName() {
        return userName;
    }

    /** Null when not given. */
    byte[] password() {
        return password == null ? null : password.getBytes(StandardCharsets.UTF_8);
    }
}
