package dev.herd.engine.protocol.script;

import dev.herd.engine.client.ClientRole;
import dev.herd.engine.connect.FailureReason;
import dev.herd.engine.protocol.FrameValues;
import dev.herd.engine.protocol.Placeholders;
import dev.herd.engine.protocol.ProtocolSession;
import dev.herd.engine.protocol.ProtocolStage;
import dev.herd.engine.receive.ReceiveBudget;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * One connection speaking a {@link ScriptProtocol}: runs its steps in order once upgraded (a subscriber {@code
 * connect} then {@code subscribe}, a publisher {@code connect} then {@code publish.steps}), starts its {@code every} timers, then checks each
 * received frame against the {@code on} rules (first match wins: reply, or keep the frame as the protocol's own) and
 * hands every other frame to the stamp scan whole. A publish is the script's publish frame around the payload.
 *
 * <p>Per connection it holds the step it is at, its state and the values it captured (drawn on the run's receive
 * budget, as they stay for the connection's life); matching allocates nothing.
 * It is also the {@link FrameValues} of its frames: captures and the publish's {@code {{payload}}}, {@code
 * {{length}}} and {@code {{stamp}}} here, the rest from the session.
 */
final class ScriptStage extends ProtocolStage implements FrameValues {

    private static final byte HANDSHAKE = 0;
    private static final byte OPEN = 1;
    private static final byte FAILED = 2;

    /** Room for each placeholder's value when sizing a frame's buffer: it grows if a value is longer. */
    private static final int PLACEHOLDER_BYTES = 16;
    private static final byte[] STAMP_START = {'~', 'h', '1', '.'};

    private final ScriptProtocol protocol;
    private final ScriptStep[] steps;
    private final boolean subscriber;
    private byte state = HANDSHAKE;
    /** The step being run: an {@code expect} waiting, or {@code steps.length} once all have run. */
    private int next;
    /** Captured values by slot, allocated once the first is taken. */
    private byte[][] captured;
    /** What the captured values draw on the run's receive budget: they are kept for the connection's life. */
    private ReceiveBudget.Share capturedShare;
    /** The payload being wrapped, during {@link #publish} only. */
    private ByteBuf payload;
    private int stampIndex;
    private int stampLength;

    ScriptStage(ScriptProtocol protocol, ProtocolSession session) {
        super(session);
        this.protocol = protocol;
        this.subscriber = session.role() != ClientRole.PUBLISHER;
        this.steps = protocol.steps(subscriber);
    }

    @Override
    protected void started(ChannelHandlerContext ctx) {
        for (EveryRule rule : protocol.every()) {
            repeat(rule.interval().toNanos(), () -> send(context(), rule.frame()));
        }
        advance(ctx);
    }

    @Override
    protected void received(ChannelHandlerContext ctx, ByteBuf content, boolean text) {
        int index = content.readerIndex();
        int length = content.readableBytes();
        if (state == OPEN) {
            OnRule rule = protocol.ruleFor(content, index, length);
            if (rule == null) {
                session.deliver(content, index, length);
            } else if (rule.reply() != null) {
                send(ctx, rule.reply());
            }
        } else if (state == HANDSHAKE) {
            handshakeFrame(ctx, content, index, length);
        }
    }

    /**
     * A frame before the subscription is acknowledged: it can refuse it or complete the {@code expect} waiting;
     * otherwise only the {@code on} replies apply (a server may ping before it answers), and it is not measured.
     */
    private void handshakeFrame(ChannelHandlerContext ctx, ByteBuf buf, int index, int length) {
        if (next < steps.length && steps[next] instanceof ScriptStep.Expect expect) {
            if (expect.reject() != null && expect.reject().matches(buf, index, length)) {
                state = FAILED;
                cancelDeadline();
                session.rejected(protocol.stepName(subscriber, next) + ": a frame matched reject '" + expect.reject() + "'");
                return;
            }
            if (expect.match().matches(buf, index, length)) {
                if (capture(expect, buf, index, length)) {
                    cancelDeadline();
                    next++;
                    advance(ctx);
                }
                return;
            }
        }
        OnRule rule = protocol.ruleFor(buf, index, length);
        if (rule != null && rule.reply() != null) {
            send(ctx, rule.reply());
        }
    }

    /** Runs the steps from {@link #next} until one waits for a frame; acknowledges when none is left. */
    private void advance(ChannelHandlerContext ctx) {
        while (next < steps.length) {
            ScriptStep step = steps[next];
            if (step instanceof ScriptStep.Expect expect) {
                deadline(expect.timeout().toNanos(), this::stepTimedOut);
                return;
            }
            ChannelFuture written = send(ctx, ((ScriptStep.Send) step).frame());
            next++;
            if (next == steps.length) {
                // The last step is a send: acknowledged once it is written, not when it is queued.
                written.addListener(f -> {
                    if (f.isSuccess()) {
                        acknowledge();
                    }
                });
                return;
            }
        }
        acknowledge();
    }

    private void acknowledge() {
        if (state == HANDSHAKE) {
            state = OPEN;
            session.subscribed();
        }
    }

    private void stepTimedOut() {
        if (state == HANDSHAKE) {
            state = FAILED;
            ScriptStep.Expect expect = (ScriptStep.Expect) steps[next];
            session.subscribeTimedOut(protocol.stepName(subscriber, next) + ": no frame with '" + expect.match() + "' within "
                    + expect.timeout().toMillis() + " ms");
        }
    }

    /** Takes each capture of the step from the frame; false (and the connection failed) when one is not there. */
    private boolean capture(ScriptStep.Expect expect, ByteBuf buf, int index, int length) {
        for (ScriptStep.Capture c : expect.captures()) {
            byte[] value = c.pattern().group1(buf, index, length);
            if (value == null) {
                state = FAILED;
                cancelDeadline();
                session.violated(FailureReason.PROTOCOL_MALFORMED, protocol.stepName(subscriber, next) + ": capture "
                        + c.name() + " found nothing in the frame that matched '" + expect.match() + "'");
                return false;
            }
            if (captured == null) {
                captured = new byte[protocol.captureCount()][];
                capturedShare = session.receiveShare();
            }
            int slot = protocol.captureSlot(c.name());
            long was = captured[slot] == null ? 0 : captured[slot].length;
            if (!capturedShare.hold(capturedBytes() - was + value.length)) {
                state = FAILED;
                cancelDeadline();
                session.violated(FailureReason.LOCAL_RECEIVE_BUDGET, protocol.stepName(subscriber, next)
                        + ": the run's receive budget cannot hold capture " + c.name() + " (--receive-budget)");
                return false;
            }
            captured[slot] = value;
        }
        return true;
    }

    private long capturedBytes() {
        long bytes = 0;
        for (byte[] value : captured) {
            bytes += value == null ? 0 : value.length;
        }
        return bytes;
    }

    @Override
    protected void ended() {
        if (capturedShare != null) {
            capturedShare.release();
        }
    }

    @Override
    protected void publish(ChannelHandlerContext ctx, ByteBuf payload, ChannelPromise promise) {
        ScriptFrame frame = protocol.script().publish();
        if (frame == null) {
            discard(payload, promise, new IllegalStateException("script " + protocol.name()
                    + " has no publish frame"));
            return;
        }
        ByteBuf out = ctx.alloc().buffer(frame.template().maxBytes(PLACEHOLDER_BYTES) + payload.readableBytes());
        try {
            this.payload = payload;
            if (frame.template().uses(Placeholders.STAMP)) {
                findStamp(payload);
            }
            frame.template().write(out, this);
        } catch (RuntimeException e) {
            out.release();
            promise.tryFailure(e);
            return;
        } finally {
            this.payload = null;
            payload.release();
        }
        writePublish(ctx, out, !frame.binary(), promise);
    }

    /** Where {@code ~h1.…~} is in the payload, for {@code {{stamp}}}; nothing when it has none. */
    private void findStamp(ByteBuf p) {
        stampIndex = -1;
        stampLength = 0;
        int end = p.writerIndex();
        for (int at = p.indexOf(p.readerIndex(), end, STAMP_START[0]); at >= 0 && at + STAMP_START.length < end;
                at = p.indexOf(at + 1, end, STAMP_START[0])) {
            if (p.getByte(at + 1) == STAMP_START[1] && p.getByte(at + 2) == STAMP_START[2]
                    && p.getByte(at + 3) == STAMP_START[3]) {
                int close = p.indexOf(at + STAMP_START.length, end, STAMP_START[0]);
                if (close >= 0) {
                    stampIndex = at;
                    stampLength = close + 1 - at;
                }
                return;
            }
        }
    }

    private ChannelFuture send(ChannelHandlerContext ctx, ScriptFrame frame) {
        ByteBuf out = ctx.alloc().buffer(frame.template().maxBytes(PLACEHOLDER_BYTES));
        try {
            frame.template().write(out, this);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        return send(ctx, out, !frame.binary());
    }

    // FrameValues: what the stage knows itself, then the session's placeholders (topic, client, ref, feeder columns).

    @Override
    public void write(String name, ByteBuf out) {
        switch (name) {
            case Placeholders.PAYLOAD -> {
                if (payload != null) {
                    out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
                }
            }
            case Placeholders.LENGTH -> Placeholders.writeDecimal(out, payload == null ? 0 : payload.readableBytes());
            case Placeholders.STAMP -> {
                if (payload != null && stampIndex >= 0) {
                    out.writeBytes(payload, stampIndex, stampLength);
                }
            }
            default -> {
                int slot = protocol.captureSlot(name);
                if (slot < 0) {
                    session.values().write(name, out);
                } else if (captured != null && captured[slot] != null) {
                    // A capture not taken yet (an every frame before its step) is written as nothing.
                    out.writeBytes(captured[slot]);
                }
            }
        }
    }
}
