/**
 * MQTT over WebSocket ({@code --protocol mqtt}): {@link dev.herd.engine.protocol.mqtt.MqttProtocol} and the stage,
 * reader and writer it is made of. Packets are read in place in each WebSocket message; see
 * <a href="https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html">MQTT 3.1.1</a> and
 * <a href="https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html">MQTT 5.0</a>.
 */
package dev.herd.engine.protocol.mqtt;
