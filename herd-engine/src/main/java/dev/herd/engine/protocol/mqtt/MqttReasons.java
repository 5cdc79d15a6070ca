package dev.herd.engine.protocol.mqtt;

/**
 * Names for the codes a broker answers with, for the one line that says why a connection failed: CONNACK return codes
 * of 3.1.1 (§3.2.2.3) and the reason codes of 5.0 (§2.4).
 */
final class MqttReasons {

    private MqttReasons() {
    }

    /** {@code 0x05 not authorized}, and so on; the hex code alone when it has no name. */
    static String describe(MqttVersion version, int code) {
        String name = version.hasProperties() ? v5(code) : v3(code);
        return String.format("0x%02X", code) + (name == null ? "" : " " + name);
    }

    private static String v3(int code) {
        return switch (code) {
            case 0x01 -> "unacceptable protocol version";
            case 0x02 -> "identifier rejected";
            case 0x03 -> "server unavailable";
            case 0x04 -> "bad user name or password";
            case 0x05 -> "not authorized";
            case 0x80 -> "failure";
            default -> null;
        };
    }

    private static String v5(int code) {
        return switch (code) {
            case 0x80 -> "unspecified error";
            case 0x81 -> "malformed packet";
            case 0x82 -> "protocol error";
            case 0x83 -> "implementation specific error";
            case 0x84 -> "unsupported protocol version";
            case 0x85 -> "client identifier not valid";
            case 0x86 -> "bad user name or password";
            case 0x87 -> "not authorized";
            case 0x88 -> "server unavailable";
            case 0x89 -> "server busy";
            case 0x8A -> "banned";
            case 0x8B -> "server shutting down";
            case 0x8C -> "bad authentication method";
            case 0x8D -> "keep alive timeout";
            case 0x8E -> "session taken over";
            case 0x8F -> "topic filter invalid";
            case 0x90 -> "topic name invalid";
            case 0x93 -> "receive maximum exceeded";
            case 0x94 -> "topic alias invalid";
            case 0x95 -> "packet too large";
            case 0x96 -> "message rate too high";
            case 0x97 -> "quota exceeded";
            case 0x98 -> "administrative action";
            case 0x99 -> "payload format invalid";
            case 0x9A -> "retain not supported";
            case 0x9B -> "QoS not supported";
            case 0x9C -> "use another server";
            case 0x9D -> "server moved";
            case 0x9E -> "shared subscriptions not supported";
            case 0x9F -> "connection rate exceeded";
            case 0xA0 -> "maximum connect time";
            case 0xA1 -> "subscription identifiers not supported";
            case 0xA2 -> "wildcard subscriptions not supported";
            default -> null;
        };
    }
}
