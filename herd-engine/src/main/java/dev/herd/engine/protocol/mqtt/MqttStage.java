package dev.herd.engine.protocol.mqtt;

import dev.herd.engine.client.ClientRole;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.protocol.ProtocolStage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One connection's MQTT: CONNECT, then for a subscriber SUBSCRIBE; each PUBLISH's payload goes to the stamp scan in
 * place (QoS 1 answered with PUBACK), PINGREQ keeps the connection alive, and a publisher's payloads go out as PUBLISH
 * (QoS 1 counted once the broker's PUBACK arrives).
 *
 * <p>Per connection it holds a state, the keep-alive clock and a packet reader that owns a buffer (within the run's
 * message limit and receive budget) only while a packet is split across WebSocket messages; a QoS 1 publisher also
 * holds its {@link MqttInFlight} window.
 */
final class MqttStage extends ProtocolStage implements MqttPacketReader.Listener {

    private static final int CONNACK = 2;
    private static final int PUBLISH = 3;
    private static final int PUBACK = 4;
    private static final int SUBACK = 9;
    private static final int PINGRESP = 13;
    private static final int DISCONNECT = 14;

    private static final byte CONNECTING = 0;
    private static final byte SUBSCRIBING = 1;
    private static final byte OPEN = 2;
    private static final byte ENDED = 3;
    /** The packet id of the connection's one SUBSCRIBE. */
    private static final int SUBSCRIBE_PACKET_ID = 1;
    private static final byte[] NO_SUFFIX = {};
    private static final byte[] PUBLISHER_SUFFIX =
            MqttProtocol.PUBLISHER_CLIENT_ID_SUFFIX.getBytes(StandardCharsets.US_ASCII);

    private final MqttProtocol protocol;
    private final MqttPacketReader reader;
    /** QoS 1 publishes awaiting their PUBACK; made at CONNACK for a QoS 1 publisher only. */
    private MqttInFlight inFlight;
    private byte state = CONNECTING;
    /** PUBACKs were written during this message and wait for one flush. */
    private boolean acksWritten;
    /** How long the server may stay silent (1.5 times the keep alive); 0 with no keep alive. */
    private long silenceNanos;
    private long lastHeardNanos;

    MqttStage(MqttProtocol protocol, ProtocolSession session) {
        super(session);
        this.protocol = protocol;
        this.reader = new MqttPacketReader(session.maxMessageBytes(), session.receiveShare());
    }

    @Override
    protected void started(ChannelHandlerContext ctx) {
        ByteBuf connect = ctx.alloc().buffer(64);
        try {
            MqttPacketWriter.writeConnect(connect, protocol.version(), protocol.keepaliveSeconds(),
                    protocol.clientId(), session.values(),
                    session.role() == ClientRole.PUBLISHER ? PUBLISHER_SUFFIX : NO_SUFFIX,
                    protocol.userName(), protocol.password());
        } catch (RuntimeException e) {
            connect.release();
            throw e;
        }
        send(ctx, connect, false);
    }

    @Override
    protected void received(ChannelHandlerContext ctx, ByteBuf content, boolean text) {
        if (state == ENDED) {
            return;
        }
        if (silenceNanos > 0) {
            lastHeardNanos = nowNanos();
        }
        FailureReason broken = reader.read(ctx.alloc(), content, this);
        if (acksWritten) {
            acksWritten = false;
            ctx.flush();
        }
        if (broken != null && state != ENDED) {
            state = ENDED;
            session.violated(broken, reader.problem());
        }
    }

    @Override
    public boolean onPacket(int header, ByteBuf buf, int index, int length) {
        switch (header >>> 4) {
            case PUBLISH:
                return publishReceived(header, buf, index, length);
            case PUBACK:
                return pubackReceived(buf, index, length);
            case PINGRESP:
                return true;
            case CONNACK:
                return state != CONNECTING || connack(buf, index, length);
            case SUBACK:
                return state != SUBSCRIBING || suback(buf, index, length);
            case DISCONNECT:
                disconnect(buf, index, length);
                return false;
            default:
                // PUBREL, UNSUBACK, AUTH, …: nothing herd asked for; ignored.
                return true;
        }
    }

    private boolean publishReceived(int header, ByteBuf buf, int index, int length) {
        int qos = (header >>> 1) & 3;
        int end = index + length;
        int at = index + 2;
        if (at > end || qos == 3) {
            return malformed("an MQTT PUBLISH is too short for its topic, or has QoS 3");
        }
        at += buf.getUnsignedShort(index);
        int packetId = 0;
        if (qos > 0) {
            if (at + 2 > end) {
                return malformed("an MQTT PUBLISH is too short for its packet id");
            }
            packetId = buf.getUnsignedShort(at);
            at += 2;
        }
        if (protocol.version().hasProperties()) {
            long properties = MqttVarint.read(buf, at, end);
            if (properties < 0) {
                return malformed("an MQTT PUBLISH's properties length does not parse");
            }
            at += MqttVarint.bytes(properties) + MqttVarint.value(properties);
        }
        if (at > end) {
            return malformed("an MQTT PUBLISH is shorter than its topic and properties");
        }
        session.deliver(buf, at, end - at);
        if (qos == 1) {
            ChannelHandlerContext ctx = context();
            ByteBuf puback = ctx.alloc().buffer(4);
            MqttPacketWriter.writePuback(puback, packetId);
            ctx.write(new BinaryWebSocketFrame(puback));
            acksWritten = true;
        }
        // QoS 2 is never asked for (SUBSCRIBE asks for 1 at most): delivered, not acknowledged.
        return true;
    }

    private boolean pubackReceived(ByteBuf buf, int index, int length) {
        if (inFlight == null) {
            return true;
        }
        if (length < 2) {
            return malformed("an MQTT PUBACK is too short for its packet id");
        }
        int packetId = buf.getUnsignedShort(index);
        if (length > 2 && buf.getUnsignedByte(index + 2) >= 0x80) {
            inFlight.failed(packetId, MqttInFlight.REFUSED);
        } else {
            inFlight.acknowledged(packetId);
        }
        return true;
    }

    private boolean connack(ByteBuf buf, int index, int length) {
        if (length < 2) {
            return malformed("an MQTT CONNACK is too short for its return code");
        }
        int code = buf.getUnsignedByte(index + 1);
        MqttVersion version = protocol.version();
        int keepaliveSeconds = protocol.keepaliveSeconds();
        int receiveMaximum = MqttInFlight.CAPACITY;
        String reason = null;
        if (version.hasProperties() && length > 2) {
            long properties = MqttVarint.read(buf, index + 2, index + length);
            if (properties >= 0) {
                int from = index + 2 + MqttVarint.bytes(properties);
                int to = Math.min(index + length, from + MqttVarint.value(properties));
                int at = MqttProperties.find(buf, from, to, MqttProperties.SERVER_KEEP_ALIVE);
                keepaliveSeconds = at >= 0 && at + 2 <= to ? buf.getUnsignedShort(at) : keepaliveSeconds;
                at = MqttProperties.find(buf, from, to, MqttProperties.RECEIVE_MAXIMUM);
                receiveMaximum = at >= 0 && at + 2 <= to ? buf.getUnsignedShort(at) : receiveMaximum;
                at = MqttProperties.find(buf, from, to, MqttProperties.REASON_STRING);
                if (at >= 0 && at + 2 <= to) {
                    reason = buf.toString(at + 2, Math.min(buf.getUnsignedShort(at), to - at - 2),
                            StandardCharsets.UTF_8);
                }
            }
        }
        boolean accepted = version.hasProperties() ? code < 0x80 : code == 0;
        if (!accepted) {
            state = ENDED;
            session.rejected("MQTT CONNACK refused the connection: " + MqttReasons.describe(version, code)
                    + (reason == null ? "" : " (" + oneLine(reason) + ")"));
            return false;
        }
        startKeepalive(keepaliveSeconds);
        if (session.role() == ClientRole.PUBLISHER) {
            if (protocol.qos() == 1) {
                inFlight = new MqttInFlight(receiveMaximum);
            }
            state = OPEN;
            session.subscribed();
        } else {
            state = SUBSCRIBING;
            ChannelHandlerContext ctx = context();
            ByteBuf subscribe = ctx.alloc().buffer(32);
            try {
                MqttPacketWriter.writeSubscribe(subscribe, version, SUBSCRIBE_PACKET_ID, protocol.topic(),
                        session.values(), protocol.qos());
            } catch (RuntimeException e) {
                subscribe.release();
                throw e;
            }
            send(ctx, subscribe, false);
        }
        return true;
    }

    private boolean suback(ByteBuf buf, int index, int length) {
        int end = index + length;
        int at = index + 2;
        if (at > end) {
            return malformed("an MQTT SUBACK is too short for its packet id");
        }
        if (buf.getUnsignedShort(index) != SUBSCRIBE_PACKET_ID) {
            return true;
        }
        if (protocol.version().hasProperties()) {
            long properties = MqttVarint.read(buf, at, end);
            if (properties < 0) {
                return malformed("an MQTT SUBACK's properties length does not parse");
            }
            at += MqttVarint.bytes(properties) + MqttVarint.value(properties);
        }
        if (at >= end) {
            return malformed("an MQTT SUBACK has no return code");
        }
        int code = buf.getUnsignedByte(at);
        if (code >= 0x80) {
            state = ENDED;
            session.rejected("MQTT SUBACK refused the subscription: " + MqttReasons.describe(protocol.version(), code));
            return false;
        }
        state = OPEN;
        session.subscribed();
        return true;
    }

    private void disconnect(ByteBuf buf, int index, int length) {
        String why = "MQTT DISCONNECT from the server" + (length > 0 && protocol.version().hasProperties()
                ? ": " + MqttReasons.describe(protocol.version(), buf.getUnsignedByte(index)) : "");
        byte was = state;
        state = ENDED;
        if (was == OPEN) {
            session.violated(FailureReason.PROTOCOL_ERROR, why);
        } else {
            session.rejected(why);
        }
    }

    private boolean malformed(String why) {
        state = ENDED;
        session.violated(FailureReason.PROTOCOL_MALFORMED, why);
        return false;
    }

    private void startKeepalive(int seconds) {
        if (seconds <= 0) {
            return;
        }
        long periodNanos = TimeUnit.SECONDS.toNanos(seconds);
        every(periodNanos, this::sendPingreq);
        silenceNanos = periodNanos + periodNanos / 2;
        lastHeardNanos = nowNanos();
        deadline(silenceNanos, this::checkServerHeard);
    }

    private void sendPingreq() {
        ChannelHandlerContext ctx = context();
        ByteBuf ping = ctx.alloc().buffer(2);
        MqttPacketWriter.writePingreq(ping);
        send(ctx, ping, false);
    }

    /** Fails the connection once the server has been silent for 1.5 keep-alives; else looks again then. */
    private void checkServerHeard() {
        if (state == ENDED) {
            return;
        }
        long silentNanos = nowNanos() - lastHeardNanos;
        if (silentNanos >= silenceNanos) {
            state = ENDED;
            session.violated(FailureReason.HEARTBEAT_TIMEOUT, "no MQTT packet (PINGRESP or other) from the server for "
                    + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms (1.5 times the keep alive)");
        } else {
            deadline(silenceNanos - silentNanos, this::checkServerHeard);
        }
    }

    @Override
    protected void publish(ChannelHandlerContext ctx, ByteBuf payload, ChannelPromise promise) {
        if (state != OPEN) {
            discard(payload, promise, new IllegalStateException("the MQTT connection is not open"));
            return;
        }
        int qos = protocol.qos();
        int packetId = 0;
        if (qos == 1) {
            packetId = inFlight.add(promise);
            if (packetId == 0) {
                discard(payload, promise, MqttInFlight.WINDOW_FULL);
                return;
            }
        }
        ByteBuf packet = ctx.alloc().buffer(protocol.topic().maxBytes(64)
                + MqttPacketWriter.publishOverhead(payload.readableBytes()));
        try {
            MqttPacketWriter.writePublish(packet, protocol.version(), protocol.topic(), session.values(), qos,
                    packetId, payload);
        } catch (RuntimeException e) {
            packet.release();
            if (qos == 1) {
                inFlight.failed(packetId, e);
            }
            discard(payload, promise, e);
            return;
        }
        payload.release();
        if (qos == 0) {
            writePublish(ctx, packet, false, promise);
            return;
        }
        // QoS 1 counts as published on PUBACK; the write's own promise only reports a failed write.
        int id = packetId;
        ChannelPromise written = ctx.newPromise();
        written.addListener(f -> {
            if (!f.isSuccess()) {
                inFlight.failed(id, f.cause());
            }
        });
        writePublish(ctx, packet, false, written);
    }

    @Override
    protected void ended() {
        reader.release();
        if (inFlight != null) {
            inFlight.failAll(MqttInFlight.CLOSED);
        }
        byte was = state;
        state = ENDED;
        if (was == CONNECTING || was == SUBSCRIBING) {
            session.rejected("the server closed the connection during the MQTT handshake");
        }
    }

    private static String oneLine(String text) {
        StringBuilder line = new StringBuilder(Math.min(text.length(), 200));
        for (int k = 0; k < text.length() && line.length() < 200; k++) {
            char c = text.charAt(k);
            line.append(Character.isISOControl(c) ? ' ' : c);
        }
        return line.toString();
    }
}
