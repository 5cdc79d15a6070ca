package dev.herd.engine.protocol.mqtt;

/** The MQTT version herd speaks ({@code version} option), with its CONNECT protocol level. */
enum MqttVersion {
    /** <a href="https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html">MQTT 3.1.1</a>. */
    V3_1_1("3.1.1", 4),
    /** <a href="https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html">MQTT 5.0</a>: packets carry properties. */
    V5("5", 5);

    private final String option;
    private final int level;

    MqttVersion(String option, int level) {
        this.option = option;
        this.level = level;
    }

    /** The protocol level byte of CONNECT. */
    int level() {
        return level;
    }

    /** True when packets carry a properties section (MQTT 5). */
    boolean hasProperties() {
        return this == V5;
    }

    static MqttVersion of(String option) {
        for (MqttVersion v : values()) {
            if (v.option.equals(option)) {
                return v;
            }
        }
        throw new IllegalArgumentException(option);
    }
}
