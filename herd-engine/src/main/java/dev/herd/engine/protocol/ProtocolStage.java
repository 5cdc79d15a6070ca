package dev.herd.engine.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One connection's protocol stage: a pipeline handler after herd's WebSocket handler that speaks a {@link
 * WireProtocol} for its {@link ProtocolSession}. It starts on {@link ProtocolStarted}, reads every data message the
 * WebSocket delivers ({@link #received}; the frame is released after the call), wraps each payload a publisher writes
 * to the channel as a {@link ByteBuf} ({@link #publish}), and cancels its timers when the connection ends.
 *
 * <p>Event loop only. Time comes from the loop's {@linkplain io.netty.util.concurrent.Ticker ticker}, so tests move it
 * with {@code EmbeddedChannel.advanceTimeBy}. Subclasses keep per-connection state small: 10,000 connections hold
 * 10,000 stages.
 */
public abstract class ProtocolStage extends ChannelDuplexHandler {

    protected final ProtocolSession session;
    private ChannelHandlerContext context;
    private ScheduledFuture<?> periodic;
    private ScheduledFuture<?> deadline;
    /** The tasks of {@link #repeat}: none for most stages, so no array until the first. */
    private ScheduledFuture<?>[] repeating;

    protected ProtocolStage(ProtocolSession session) {
        this.session = session;
    }

    /** The upgrade is done: begin the protocol's handshake. */
    protected abstract void started(ChannelHandlerContext ctx);

    /**
     * One data message (a whole WebSocket message, text or binary): {@code content}'s readable bytes, valid during the
     * call only.
     */
    protected abstract void received(ChannelHandlerContext ctx, ByteBuf content, boolean text);

    /**
     * Writes {@code payload} (a stamped message, owned by this call: release it) as the protocol's publish frame,
     * completing {@code promise} when the frame is written.
     */
    protected abstract void publish(ChannelHandlerContext ctx, ByteBuf payload, ChannelPromise promise);

    /** The connection ended: timers are cancelled already; release what the stage holds. */
    protected void ended() {
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ProtocolStarted.INSTANCE) {
            started(ctx);
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            WebSocketFrame frame = (WebSocketFrame) msg;
            try {
                received(ctx, frame.content(), frame instanceof TextWebSocketFrame);
            } finally {
                frame.release();
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf payload) {
            publish(ctx, payload, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopTimers();
        ended();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopTimers();
    }

    /** Writes and flushes {@code content} (owned by the call) as one text or binary WebSocket message. */
    protected final ChannelFuture send(ChannelHandlerContext ctx, ByteBuf content, boolean text) {
        return ctx.writeAndFlush(text ? new TextWebSocketFrame(content) : new BinaryWebSocketFrame(content));
    }

    /** Writes {@code template}, filled from {@code values}, as one text message and flushes it. */
    protected final ChannelFuture sendText(ChannelHandlerContext ctx, FrameTemplate template, FrameValues values) {
        ByteBuf out = ctx.alloc().buffer();
        try {
            template.write(out, values);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        return send(ctx, out, true);
    }

    /** Writes {@code content} (owned by the call) as the frame of a publish, completing {@code promise}. */
    protected final void writePublish(ChannelHandlerContext ctx, ByteBuf content, boolean text, ChannelPromise promise) {
        ctx.write(text ? new TextWebSocketFrame(content) : new BinaryWebSocketFrame(content), promise);
    }

    /** Now on the loop's clock, in nanoseconds (moved by tests through the channel's ticker). */
    protected final long nowNanos() {
        return context.executor().ticker().nanoTime();
    }

    /** Runs {@code task} every {@code periodNanos}, first after one period, until the connection ends. */
    protected final void every(long periodNanos, Runnable task) {
        if (periodic != null) {
            periodic.cancel(false);
        }
        periodic = context.executor().scheduleAtFixedRate(task, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code task} every {@code periodNanos}, first after one period, until the connection ends: like {@link
     * #every}, but adds a task instead of replacing the one {@code every} holds, for a stage with several periodic
     * frames (a script's {@code every} rules). Each costs the connection one scheduled task.
     */
    protected final void repeat(long periodNanos, Runnable task) {
        ScheduledFuture<?> future = context.executor().scheduleAtFixedRate(task, periodNanos, periodNanos,
                TimeUnit.NANOSECONDS);
        if (repeating == null) {
            repeating = new ScheduledFuture<?>[] {future};
        } else {
            repeating = Arrays.copyOf(repeating, repeating.length + 1);
            repeating[repeating.length - 1] = future;
        }
    }

    /** Runs {@code task} once after {@code delayNanos} unless {@link #cancelDeadline()} comes first. */
    protected final void deadline(long delayNanos, Runnable task) {
        cancelDeadline();
        deadline = context.executor().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    protected final void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    protected final ChannelHandlerContext context() {
        return context;
    }

    private void stopTimers() {
        cancelDeadline();
        if (periodic != null) {
            periodic.cancel(false);
            periodic = null;
        }
        if (repeating != null) {
            for (ScheduledFuture<?> future : repeating) {
                future.cancel(false);
            }
            repeating = null;
        }
    }

    /** Releases {@code msg} if it is reference-counted: for a publish the stage cannot send. */
    protected static void discard(Object msg, ChannelPromise promise, Throwable why) {
        ReferenceCountUtil.release(msg);
        promise.tryFailure(why);
    }
}
