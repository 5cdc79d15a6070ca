package dev.herd.engine.publish;

import dev.herd.engine.client.ClientSession;
import dev.herd.engine.clock.RunClock;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.LoopMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import dev.herd.engine.protocol.FrameValues;
import dev.herd.engine.ws.WsSession;

/**
 * Publishes a topic's messages as frames on a WebSocket publisher connection (chat-style targets, where a
 * client's frame reaches the topic's subscribers). A message counts as published once the write to the
 * socket succeeded. When the run speaks a protocol, the payload is written as it is and the connection's protocol
 * stage wraps it in the protocol's publish frame (MQTT PUBLISH, STOMP SEND, a Socket.IO event, a script's frame).
 */
public final class WsPublishOutlet implements PublishOutlet {

    /** Beyond this many bytes waiting to be written, slots are skipped: the target is not reading. */
    private static final long MAX_PENDING_BYTES = 64L << 20;

    private final ClientSession session;
    private final TopicLedger ledger;
    private final PayloadTemplate template;
    private final boolean binary;
    private final boolean protocolFramed;
    private final long runId;
    private final RunClock clock;
    private final LoopMetrics metrics;
    private final FrameValues values;
    private Channel dirty;

    public WsPublishOutlet(ClientSession session, TopicLedger ledger, PayloadTemplate template, boolean binary,
                           long runId, RunClock clock, LoopMetrics metrics) {
        this.session = session;
        this.protocolFramed = session instanceof WsSession ws && ws.speaksProtocol();
        this.values = session instanceof FrameValues v ? v : null;
        this.ledger = ledger;
        this.template = template;
        this.binary = binary;
        this.runId = runId;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public boolean offer(int topicIndex, long intendedEpochNanos) {
        Channel ch = session.openChannel();
        if (ch == null || (!ch.isWritable() && ch.bytesBeforeWritable() > MAX_PENDING_BYTES)) {
            return false;
        }
        long seq = ledger.nextSeq();
        ByteBuf payload = ch.alloc().buffer(template.maxBytes());
        template.write(payload, values, runId, topicIndex, seq, intendedEpochNanos, clock.nowNanos());
        Object message = protocolFramed ? payload
                : binary ? new BinaryWebSocketFrame(payload) : new TextWebSocketFrame(payload);
        ch.write(message).addListener(f -> {
            if (f.isSuccess()) {
                ledger.recordAccepted();
                metrics.increment(CounterId.PUBLISHED);
            } else {
                ledger.recordFailed(seq);
                metrics.increment(CounterId.PUBLISH_FAILED);
            }
        });
        dirty = ch;
        return true;
    }

    @Override
    public void flush() {
        if (dirty != null) {
            dirty.flush();
            dirty = null;
        }
    }
}
